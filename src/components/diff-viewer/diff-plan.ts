/**
 * The plan of what a file's diff shows, as plain data: hunk headers, folded unchanged regions,
 * notes, and the lines cut into bounded pieces. Each piece is what one react-diff-viewer-continued
 * instance is given, so no instance ever sees more than `PIECE_ROWS` old and new lines — it
 * re-diffs its input and post-processes it in quadratic time, harmless at 50 lines.
 *
 * A piece is either unchanged lines (the same text on both sides) or one stretch of removed lines
 * with the added lines git paired with them. Given such a piece, the viewer's own line diff finds
 * exactly git's lines again — unless a removed line's text equals an added line's text (a moved
 * `}` or blank line), which it would show as unchanged. Such a stretch is split into a removed-only
 * and an added-only piece, so the rows shown are always git's, line for line.
 */
import type { DiffFileState } from '../../core/index.js';
import { isSymlinkMode, LineKind, type ParsedPatch, type PatchHunk } from './parse-patch.js';

/** Most old (and most new) lines one viewer instance is given. */
export const PIECE_ROWS = 50;

export type DiffBlock = HunkHeaderBlock | FoldBlock | LinesBlock | NoteBlock;

export interface HunkHeaderBlock {
  type: 'hunk';
  key: string;
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  section: string;
}

/** Unchanged lines not in the patch, shown on request. */
export interface FoldBlock {
  type: 'fold';
  key: string;
  /** First new-side line number folded, and the old side's. */
  newFrom: number;
  oldFrom: number;
  /** Lines folded; null after the last hunk, where the file's length is not known yet. */
  count: number | null;
}

export interface LinesBlock {
  type: 'lines';
  key: string;
  /** Removed/added lines (true) or unchanged lines (false). */
  change: boolean;
  oldStart: number;
  newStart: number;
  oldLines: readonly string[];
  newLines: readonly string[];
  /** Index of the change this piece belongs to (changes are numbered per file), or -1. */
  changeIndex: number;
  /** The first piece of its change: where "next change" lands. */
  firstOfChange: boolean;
}

export interface NoteBlock {
  type: 'note';
  key: string;
  note: 'noNewlineOld' | 'noNewlineNew' | 'noNewlineBoth';
}

export interface FilePlan {
  blocks: DiffBlock[];
  /** Index in `blocks` of the first piece of each change. */
  changeStarts: number[];
}

/** Lines of unchanged text fetched for a fold, by fold key. */
export type Expansions = ReadonlyMap<string, readonly string[]>;

const firstNew = (h: PatchHunk) => (h.newCount === 0 ? h.newStart + 1 : h.newStart);
const firstOld = (h: PatchHunk) => (h.oldCount === 0 ? h.oldStart + 1 : h.oldStart);
const afterNew = (h: PatchHunk) => firstNew(h) + h.newCount;
const afterOld = (h: PatchHunk) => firstOld(h) + h.oldCount;

/** True when two line lists share a text: the viewer would pair those lines as unchanged. */
function shareALine(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const seen = new Set(a);
  return b.some((line) => seen.has(line));
}

class PlanBuilder {
  readonly blocks: DiffBlock[] = [];
  readonly changeStarts: number[] = [];
  private changes = 0;
  private pieces = 0;

  context(oldStart: number, newStart: number, lines: readonly string[]): void {
    for (let i = 0; i < lines.length; i += PIECE_ROWS) {
      const slice = lines.slice(i, i + PIECE_ROWS);
      this.blocks.push({
        type: 'lines',
        key: `p${this.pieces++}`,
        change: false,
        oldStart: oldStart + i,
        newStart: newStart + i,
        oldLines: slice,
        newLines: slice,
        changeIndex: -1,
        firstOfChange: false,
      });
    }
  }

  change(
    oldStart: number,
    newStart: number,
    removed: readonly string[],
    added: readonly string[],
  ): void {
    const changeIndex = this.changes++;
    this.changeStarts.push(this.blocks.length);
    const pieces = Math.max(removed.length, added.length);
    const push = (o: number, n: number, oldLines: readonly string[], newLines: readonly string[]) =>
      this.blocks.push({
        type: 'lines',
        key: `p${this.pieces++}`,
        change: true,
        oldStart: o,
        newStart: n,
        oldLines,
        newLines,
        changeIndex,
        firstOfChange: this.blocks.length === this.changeStarts.at(-1),
      });
    for (let i = 0; i < pieces; i += PIECE_ROWS) {
      const oldLines = removed.slice(i, i + PIECE_ROWS);
      const newLines = added.slice(i, i + PIECE_ROWS);
      const o = oldStart + Math.min(i, removed.length);
      const n = newStart + Math.min(i, added.length);
      if (shareALine(oldLines, newLines)) {
        push(o, n, oldLines, []);
        push(o + oldLines.length, n, [], newLines);
      } else {
        push(o, n, oldLines, newLines);
      }
    }
  }

  hunk(h: PatchHunk, index: number): void {
    this.blocks.push({
      type: 'hunk',
      key: `h${index}`,
      oldStart: h.oldStart,
      oldCount: h.oldCount,
      newStart: h.newStart,
      newCount: h.newCount,
      section: h.section,
    });
    let oldLine = firstOld(h);
    let newLine = firstNew(h);
    const { lines, kinds } = h;
    let i = 0;
    while (i < lines.length) {
      if (kinds[i] === LineKind.context) {
        const from = i;
        while (i < lines.length && kinds[i] === LineKind.context) i++;
        this.context(oldLine, newLine, lines.slice(from, i));
        oldLine += i - from;
        newLine += i - from;
        continue;
      }
      const removed: string[] = [];
      const added: string[] = [];
      while (i < lines.length && kinds[i] !== LineKind.context) {
        (kinds[i] === LineKind.removed ? removed : added).push(lines[i] as string);
        i++;
      }
      this.change(oldLine, newLine, removed, added);
      oldLine += removed.length;
      newLine += added.length;
    }
    if (h.oldNoNewline || h.newNoNewline) {
      const note =
        h.oldNoNewline && h.newNoNewline
          ? 'noNewlineBoth'
          : h.oldNoNewline
            ? 'noNewlineOld'
            : 'noNewlineNew';
      this.blocks.push({ type: 'note', key: `n${index}`, note });
    }
  }

