/**
 * Blame lines grouped the way code hosts show them: consecutive lines from one commit form a
 * group (commit title, author and date on its first line), and each commit gets an age from 0
 * (oldest in the file) to 9 (newest), for the shading beside the line numbers. Plain TypeScript.
 */
import type { BlameLine } from '../../core/browser.js';

export interface BlameGroup {
  commitSha: string;
  /** Index of the group's first line (0-based). */
  start: number;
  /** Lines in the group. */
  length: number;
  /** 0 (oldest commit of the file) … 9 (newest). */
  age: number;
  line: BlameLine;
}

export const AGE_STEPS = 10;

export function groupBlame(lines: readonly BlameLine[]): {
  groups: BlameGroup[];
  /** For each line, its group's index. */
  groupOfLine: Uint32Array;
} {
  let oldest = Number.POSITIVE_INFINITY;
  let newest = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    const t = line.authorTime.getTime();
    if (t < oldest) oldest = t;
    if (t > newest) newest = t;
  }
  const span = newest - oldest;
  const groups: BlameGroup[] = [];
  const groupOfLine = new Uint32Array(lines.length);
  lines.forEach((line, i) => {
    const last = groups.at(-1);
    if (last && last.commitSha === line.commitSha && last.start + last.length === i) {
      last.length++;
    } else {
      const age =
        span > 0
          ? Math.min(
              AGE_STEPS - 1,
              Math.floor(((line.authorTime.getTime() - oldest) / span) * AGE_STEPS),
            )
          : AGE_STEPS - 1;
      groups.push({ commitSha: line.commitSha, start: i, length: 1, age, line });
    }
    groupOfLine[i] = groups.length - 1;
  });
  return { groups, groupOfLine };
}
