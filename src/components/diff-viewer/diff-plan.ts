/**
 * The plan of what a file's diff shows, as plain data: hunk headers, folded unchanged regions,
 * notes, and the lines cut into bounded pieces. Each piece is what one react-diff-viewer-continued
 * instance is given, so no instance ever sees more than `PIECE_ROWS` old and new lines — it
 * re-diffs its input and post-processes it in quadratic time, harmless at 50 lines.
 *
 * A piece is either unchanged lines (the same text on both sides) or one stretch of removed lines
 * with the added lines git printed after them. Given such a piece, the viewer's own line diff finds
 * exactly git's lines again — unless a removed line's text equals an added line's text (a moved
 * `}` or blank line), which it would show as unchanged; `DiffPiece` then renders the removed and
 * the added lines as two instances, so the rows shown are always git's, line for line.
 *
 * Pieces hold line indexes, not text: planning a 200,000-line patch allocates no strings, and a
 * piece's text is cut out of the patch only when it mounts.
 */
import type { DiffFileState } from '../../core/index.js';
import {
  isSymlinkMode,
  LineKind,
  lineText,
  type ParsedPatch,
  type PatchHunk,
} from './parse-patch.js';

/** Most old (and most new) lines one viewer instance is given. */
export const PIECE_ROWS = 50;

export type DiffBlock = HunkHeaderBlock | FoldBlock | LinesBlock | NoteBlock | AnnotationBlock;

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

/** Where a piece's lines come from: the patch, or unchanged lines read for an unfolded region. */
export interface LineSource {
  text(i: number): string;
}

export interface LinesBlock {
  type: 'lines';
  key: string;
  /** Removed/added lines (true) or unchanged lines (false). */
  change: boolean;
  /** Line numbers of the first old and the first new line. */
  oldStart: number;
  newStart: number;
  source: LineSource;
  /** The old side is lines `oldFrom` … `oldTo - 1` of the source; the new side likewise. */
  oldFrom: number;
  oldTo: number;
  newFrom: number;
  newTo: number;
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

/** App content drawn between rows, after the line an annotation is anchored to. */
export interface AnnotationBlock {
  type: 'annotation';
  key: string;
  /** The annotation's own key, as the app gave it. */
  id: string;
}

/** Which line an annotation follows: a line number on the old (removed) or new side. */
export interface LineAnchor {
  side: 'old' | 'new';
  line: number;
  id: string;
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

/** The lines `from` … `to - 1` of a source. */
export function sourceLines(source: LineSource, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(source.text(i));
  return out;
}

class PlanBuilder {
  readonly blocks: DiffBlock[] = [];
  readonly patchSource: LineSource;
  readonly changeStarts: number[] = [];
  private changes = 0;
  private pieces = 0;

  constructor(readonly patch: ParsedPatch) {
    this.patchSource = { text: (i) => lineText(patch, i) };
  }

  context(source: LineSource, from: number, to: number, oldStart: number, newStart: number): void {
    for (let i = from; i < to; i += PIECE_ROWS) {
      const stop = Math.min(to, i + PIECE_ROWS);
      this.blocks.push({
        type: 'lines',
        key: `p${this.pieces++}`,
        change: false,
        oldStart: oldStart + i - from,
        newStart: newStart + i - from,
        source,
        oldFrom: i,
        oldTo: stop,
        newFrom: i,
        newTo: stop,
        changeIndex: -1,
        firstOfChange: false,
      });
    }
  }

