/**
 * What a virtualized list that names its active row with `aria-activedescendant` needs: the active
 * row stays mounted whatever is scrolled into view (else the reference dangles after a wheel
 * scroll), and row ids come from what the row is (a path, a branch name), never from its index
 * (else a folder expanding above makes the reference point at another row).
 */
import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';

/** A `rangeExtractor` that renders the rows in view plus row `active` (when there is one). */
export function keepRowMounted(active: number): (range: Range) => number[] {
  return (range) => {
    const indexes = defaultRangeExtractor(range);
    if (active < 0 || active >= range.count || indexes.includes(active)) return indexes;
    return [...indexes, active].sort((a, b) => a - b);
  };
}

/** A DOM id for the row with key `key` in the list `base` (no whitespace, any key). */
export function rowDomId(base: string, key: string): string {
  return `${base}-${encodeURIComponent(key)}`;
}