  /** A fold, or the lines fetched for it once expanded. */
  fold(fold: FoldBlock, expansions: Expansions | undefined): void {
    const lines = expansions?.get(fold.key);
    if (lines) this.context(fold.oldFrom, fold.newFrom, lines);
    else if (fold.count !== 0) this.blocks.push(fold);
  }
}

/**
 * The blocks of one file. `foldable` (both sides of the file exist as text) adds folds before,
 * between and after the hunks (after: unless `endFold` is false — its length is unknown until the
 * file is read); `expansions` replaces folds with the lines fetched for them.
 */
export function planFile(
  patch: ParsedPatch,
  options: { foldable: boolean; expansions?: Expansions; endFold?: boolean },
): FilePlan {
  const plan = new PlanBuilder();
  const { hunks } = patch;
  hunks.forEach((h, index) => {
    if (options.foldable) {
      const prev = hunks[index - 1];
      const newFrom = prev ? afterNew(prev) : 1;
      const oldFrom = prev ? afterOld(prev) : 1;
      const count = firstNew(h) - newFrom;
      if (count > 0)
        plan.fold({ type: 'fold', key: `f${index}`, newFrom, oldFrom, count }, options.expansions);
    }
    plan.hunk(h, index);
  });
  const last = hunks.at(-1);
  if (options.foldable && options.endFold !== false && last && !last.newNoNewline) {
    plan.fold(
      {
        type: 'fold',
        key: `f${hunks.length}`,
        newFrom: afterNew(last),
        oldFrom: afterOld(last),
        count: null,
      },
      options.expansions,
    );
  }
  return { blocks: plan.blocks, changeStarts: plan.changeStarts };
}

/** Rows a block takes: unified shows removed and added lines one under the other. */
export function blockRows(block: DiffBlock, split: boolean): number {
  if (block.type !== 'lines') return 1;
  if (!block.change) return block.oldLines.length;
  return split
    ? Math.max(block.oldLines.length, block.newLines.length)
    : block.oldLines.length + block.newLines.length;
}

/** What a file's header says besides its path, as facts for the labels to phrase. */
export type FileFact =
  | { kind: 'renamed'; from: string; similarity?: number }
  | { kind: 'copied'; from: string; similarity?: number }
  | { kind: 'modeChanged'; from: string; to: string }
  | { kind: 'typeChanged'; from: 'file' | 'symlink'; to: 'file' | 'symlink' }
  | { kind: 'symlink' }
  | { kind: 'binary' }
  | { kind: 'empty' };

/** Facts about a file: rename, copy, mode and type changes, symlink, binary, no text change. */
export function fileFacts(
  file: { state: DiffFileState; oldPath?: string },
  patch: ParsedPatch,
): FileFact[] {
  const facts: FileFact[] = [];
  const first = patch.sections[0];
  const lastSection = patch.sections.at(-1);
  if (file.state === 'renamed' && file.oldPath) {
    facts.push({ kind: 'renamed', from: file.oldPath, ...similarity(first?.similarity) });
  } else if (file.state === 'copied' && file.oldPath) {
    facts.push({ kind: 'copied', from: file.oldPath, ...similarity(first?.similarity) });
  }
  if (patch.sections.length === 2 && first && lastSection) {
    const from = isSymlinkMode(first.oldMode) ? 'symlink' : 'file';
    const to = isSymlinkMode(lastSection.newMode) ? 'symlink' : 'file';
    facts.push({ kind: 'typeChanged', from, to });
  } else if (first) {
    if (first.oldMode && first.newMode && first.oldMode !== first.newMode && !first.created) {
      facts.push({ kind: 'modeChanged', from: first.oldMode, to: first.newMode });
    }
    if (isSymlinkMode(first.newMode ?? first.oldMode)) facts.push({ kind: 'symlink' });
  }
  if (patch.sections.some((s) => s.binary)) facts.push({ kind: 'binary' });
  else if (patch.hunks.length === 0 && !facts.some((f) => f.kind === 'modeChanged')) {
    if (file.state === 'added' || file.state === 'deleted' || facts.length === 0) {
      facts.push({ kind: 'empty' });
    }
  }
  return facts;
}

function similarity(value: number | undefined): { similarity?: number } {
  return value === undefined || Number.isNaN(value) ? {} : { similarity: value };
}

/** Folds are offered when both sides exist as text: not for added, deleted or binary files. */
export function isFoldable(state: DiffFileState, patch: ParsedPatch): boolean {
  return (
    state !== 'added' &&
    state !== 'deleted' &&
    patch.sections.length === 1 &&
    !patch.sections[0]?.binary &&
    !isSymlinkMode(patch.sections[0]?.newMode) &&
    patch.hunks.length > 0
  );
}

/** The new blob id, so "viewed" can reset when a file changes again. */
export function fileIdentity(file: { path: string; raw?: string }, patch?: ParsedPatch): string {
  const blob = patch?.sections.at(-1)?.newBlob;
  return blob ? `${file.path}\0${blob}` : `${file.path}\0${file.raw?.length ?? 0}`;
}