  /** Removed lines `[rFrom, rTo)` and the added lines `[aFrom, aTo)` printed after them. */
  change(
    source: LineSource,
    rFrom: number,
    rTo: number,
    aFrom: number,
    aTo: number,
    oldStart: number,
    newStart: number,
  ): void {
    const changeIndex = this.changes++;
    this.changeStarts.push(this.blocks.length);
    const length = Math.max(rTo - rFrom, aTo - aFrom);
    for (let i = 0; i < length; i += PIECE_ROWS) {
      const oldFrom = Math.min(rTo, rFrom + i);
      const newFrom = Math.min(aTo, aFrom + i);
      this.blocks.push({
        type: 'lines',
        key: `p${this.pieces++}`,
        change: true,
        oldStart: oldStart + (oldFrom - rFrom),
        newStart: newStart + (newFrom - aFrom),
        source,
        oldFrom,
        oldTo: Math.min(rTo, oldFrom + PIECE_ROWS),
        newFrom,
        newTo: Math.min(aTo, newFrom + PIECE_ROWS),
        changeIndex,
        firstOfChange: i === 0,
      });
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
    const { kinds } = this.patch;
    const source = this.patchSource;
    let i = h.from;
    while (i < h.to) {
      if (kinds[i] === LineKind.context) {
        const from = i;
        while (i < h.to && kinds[i] === LineKind.context) i++;
        this.context(source, from, i, oldLine, newLine);
        oldLine += i - from;
        newLine += i - from;
        continue;
      }
      // git prints a change as its removed lines, then its added lines.
      const rFrom = i;
      while (i < h.to && kinds[i] === LineKind.removed) i++;
      const aFrom = i;
      while (i < h.to && kinds[i] === LineKind.added) i++;
      this.change(source, rFrom, aFrom, aFrom, i, oldLine, newLine);
      oldLine += aFrom - rFrom;
      newLine += i - aFrom;
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
    if (lines)
      this.context(
        { text: (i) => lines[i] as string },
        0,
        lines.length,
        fold.oldFrom,
        fold.newFrom,
      );
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
  const plan = new PlanBuilder(patch);
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

/**
 * The plan with each anchor's annotation placed right after its line: the piece holding the line
 * is cut there (a change piece is a run of removed rows then added rows, as unified view draws
 * it; the cut falls after the anchored row of that run) and an annotation block goes in the cut.
 * Anchors on lines the diff does not show (folded, or outside every hunk) are left out.
 */
export function annotatePlan(plan: FilePlan, anchors: readonly LineAnchor[]): FilePlan {
  if (anchors.length === 0) return plan;
  const blocks: DiffBlock[] = [];
  const changeStarts: number[] = [];
  for (const block of plan.blocks) {
    if (block.type !== 'lines') {
      blocks.push(block);
      continue;
    }
    const removed = block.oldTo - block.oldFrom;
    const added = block.newTo - block.newFrom;
    // Each anchor as "after row r" of the block's run of rows.
    const cuts = new Map<number, string[]>();
    for (const a of anchors) {
      let row: number | null = null;
      if (block.change) {
        if (a.side === 'old' && a.line >= block.oldStart && a.line < block.oldStart + removed) {
          row = a.line - block.oldStart;
        } else if (
          a.side === 'new' &&
          a.line >= block.newStart &&
          a.line < block.newStart + added
        ) {
          row = removed + a.line - block.newStart;
        }
      } else {
        const start = a.side === 'old' ? block.oldStart : block.newStart;
        if (a.line >= start && a.line < start + removed) row = a.line - start;
      }
      if (row !== null) cuts.set(row, [...(cuts.get(row) ?? []), a.id]);
    }
    const rows = block.change ? removed + added : removed;
    let from = 0;
    let part = 0;
    const cutRows = [...cuts.keys()].sort((x, y) => x - y);
    for (const row of [...cutRows, rows - 1]) {
      const to = row + 1;
      if (to > from) {
        if (block.firstOfChange && part === 0) changeStarts.push(blocks.length);
        blocks.push(slicePiece(block, from, to, part++));
        from = to;
      }
      for (const id of cuts.get(row) ?? []) blocks.push({ type: 'annotation', key: `a:${id}`, id });
      cuts.delete(row);
    }
  }
  return { blocks, changeStarts };
}

/**
 * Rows `from` … `to - 1` of a piece's run: for unchanged lines both sides are those rows; for a
 * change the run is its removed rows, then its added rows, and each side keeps its share.
 */
function slicePiece(block: LinesBlock, from: number, to: number, part: number): LinesBlock {
  const removed = block.change ? block.oldTo - block.oldFrom : Number.POSITIVE_INFINITY;
  const [o0, o1] = [Math.min(from, removed), Math.min(to, removed)];
  const [n0, n1] = block.change
    ? [Math.max(from - removed, 0), Math.max(to - removed, 0)]
    : [from, to];
  return {
    ...block,
    key: part === 0 ? block.key : `${block.key}.${part}`,
    oldStart: block.oldStart + o0,
    newStart: block.newStart + n0,
    oldFrom: block.oldFrom + o0,
    oldTo: block.oldFrom + o1,
    newFrom: block.newFrom + n0,
    newTo: block.newFrom + n1,
    firstOfChange: block.firstOfChange && part === 0,
  };
}

/** Rows a block takes: unified shows removed and added lines one under the other. */
export function blockRows(block: DiffBlock, split: boolean): number {
  if (block.type !== 'lines') return 1;
  const removed = block.oldTo - block.oldFrom;
  const added = block.newTo - block.newFrom;
  if (!block.change) return removed;
  return split ? Math.max(removed, added) : removed + added;
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

/**
 * A file's identity for "viewed" marks: its path and new blob id (read from the patch's `index`
 * line without parsing the rest), so a mark lapses when the file changes again.
 */
export function fileIdentity(file: {
  path: string;
  raw?: string | undefined;
  bytes?: number;
}): string {
  const blob = patchBlobs(file.raw)?.new;
  return `${file.path}\0${blob ?? file.raw?.length ?? file.bytes ?? 0}`;
}

/** The old and new blob ids a patch names (`index OLD..NEW`), when it names them. */
export function patchBlobs(raw: string | undefined): { old: string; new: string } | undefined {
  const match = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/m.exec(raw?.slice(0, 4096) ?? '');
  return match ? { old: match[1] as string, new: match[2] as string } : undefined;
}

/**
 * What per-view state of one file's diff is keyed by: its path and both blob ids (the patch's
 * length where it names none), so the state of one diff never lands on another of the same path.
 */
export function diffViewKey(file: {
  path: string;
  raw?: string | undefined;
  bytes?: number;
}): string {
  const blobs = patchBlobs(file.raw);
  return `${file.path}\0${blobs ? `${blobs.old}..${blobs.new}` : (file.raw?.length ?? file.bytes ?? 0)}`;
}

/**
 * Whether `text` is the new-side blob the diff names: git's object id of its UTF-8 bytes
 * (SHA-1, or SHA-256 for a 64-hex id; an abbreviated id compares by prefix). True when the patch
 * names no blob (nothing to check against) or the browser has no SubtleCrypto.
 */
export async function isNewBlob(
  file: { raw?: string | undefined },
  text: string,
): Promise<boolean> {
  const wanted = patchBlobs(file.raw)?.new;
  const subtle = globalThis.crypto?.subtle;
  if (!wanted || !subtle) return true;
  const body = new TextEncoder().encode(text);
  const head = new TextEncoder().encode(`blob ${body.length}\0`);
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  const digest = await subtle.digest(wanted.length === 64 ? 'SHA-256' : 'SHA-1', bytes);
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return hex.startsWith(wanted);
}
