/**
 * One conflicted file of a merge preview as hunks to resolve: a three-way merge of the base,
 * the target's ("ours" in the preview) and the source's ("theirs") text by node-diff3, the diff3
 * implementation of the field. Each conflict hunk takes the target's lines, the source's, both,
 * or text the user writes; the result is the file with every hunk resolved, or with git's
 * conflict markers where one is not yet. Plain TypeScript.
 */
import { diff3Merge } from 'node-diff3';
import type { ConflictFileResolution } from '../../core/review/index.js';
import type { PreviewMergeResult } from '../../core/types.js';

export type MergeConflict = PreviewMergeResult['conflicts'][number];

export type HunkChoice =
  | { kind: 'target' }
  | { kind: 'source' }
  | { kind: 'both'; first: 'target' | 'source' }
  | { kind: 'edit'; text: string };

export interface ConflictHunk {
  /** Position among the file's conflict hunks, from 0. */
  index: number;
  base: readonly string[];
  target: readonly string[];
  source: readonly string[];
}

export type ConflictRegion =
  | { kind: 'same'; lines: readonly string[] }
  | { kind: 'conflict'; hunk: ConflictHunk };

/** How a file can be resolved: hunk by hunk (text on both sides), or one side whole. */
export type ConflictShape =
  | { kind: 'text'; regions: readonly ConflictRegion[]; hunks: number }
  | { kind: 'whole'; why: 'binary' | 'too-large' | 'deleted'; target: boolean; source: boolean };

/** A whole-file choice: one side's file, or no file. */
export type WholeChoice = 'target' | 'source' | 'delete';

export interface FileChoices {
  hunks: ReadonlyMap<number, HunkChoice>;
  whole?: WholeChoice;
}

const present = (side: MergeConflict['ours']) => !!side?.oid;

/** Shapes by conflict object: a preview's conflicts are merged once, however often they render. */
const shapes = new WeakMap<MergeConflict, ConflictShape>();

/** The file's regions, or why it must be taken whole (computed once per conflict object). */
export function conflictShape(conflict: MergeConflict): ConflictShape {
  let shape = shapes.get(conflict);
  if (!shape) {
    shape = shapeOf(conflict);
    shapes.set(conflict, shape);
  }
  return shape;
}

function shapeOf(conflict: MergeConflict): ConflictShape {
  const { base, ours, theirs } = conflict;
  const target = present(ours);
  const source = present(theirs);
  if (!target || !source) return { kind: 'whole', why: 'deleted', target, source };
  if (ours?.binary || theirs?.binary || base?.binary) {
    return { kind: 'whole', why: 'binary', target, source };
  }
  const sides = [base, ours, theirs];
  if (
    sides.some((s) => s?.truncated) ||
    ours?.content === undefined ||
    theirs?.content === undefined
  ) {
    return { kind: 'whole', why: 'too-large', target, source };
  }
  return textShape(base?.content ?? '', ours.content, theirs.content);
}

export function textShape(base: string, target: string, source: string): ConflictShape {
  const regions: ConflictRegion[] = [];
  let hunks = 0;
  for (const region of diff3Merge(target.split('\n'), base.split('\n'), source.split('\n'), {
    excludeFalseConflicts: true,
  })) {
    if (region.ok) {
      const last = regions[regions.length - 1];
      if (last?.kind === 'same')
        regions[regions.length - 1] = { kind: 'same', lines: [...last.lines, ...region.ok] };
      else regions.push({ kind: 'same', lines: region.ok });
    } else if (region.conflict) {
      const { a, o, b } = region.conflict;
      regions.push({ kind: 'conflict', hunk: { index: hunks++, base: o, target: a, source: b } });
    }
  }
  return { kind: 'text', regions, hunks };
}

/** The lines a hunk's choice gives. */
export function chosenLines(hunk: ConflictHunk, choice: HunkChoice): readonly string[] {
  switch (choice.kind) {
    case 'target':
      return hunk.target;
    case 'source':
      return hunk.source;
    case 'both':
      return choice.first === 'target'
        ? [...hunk.target, ...hunk.source]
        : [...hunk.source, ...hunk.target];
    case 'edit':
      return choice.text.split('\n');
  }
}

/** How many of the file's conflicts are resolved, of how many. */
export function progress(shape: ConflictShape, choices: FileChoices | undefined) {
  if (shape.kind === 'whole') return { resolved: choices?.whole ? 1 : 0, total: 1 };
  let resolved = 0;
  for (let i = 0; i < shape.hunks; i++) if (choices?.hunks.has(i)) resolved++;
  return { resolved, total: shape.hunks };
}

/**
 * The file as resolved so far: chosen hunks applied, the others between git's conflict markers
 * (labelled with the branch names), so an unfinished result reads as `git merge` leaves it.
 */
export function resultText(
  shape: Extract<ConflictShape, { kind: 'text' }>,
  choices: FileChoices | undefined,
  names: { target: string; source: string },
): { text: string; complete: boolean } {
  const out: string[] = [];
  let complete = true;
  for (const region of shape.regions) {
    if (region.kind === 'same') {
      out.push(...region.lines);
      continue;
    }
    const choice = choices?.hunks.get(region.hunk.index);
    if (choice) {
      out.push(...chosenLines(region.hunk, choice));
    } else {
      complete = false;
      out.push(`<<<<<<< ${names.target}`, ...region.hunk.target, '=======', ...region.hunk.source);
      out.push(`>>>>>>> ${names.source}`);
    }
  }
  return { text: out.join('\n'), complete };
}

/** The resolution to commit for one file, or null while it is not fully resolved. */
export function fileResolution(
  conflict: MergeConflict,
  shape: ConflictShape,
  choices: FileChoices | undefined,
): ConflictFileResolution | null {
  if (shape.kind === 'whole') {
    const whole = choices?.whole;
    if (!whole) return null;
    if (whole === 'delete') return { path: conflict.path, delete: true };
    return { path: conflict.path, take: whole };
  }
  const { text, complete } = resultText(shape, choices, { target: '', source: '' });
  return complete ? { path: conflict.path, content: text } : null;
}

/**
 * Names a conflict by its three blobs: choices made for it still apply after a preview re-runs
 * (a branch moved) only if the file conflicts the same way.
 */
export function conflictKey(conflict: MergeConflict): string {
  return [conflict.path, conflict.base?.oid, conflict.ours?.oid, conflict.theirs?.oid].join('\0');
}
