/** Small inline icons (decorative: always `aria-hidden`, the text next to them says it all). */
import type { TreeNodeKind } from '../file-browser/tree-model.js';

const PATHS: Record<TreeNodeKind | 'folder-open', string> = {
  file: 'M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13',
  folder: 'M1.5 3.5h5l1.5 1.5h6.5v8.5h-13z',
  'folder-open': 'M1.5 3.5h5l1.5 1.5h6.5v2 M1.5 3.5v10h11.5l1.5-6.5h-11.5l-1.5 6.5',
  symlink: 'M4 1.5h5.5L13 5v9.5H4z M6 11l4-4 M7 7h3v3',
  submodule: 'M2 2.5h12v11H2z M2 6h12 M5 2.5V6',
};

export function KindIcon(props: { kind: TreeNodeKind; open?: boolean }) {
  const d = PATHS[props.kind === 'folder' && props.open ? 'folder-open' : props.kind];
  return (
    <svg
      className={`gsk-icon gsk-icon--${props.kind}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  );
}
