/** Generated data for the presentational stories (deterministic, no server). */
import type { CommitListItem } from '../../src/components/index.js';
import type { FileContent } from '../../src/react/index.js';
import { gradientPng } from './png.js';

/** A monorepo-shaped path list: packages → src/test → modules → files. */
export function monorepoPaths(count: number): string[] {
  const paths: string[] = [];
  const perPackage = Math.max(1, Math.ceil(count / 200));
  for (let p = 0; paths.length < count; p++) {
    for (let i = 0; i < perPackage && paths.length < count; i++) {
      const area = i % 5 === 0 ? 'test' : 'src';
      paths.push(`packages/pkg-${p}/${area}/module-${i % 17}/file-${i}.ts`);
    }
  }
  paths.push('README.md', 'package.json', '.gitignore');
  return paths.sort();
}

export const smallEntries = [
  { path: '.github', type: 'tree' as const },
  { path: '.github/workflows', type: 'tree' as const },
  { path: '.github/workflows/ci.yml', type: 'blob' as const },
  { path: 'README.md', type: 'blob' as const },
  { path: 'docs', type: 'tree' as const },
  { path: 'docs/guide.md', type: 'blob' as const },
  { path: 'docs/latest', type: 'symlink' as const },
  { path: 'package.json', type: 'blob' as const },
  { path: 'src', type: 'tree' as const },
  { path: 'src/components', type: 'tree' as const },
  { path: 'src/components/Button.tsx', type: 'blob' as const },
  { path: 'src/index.ts', type: 'blob' as const },
  { path: 'vendor', type: 'tree' as const },
  { path: 'vendor/libgit2', type: 'submodule' as const },
];

const AUTHORS = ['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds', 'Margaret Hamilton'];
const VERBS = ['Fix', 'Add', 'Refactor', 'Document', 'Speed up', 'Test'];
const THINGS = ['the tree model', 'branch picker', 'ranged reads', 'the token cache', 'uploads'];

/** `count` commits, newest first, an hour apart, ending at a fixed time. */
export function commits(count: number, end = new Date('2026-11-29T09:00:00Z')): CommitListItem[] {
  return Array.from({ length: count }, (_, i) => ({
    sha: (i * 2654435761).toString(16).padStart(8, '0').repeat(5).slice(0, 40),
    message: `${VERBS[i % VERBS.length]} ${THINGS[i % THINGS.length]} (#${count - i})\n\nDetails.`,
    authorName: AUTHORS[i % AUTHORS.length] as string,
    date: new Date(end.getTime() - i * 3_600_000 * (1 + (i % 3))),
  }));
}

export function branchNames(count: number): string[] {
  const names = ['main', 'develop'];
  for (let i = 0; names.length < count; i++) names.push(`feature/topic-${i + 1}`);
  return names;
}

function fileContent(path: string, bytes: Uint8Array, text?: string, size?: number): FileContent {
  const content: FileContent = {
    path,
    bytes,
    isBinary: text === undefined,
    size: size ?? bytes.length,
    truncated: (size ?? bytes.length) > bytes.length,
  };
  if (text !== undefined) content.text = text;
  return content;
}

export function textFile(path: string, text: string): FileContent {
  return fileContent(path, new TextEncoder().encode(text), text);
}

export function longTextFile(lines: number): FileContent {
  const text = Array.from({ length: lines }, (_, i) => `line ${i + 1}: const value${i} = ${i * 7};`)
    .join('\n')
    .concat('\n');
  return textFile('logs/generated.ts', text);
}

export function truncatedTextFile(): FileContent {
  const text = 'A large file, only its start is shown.\n'.repeat(200);
  return fileContent('data/large.csv', new TextEncoder().encode(text), text, 40_000_000);
}

export function pngFile(): FileContent {
  return fileContent('assets/logo.png', gradientPng(96));
}

export function svgFile(): FileContent {
  return textFile(
    'assets/icon.svg',
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="window.__pwned=1"><circle cx="32" cy="32" r="28" fill="#0969da"/></svg>\n',
  );
}

export function binaryFile(): FileContent {
  return fileContent(
    'release/app.zip',
    new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]),
    undefined,
    2_400_000,
  );
}

export const sampleCode = `import { GitStorage } from 'git-storage-kit';

const storage = new GitStorage({ name: 'acme', getToken });
const repo = storage.repo({ id: 'team/app' });
// <script>alert('shown as text')</script>
export const files = await repo.listFiles({ ref: 'main' });
`;

/**
 * Names that break naive layouts: very long, right-to-left (Hebrew, Arabic), emoji, and one
 * with a right-to-left override (U+202E) that tries to pass an .exe for a .pdf.
 */
export const hardNames = [
  'docs/a-very-long-folder-name-that-does-not-fit-in-any-sidebar-at-all/and-an-even-longer-file-name-to-go-with-it.md',
  'docs/מדריך/התקנה.md',
  'docs/دليل/البداية.md',
  'assets/🎉 launch/🚀-rocket.png',
  'invoices/invoice\u202Efdp.exe',
  'README.md',
];
