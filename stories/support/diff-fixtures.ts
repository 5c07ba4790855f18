/**
 * Diffs for stories and benchmarks of the presentational DiffView. A fixture is written as
 * segments (lines the same on both sides, or removed lines with the lines added in their place)
 * and printed as git prints a patch: `diff --git` headers, hunks with three lines of context, hunks
 * closer than twice that merged. Tests of the connected viewer use real git instead.
 */
import type { DiffFileState, FileDiff, FilteredFile } from '../../src/core/index.js';

export type Segment =
  | { same: readonly string[] }
  | { removed: readonly string[]; added: readonly string[] };

interface Line {
  kind: ' ' | '-' | '+';
  text: string;
}

const CONTEXT = 3;

function hunks(segments: readonly Segment[]): string {
  const lines: Line[] = [];
  for (const s of segments) {
    if ('same' in s) for (const text of s.same) lines.push({ kind: ' ', text });
    else {
      for (const text of s.removed) lines.push({ kind: '-', text });
      for (const text of s.added) lines.push({ kind: '+', text });
    }
  }
  // Ranges of lines to print: every change with CONTEXT lines around, merged when they touch.
  const ranges: [number, number][] = [];
  lines.forEach((line, i) => {
    if (line.kind === ' ') return;
    const from = Math.max(0, i - CONTEXT);
    const to = Math.min(lines.length, i + CONTEXT + 1);
    const last = ranges.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  const out: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  let at = 0;
  for (const [from, to] of ranges) {
    for (; at < from; at++) {
      oldLine++;
      newLine++;
    }
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    for (let i = from; i < to; i++) {
      const line = lines[i] as Line;
      body.push(`${line.kind}${line.text}`);
      if (line.kind !== '+') oldCount++;
      if (line.kind !== '-') newCount++;
    }
    const oldStart = oldCount === 0 ? oldLine - 1 : oldLine;
    const newStart = newCount === 0 ? newLine - 1 : newLine;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...body);
    oldLine += oldCount;
    newLine += newCount;
    at = to;
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

const LETTER: Record<DiffFileState, string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R100',
  copied: 'C100',
  type_changed: 'T',
  unmerged: 'U',
  unknown: 'X',
};

/** A `FileDiff` as the client returns it, its `raw` printed from the segments. */
export function fileDiff(
  path: string,
  segments: readonly Segment[],
  options: { state?: DiffFileState; oldPath?: string; headers?: readonly string[] } = {},
): FileDiff {
  const state = options.state ?? 'modified';
  const oldPath = options.oldPath ?? path;
  const body = hunks(segments);
  const headers = options.headers ?? [
    ...(state === 'added' ? ['new file mode 100644'] : []),
    ...(state === 'deleted' ? ['deleted file mode 100644'] : []),
    `index 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222${state === 'added' || state === 'deleted' ? '' : ' 100644'}`,
  ];
  const raw = [
    `diff --git a/${oldPath} b/${path}`,
    ...headers,
    ...(body
      ? [
          state === 'added' ? '--- /dev/null' : `--- a/${oldPath}`,
          state === 'deleted' ? '+++ /dev/null' : `+++ b/${path}`,
        ]
      : []),
  ].join('\n');
  let additions = 0;
  let deletions = 0;
  for (const s of segments) {
    if (!('same' in s)) {
      additions += s.added.length;
      deletions += s.removed.length;
    }
  }
  const text = `${raw}\n${body}`;
  return {
    path,
    state,
    rawState: LETTER[state],
    ...(options.oldPath ? { oldPath: options.oldPath } : {}),
    bytes: new TextEncoder().encode(text).length,
    isEof: true,
    raw: text,
    additions,
    deletions,
  };
}

export function filteredFile(
  path: string,
  bytes: number,
  state: DiffFileState = 'modified',
): FilteredFile {
  return { path, state, rawState: LETTER[state], bytes, isEof: true };
}

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

/**
 * One file of `2 × changed` lines in which `changed` lines change, in runs of ten changed and
 * ten unchanged lines: `oldText`/`newText` are the two whole files (for a viewer that diffs them
 * itself), `file` their patch.
 */
export function bigChange(changed: number, path = 'src/generated/table.ts') {
  const segments: Segment[] = [];
  const oldLines: string[] = [];
  const newLines: string[] = [];
  for (let block = 0; block < changed / 10; block++) {
    const same = range(10, (i) => `export const row${block * 20 + i} = ${block * 20 + i};`);
    const removed = range(
      10,
      (i) => `export const value${block * 20 + 10 + i} = 'old ${block}-${i}';`,
    );
    const added = range(
      10,
      (i) => `export const value${block * 20 + 10 + i} = 'new ${block}-${i}';`,
    );
    segments.push({ same }, { removed, added });
    oldLines.push(...same, ...removed);
    newLines.push(...same, ...added);
  }
  return {
    file: fileDiff(path, segments),
    oldText: `${oldLines.join('\n')}\n`,
    newText: `${newLines.join('\n')}\n`,
  };
}

/** `count` files of `linesEach` changed lines each. */
export function manyFiles(count: number, linesEach = 20): FileDiff[] {
  return range(
    count,
    (i) =>
      `packages/pkg-${String(Math.floor(i / 25)).padStart(3, '0')}/src/file-${String(i).padStart(4, '0')}.ts`,
  ).map((path, i) =>
    fileDiff(path, [
      { same: range(4, (k) => `import { dep${k} } from './dep${k}.js';`) },
      {
        removed: range(linesEach / 2, (k) => `const setting${k} = ${i + k};`),
        added: range(linesEach / 2, (k) => `const setting${k} = ${i + k + 1};`),
      },
      { same: range(4, (k) => `export { dep${k} };`) },
    ]),
  );
}

const code = (lines: string) => lines.split('\n');

/** A small, realistic diff: edits with word changes, an added, a deleted, a renamed file, a mode change, a symlink, a binary and a filtered file. */
export const sampleDiff = {
  files: [
    fileDiff('README.md', [
      { same: code('# Demo\n\nA small repository.') },
      { removed: code('Run `npm start`.'), added: code('Run `npm install && npm start`.') },
      { same: code('\n## Layout\n\n- src: the code\n- docs: the guide\n- test: the tests') },
      { removed: [], added: code('- bench: the benchmarks') },
    ]),
    fileDiff(
      'docs/old-guide.md',
      [{ removed: code('# Old guide\n\nNo longer true.'), added: [] }],
      {
        state: 'deleted',
      },
    ),
    fileDiff(
      'docs/usage.md',
      [
        { same: code('# Usage') },
        { removed: code('Call start().'), added: code('Call start(options).') },
      ],
      {
        state: 'renamed',
        oldPath: 'docs/howto.md',
        headers: [
          'similarity index 71%',
          'rename from docs/howto.md',
          'rename to docs/usage.md',
          'index 1111111..2222222 100644',
        ],
      },
    ),
    fileDiff('scripts/deploy.sh', [], {
      headers: ['old mode 100644', 'new mode 100755'],
    }),
    fileDiff('src/server.ts', [
      {
        same: code(
          "import { createServer } from 'node:http';\nimport { route } from './route.js';\n",
        ),
      },
      {
        removed: code(
          'export function start(port = 8080) {\n  const server = createServer(route);',
        ),
        added: code(
          'export function start(port = 8787, host = "127.0.0.1") {\n  const server = createServer(route);\n  server.keepAliveTimeout = 5_000;',
        ),
      },
      {
        same: code(
          '  server.listen(port);\n  return server;\n}\n\n/** Stops the server. */\nexport function stop(server) {\n  server.close();\n}\n\n// helpers\nfunction log(message) {',
        ),
      },
      {
        removed: code('  console.log(message);'),
        added: code(`  console.error(\`[server] \${message}\`);`),
      },
      { same: code('}') },
    ]),
    fileDiff('src/version.ts', [{ removed: [], added: code("export const version = '1.2.0';") }], {
      state: 'added',
    }),
    fileDiff('current', [{ removed: code('releases/v1'), added: code('releases/v2') }], {
      headers: ['index 3333333..4444444 120000'],
    }),
  ],
  filteredFiles: [
    filteredFile('assets/logo.png', 84, 'modified'),
    filteredFile('data/huge.json', 812_000, 'modified'),
  ],
};

/** Paths and contents that try to run script: shown as text, never as markup. */
export const hostileDiff = {
  files: [
    fileDiff('<img src=x onerror="window.__pwned=1">.md', [
      {
        removed: code('<script>window.__pwned=1</script>'),
        added: code('<img src=x onerror="window.__pwned=1">'),
      },
      { same: code('javascript:alert(1)') },
    ]),
  ],
  filteredFiles: [],
};
