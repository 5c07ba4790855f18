/**
 * The DiffViewer's model without React: patches read by their hunk counts (so content that looks
 * like a header stays content), headers and notes, pieces bounded by PIECE_ROWS with true line
 * numbers, folds and their expansion, and next/previous change across files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepChange } from '../../src/components/diff-viewer/diff-model.js';
import {
  fileFacts,
  type LinesBlock,
  PIECE_ROWS,
  planFile,
  sourceLines,
} from '../../src/components/diff-viewer/diff-plan.js';
import {
  hunkSide,
  LineKind,
  lineText,
  parsePatch,
} from '../../src/components/diff-viewer/parse-patch.js';

/** git's own patch of two texts (`git diff --no-index`), as the server would print it. */
function gitPatch(before: string | null, after: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'gsk-patch-'));
  try {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    if (before !== null) writeFileSync(a, before);
    if (after !== null) writeFileSync(b, after);
    try {
      execFileSync('git', ['diff', '--no-index', '--full-index', '--no-color', 'a', 'b'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      });
      return '';
    } catch (error) {
      return (error as { stdout: string }).stdout; // exit code 1 means "differs"
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = (n: number, f: (i: number) => string) =>
  `${Array.from({ length: n }, (_, i) => f(i)).join('\n')}\n`;

describe('parsePatch', () => {
  it('reads hunks by their counts: removed "--- x" and added "+++ y" lines are content', () => {
    const raw = gitPatch('keep\n-- x\n++ y\nend\n', 'keep\n++ y2\nend\n');
    const patch = parsePatch(raw);
    expect(patch.hunks).toHaveLength(1);
    const hunk = patch.hunks[0];
    if (!hunk) throw new Error('no hunk');
    expect(hunkSide(patch, hunk, 'old')).toEqual(['keep', '-- x', '++ y', 'end']);
    expect(hunkSide(patch, hunk, 'new')).toEqual(['keep', '++ y2', 'end']);
    expect(patch.additions).toBe(1);
    expect(patch.deletions).toBe(2);
  });

  it('notes a missing newline at the end of either side', () => {
    const patch = parsePatch(gitPatch('a\nb', 'a\nc\n'));
    expect(patch.hunks[0]?.oldNoNewline).toBe(true);
    expect(patch.hunks[0]?.newNoNewline).toBe(false);
    const plan = planFile(patch, { foldable: true });
    expect(plan.blocks.some((b) => b.type === 'note' && b.note === 'noNewlineOld')).toBe(true);
  });

  it('keeps CRLF and unicode line text exactly', () => {
    const patch = parsePatch(gitPatch('one\r\nzwei\r\n', 'one\r\nδύο ✓\r\n'));
    const texts = Array.from(patch.kinds, (_, i) => lineText(patch, i));
    expect(texts).toEqual(['one\r', 'zwei\r', 'δύο ✓\r']);
    expect([...patch.kinds]).toEqual([LineKind.context, LineKind.removed, LineKind.added]);
  });

  it('reads rename, mode, binary and type-change headers', () => {
    const renamed = parsePatch(
      'diff --git a/x b/y\nsimilarity index 90%\nrename from x\nrename to y\nindex 1..2 100644\n--- a/x\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n',
    );
    expect(renamed.sections[0]).toMatchObject({ renameFrom: 'x', renameTo: 'y', similarity: 90 });
    expect(fileFacts({ state: 'renamed', oldPath: 'x' }, renamed)).toContainEqual({
      kind: 'renamed',
      from: 'x',
      similarity: 90,
    });
    const mode = parsePatch('diff --git a/s b/s\nold mode 100644\nnew mode 100755\n');
    expect(fileFacts({ state: 'modified' }, mode)).toEqual([
      { kind: 'modeChanged', from: '100644', to: '100755' },
    ]);
    const binary = parsePatch(
      'diff --git a/p b/p\nindex 1..2 100644\nBinary files a/p and b/p differ\n',
    );
    expect(fileFacts({ state: 'modified' }, binary)).toContainEqual({ kind: 'binary' });
    const typeChange = parsePatch(
      'diff --git a/l b/l\ndeleted file mode 100644\nindex 1..0\n--- a/l\n+++ /dev/null\n@@ -1 +0,0 @@\n-text\ndiff --git a/l b/l\nnew file mode 120000\nindex 0..3\n--- /dev/null\n+++ b/l\n@@ -0,0 +1 @@\n+target\n\\ No newline at end of file\n',
    );
    expect(typeChange.sections).toHaveLength(2);
    expect(fileFacts({ state: 'type_changed' }, typeChange)).toContainEqual({
      kind: 'typeChanged',
      from: 'file',
      to: 'symlink',
    });
  });

  it('never throws on garbage', () => {
    for (const raw of [
      '',
      'junk',
      'diff --git a b\n@@ -x +y @@\n',
      'diff --git a/a b/a\n@@ -1,5 +1,5 @@\n a\n',
    ]) {
      expect(() => planFile(parsePatch(raw), { foldable: true })).not.toThrow();
    }
  });
});

describe('planFile', () => {
  const before = lines(400, (i) => `line ${i + 1}`);
  const afterLines = before.split('\n');
  afterLines[9] = 'changed 10'; // old line 10
  for (let i = 200; i < 330; i++) afterLines[i] = `rewritten ${i + 1}`; // 130 changed lines
  const after = afterLines.join('\n');
  const patch = parsePatch(gitPatch(before, after));
  const plan = planFile(patch, { foldable: true });
  const pieces = plan.blocks.filter((b): b is LinesBlock => b.type === 'lines');

  it('cuts every change into pieces of at most PIECE_ROWS old and new lines', () => {
    for (const p of pieces) {
      expect(p.oldTo - p.oldFrom).toBeLessThanOrEqual(PIECE_ROWS);
      expect(p.newTo - p.newFrom).toBeLessThanOrEqual(PIECE_ROWS);
    }
    expect(plan.changeStarts).toHaveLength(2);
    const big = pieces.filter((p) => p.changeIndex === 1);
    expect(big).toHaveLength(Math.ceil(130 / PIECE_ROWS));
    expect(big.map((p) => p.firstOfChange)).toEqual([true, false, false]);
  });

  it('gives each piece its true old and new line numbers', () => {
    const change = pieces.find((p) => p.changeIndex === 1 && !p.firstOfChange);
    if (!change) throw new Error('no second piece');
    expect(change.oldStart).toBe(201 + PIECE_ROWS);
    expect(sourceLines(change.source, change.oldFrom, change.oldTo)[0]).toBe(
      `line ${201 + PIECE_ROWS}`,
    );
    expect(sourceLines(change.source, change.newFrom, change.newTo)[0]).toBe(
      `rewritten ${201 + PIECE_ROWS}`,
    );
  });

  it('folds the unchanged regions and replaces a fold with the lines read for it', () => {
    const folds = plan.blocks.filter((b) => b.type === 'fold');
    expect(folds.map((f) => (f.type === 'fold' ? [f.newFrom, f.count] : null))).toEqual([
      [1, 6],
      [14, 184],
      [334, null],
    ]);
    const region = before.split('\n').slice(13, 197);
    const expanded = planFile(patch, { foldable: true, expansions: new Map([['f1', region]]) });
    expect(expanded.blocks.some((b) => b.key === 'f1')).toBe(false);
    const first = expanded.blocks.find(
      (b): b is LinesBlock => b.type === 'lines' && !b.change && b.oldStart === 14,
    );
    expect(first && sourceLines(first.source, first.oldFrom, first.oldTo)[0]).toBe('line 14');
    expect(planFile(patch, { foldable: true, endFold: false }).blocks.at(-1)?.type).not.toBe(
      'fold',
    );
  });

  it('steps through changes across files, both ways, and stops at the ends', () => {
    const starts = [[0, 5], [], [2]];
    const get = (i: number) => starts[i] as number[];
    const e = starts.length;
    expect(stepChange(e, get, null, 1)).toEqual({ file: 0, change: 0 });
    expect(stepChange(e, get, { file: 0, change: 1 }, 1)).toEqual({ file: 2, change: 0 });
    expect(stepChange(e, get, { file: 2, change: 0 }, 1)).toBeNull();
    expect(stepChange(e, get, { file: 2, change: 0 }, -1)).toEqual({ file: 0, change: 1 });
    expect(stepChange(e, get, { file: 2, change: -1 }, -1)).toEqual({ file: 0, change: 1 });
    expect(stepChange(e, get, { file: 0, change: 0 }, -1)).toBeNull();
  });
});
