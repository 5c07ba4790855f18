/** The path-list tree model, checked against a naive tree built from the same paths. */
import { describe, expect, it } from 'vitest';
import {
  ancestors,
  findByPrefix,
  PathTree,
  type TreeNode,
  type TreeSource,
  visibleRows,
} from '../../src/components/file-browser/tree-model.js';

/** Children by building every level the slow way: the oracle. */
function naiveChildren(paths: readonly string[], folder: string): TreeNode[] {
  const prefix = folder === '' ? '' : `${folder}/`;
  const seen = new Map<string, TreeNode>();
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    if (!seen.has(name)) {
      seen.set(name, { path: prefix + name, name, kind: slash < 0 ? 'file' : 'folder' });
    }
  }
  // An independent oracle for the order people expect: folders first, then case-insensitive
  // with numbers compared as numbers (Intl's collation), ties by plain string order.
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return [...seen.values()].sort((a, b) =>
    a.kind !== b.kind
      ? a.kind === 'folder'
        ? -1
        : 1
      : collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

const small = [
  'README.md',
  'a-b.txt',
  'a/x.ts',
  'a/b/c.ts',
  'a/b/d/e.ts',
  'docs/guide.md',
  'z.txt',
  'é/ü.txt',
];

describe('PathTree', () => {
  it('lists a folder as folders first, then files, each by name', () => {
    const tree = new PathTree(small);
    expect(tree.children('').map((n) => `${n.kind}:${n.name}`)).toEqual([
      'folder:a',
      'folder:docs',
      'folder:é',
      'file:a-b.txt',
      'file:README.md',
      'file:z.txt',
    ]);
    expect(tree.children('a').map((n) => n.path)).toEqual(['a/b', 'a/x.ts']);
    expect(tree.isFolder('a/b')).toBe(true);
    expect(tree.isFolder('a/x.ts')).toBe(false);
    expect(tree.isFolder('a-b.txt')).toBe(false);
  });

  it('gives visible rows with level, expanded, position and set size', () => {
    const rows = new PathTree(small).rows(new Set(['a', 'a/b']));
    expect(
      rows
        .slice(0, 6)
        .map((r) => r.type === 'node' && [r.path, r.level, r.expanded, r.posInSet, r.setSize]),
    ).toEqual([
      ['a', 1, true, 1, 6],
      ['a/b', 2, true, 1, 2],
      ['a/b/d', 3, false, 1, 2],
      ['a/b/c.ts', 3, false, 2, 2],
      ['a/x.ts', 2, false, 2, 2],
      ['docs', 1, false, 2, 6],
    ]);
    expect(rows).toHaveLength(6 + 2 + 2);
  });

  it('lists folders first, then names as people sort them: no case, numbers as numbers', () => {
    const tree = new PathTree([
      'README.md',
      'alice.txt',
      'file10.txt',
      'file2.txt',
      'Docs/x.md',
      'api/y.md',
      'v1.10/z',
      'v1.9/z',
    ]);
    expect(tree.children('').map((n) => n.name)).toEqual([
      'api',
      'Docs',
      'v1.9',
      'v1.10',
      'alice.txt',
      'file2.txt',
      'file10.txt',
      'README.md',
    ]);
  });

  it('sorts an unsorted list first', () => {
    const tree = new PathTree([...small].reverse());
    expect(tree.children('a/b').map((n) => n.path)).toEqual(['a/b/d', 'a/b/c.ts']);
  });

  it('agrees with a naive tree on 100,000 monorepo-shaped paths', () => {
    const paths: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      paths.push(`packages/pkg-${i % 50}/src/dir-${(i >> 6) % 20}/file-${i}.ts`);
    }
    paths.push('package.json', 'packages/README.md', 'packages/pkg-7/src/index.ts');
    const tree = new PathTree(paths);
    expect(tree.size).toBe(paths.length);
    for (const folder of [
      '',
      'packages',
      'packages/pkg-7',
      'packages/pkg-7/src',
      'packages/pkg-7/src/dir-3',
    ]) {
      expect(tree.children(folder)).toEqual(naiveChildren(paths, folder));
    }
    expect(tree.rows(new Set(['packages'])).length).toBe(2 + 50 + 1);
  });
});

describe('PathTree with kinds, status rows and the filter', () => {
  const entries = [
    { path: 'docs', type: 'tree' as const },
    { path: 'docs/latest', type: 'symlink' as const },
    { path: 'empty-dir', type: 'tree' as const },
    { path: 'vendor/lib', type: 'submodule' as const },
    { path: 'vendor', type: 'tree' as const },
    { path: 'README.md', type: 'blob' as const },
  ];

  it('keeps symlinks and submodules as leaves and shows explicit folders even when empty', () => {
    const tree = PathTree.fromEntries(entries);
    expect(tree.children('').map((n) => `${n.kind}:${n.name}`)).toEqual([
      'folder:docs',
      'folder:empty-dir',
      'folder:vendor',
      'file:README.md',
    ]);
    expect(tree.children('docs')).toEqual([
      { path: 'docs/latest', name: 'latest', kind: 'symlink' },
    ]);
    expect(tree.children('vendor')[0]?.kind).toBe('submodule');
    expect(tree.isFolder('empty-dir')).toBe(true);
    const rows = tree.rows(new Set(['empty-dir']));
    expect(rows[2]).toEqual({ type: 'empty', folder: 'empty-dir', level: 2 });
  });

  it('says which folders load, failed, or have more, in place', () => {
    const source: TreeSource = {
      folder: (path) =>
        path === ''
          ? {
              status: 'ready',
              hasMore: true,
              nodes: [
                { path: 'a', name: 'a', kind: 'folder' },
                { path: 'b', name: 'b', kind: 'folder' },
              ],
            }
          : path === 'a'
            ? { status: 'loading' }
            : { status: 'error', error: new Error('boom') },
    };
    expect(visibleRows(source, new Set(['a', 'b'])).map((r) => `${r.type}:${r.level}`)).toEqual([
      'node:1',
      'loading:2',
      'node:1',
      'error:2',
      'more:1',
    ]);
  });

  it('narrows to matching paths, case-insensitively, keeping their folders', () => {
    const tree = new PathTree(small).filter('C.TS');
    expect(tree.rows(() => true).map((r) => (r.type === 'node' ? r.path : r.type))).toEqual([
      'a',
      'a/b',
      'a/b/c.ts',
    ]);
  });

  it('finds the next row by a typed prefix, wrapping around', () => {
    const rows = new PathTree(small).rows(new Set());
    const names = rows.map((r) => (r.type === 'node' ? r.name : ''));
    expect(names[findByPrefix(rows, 0, 'd')]).toBe('docs');
    expect(names[findByPrefix(rows, names.indexOf('z.txt'), 'a')]).toBe('a');
    expect(findByPrefix(rows, 0, 'qq')).toBe(-1);
  });

  it('lists the ancestors of a path', () => {
    expect(ancestors('a/b/c.ts')).toEqual(['a', 'a/b']);
    expect(ancestors('top.txt')).toEqual([]);
  });
});
