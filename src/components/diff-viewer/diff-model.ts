/**
 * The DiffViewer's model beside its components: the list of files (shown and filtered, in git's
 * path order), parsed patches cached per file object, pixel estimates for the virtualizers, the
 * language guessed for syntax highlighting, and next/previous navigation over files and changes.
 */
import type { DiffFileState, FileDiff, FilteredFile } from '../../core/index.js';
import { languageOfPath } from '../shared/languages.js';
import {
  blockRows,
  type DiffBlock,
  type Expansions,
  type FilePlan,
  fileFacts,
  isFoldable,
  planFile,
} from './diff-plan.js';
import { type ParsedPatch, parsePatch } from './parse-patch.js';

/** A file of the diff: with its patch, or filtered out by the server (binary or too large). */
export interface DiffEntry {
  path: string;
  oldPath?: string | undefined;
  state: DiffFileState;
  /** Size of the patch in bytes, as the server reported it. */
  bytes: number;
  filtered: boolean;
  raw?: string | undefined;
  additions?: number | undefined;
  deletions?: number | undefined;
}

/** The diff a `DiffView` shows: what `getBranchDiff` and `getCommitDiff` return. */
export interface DiffData {
  files: readonly FileDiff[];
  filteredFiles: readonly FilteredFile[];
}

export const FILE_HEADER_HEIGHT = 40;
export const ROW_HEIGHT = 20;
const HUNK_HEIGHT = 28;
const FOLD_HEIGHT = 32;
const NOTE_HEIGHT = 24;
const PLACEHOLDER_HEIGHT = 48;
/** A guess only: annotations are the app's content, measured once drawn. */
const ANNOTATION_HEIGHT = 64;
const FILE_GAP = 12;

/** Syntax highlighting is turned off for a file whose patch has more lines than this. */
export const HIGHLIGHT_MAX_LINES = 5_000;

/** Files in git's order (byte order of paths), the filtered ones among them. */
export function diffEntries(diff: DiffData): DiffEntry[] {
  const entries: DiffEntry[] = [
    ...diff.files.map((f) => ({
      path: f.path,
      oldPath: f.oldPath,
      state: f.state,
      bytes: f.bytes,
      filtered: false,
      raw: f.raw,
      additions: f.additions,
      deletions: f.deletions,
    })),
    ...diff.filteredFiles.map((f) => ({
      path: f.path,
      oldPath: f.oldPath,
      state: f.state,
      bytes: f.bytes,
      filtered: true,
    })),
  ];
  if (diff.filteredFiles.length > 0)
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return entries;
}

const parsed = new WeakMap<DiffEntry, ParsedPatch>();
const EMPTY: ParsedPatch = parsePatch('');

/** The entry's patch, parsed once. */
export function patchOf(entry: DiffEntry): ParsedPatch {
  if (entry.raw === undefined) return EMPTY;
  let patch = parsed.get(entry);
  if (!patch) {
    patch = parsePatch(entry.raw);
    parsed.set(entry, patch);
  }
  return patch;
}

const plans = new WeakMap<
  DiffEntry,
  { expansions: Expansions | undefined; expandable: boolean; plan: FilePlan }
>();

/**
 * The entry's blocks, planned once per set of expansions. `expandable`: folds can be opened, so
 * the one after the last hunk (whose length is unknown until the file is read) is offered too.
 */
export function planOf(
  entry: DiffEntry,
  expansions: Expansions | undefined,
  expandable: boolean,
): FilePlan {
  const cached = plans.get(entry);
  if (cached && cached.expansions === expansions && cached.expandable === expandable) {
    return cached.plan;
  }
  const patch = patchOf(entry);
  const plan = planFile(patch, {
    foldable: isFoldable(entry.state, patch),
    endFold: expandable,
    ...(expansions ? { expansions } : {}),
  });
  plans.set(entry, { expansions, expandable, plan });
  return plan;
}

export function factsOf(entry: DiffEntry) {
  return fileFacts(entry, patchOf(entry));
}

export function blockHeight(block: DiffBlock, split: boolean): number {
  switch (block.type) {
    case 'lines':
      return blockRows(block, split) * ROW_HEIGHT;
    case 'hunk':
      return HUNK_HEIGHT;
    case 'fold':
      return FOLD_HEIGHT;
    case 'note':
      return NOTE_HEIGHT;
    case 'annotation':
      return ANNOTATION_HEIGHT;
  }
}

/**
 * Estimated height of a whole file (header, placeholder, blocks) before it is measured: from its
 * plan when it was planned already, else from its line counts — so a diff of thousands of files
 * parses only the files that are shown.
 */
export function fileHeight(entry: DiffEntry, split: boolean, collapsed: boolean): number {
  if (collapsed) return FILE_HEADER_HEIGHT + FILE_GAP;
  let height = FILE_HEADER_HEIGHT + FILE_GAP;
  const plan = plans.get(entry)?.plan;
  if (!plan) {
    const added = entry.additions ?? 0;
    const removed = entry.deletions ?? 0;
    if (entry.filtered || added + removed === 0) return height + PLACEHOLDER_HEIGHT;
    // One hunk header and a few context lines per twenty changed lines, as a guess.
    const rows = (split ? Math.max(added, removed) : added + removed) * 1.3 + 6;
    return height + HUNK_HEIGHT * Math.ceil((added + removed) / 20) + rows * ROW_HEIGHT;
  }
  if (entry.filtered || plan.blocks.length === 0) height += PLACEHOLDER_HEIGHT;
  for (const block of plan.blocks) height += blockHeight(block, split);
  return height;
}

/** The grammar for a path (by extension), or undefined; none for big patches. */
export function languageFor(entry: DiffEntry): string | undefined {
  if (patchOf(entry).kinds.length > HIGHLIGHT_MAX_LINES) return undefined;
  return languageOfPath(entry.path);
}

export interface Position {
  file: number;
  /** Index in the file's `changeStarts`; -1 for the file's start. */
  change: number;
}

/** The next (or previous) change from `from` across `files` files, or null at either end. */
export function stepChange(
  files: number,
  changeStarts: (i: number) => readonly number[],
  from: Position | null,
  direction: 1 | -1,
): Position | null {
  let file = from?.file ?? (direction === 1 ? 0 : files - 1);
  let change = from ? from.change + direction : direction === 1 ? 0 : Number.POSITIVE_INFINITY;
  while (file >= 0 && file < files) {
    const starts = changeStarts(file);
    if (direction === -1 && change === Number.POSITIVE_INFINITY) change = starts.length - 1;
    if (change >= 0 && change < starts.length) return { file, change };
    file += direction;
    change = direction === 1 ? 0 : Number.POSITIVE_INFINITY;
  }
  return null;
}
