/** A small demo repository so that `npm run local-server` has something to browse, diff and commit to. */
import { rm } from 'node:fs/promises';
import { ZERO_SHA } from '../core/wire-types.js';
import { gitText } from './git.js';
import { commitTree, type IndexOp, updateRef, writeTreeWithOps } from './git-write.js';
import type { RepoStore } from './repo-store.js';

export const DEMO_REPO_ID = 'demo/hello';

const who = {
  author: { name: 'Ada Demo', email: 'ada@example.com' },
  committer: { name: 'Ada Demo', email: 'ada@example.com' },
};

async function commitFiles(
  store: RepoStore,
  gitDir: string,
  parent: string | null,
  files: Record<string, string | null>,
  message: string,
): Promise<string> {
  const ops: IndexOp[] = [];
  for (const [path, content] of Object.entries(files)) {
    if (content === null) {
      ops.push({ kind: 'delete', path });
    } else {
      const sha = await gitText(gitDir, ['hash-object', '-w', '--stdin'], { input: content });
      ops.push({ kind: 'upsert', path, mode: '100644', sha });
    }
  }
  const workDir = await store.makeTempDir();
  try {
    const built = await writeTreeWithOps(gitDir, workDir, parent, ops);
    if ('conflict' in built) throw new Error(`seed: ${built.conflict.message}`);
    return await commitTree(gitDir, built.tree, parent ? [parent] : [], message, who);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Creates `demo/hello` with a little history and a feature branch, unless it exists. */
export async function seedDemoRepo(store: RepoStore): Promise<boolean> {
  const meta = await store.create(DEMO_REPO_ID, 'main');
  if (!meta) return false;
  const gitDir = store.gitDir(DEMO_REPO_ID);
  const first = await commitFiles(
    store,
    gitDir,
    null,
    {
      'README.md': '# Hello\n\nA demo repository served by the git-storage-kit local server.\n',
      'src/greet.ts': `export function greet(name: string): string {\n  return \`Hello, \${name}!\`;\n}\n`,
      'docs/guide.md': '# Guide\n\nBrowse files, look at diffs, and commit changes.\n',
    },
    'Initial commit',
  );
  const second = await commitFiles(
    store,
    gitDir,
    first,
    {
      'README.md':
        '# Hello\n\nA demo repository served by the git-storage-kit local server.\n\nTry committing to it.\n',
    },
    'Explain what to try',
  );
  await updateRef(gitDir, 'refs/heads/main', second, ZERO_SHA, 'seed');
  const feature = await commitFiles(
    store,
    gitDir,
    second,
    {
      'src/greet.ts': `export function greet(name: string, punctuation = '!'): string {\n  return \`Hello, \${name}\${punctuation}\`;\n}\n`,
      'docs/guide.md': null,
    },
    'Let callers choose the punctuation',
  );
  await updateRef(gitDir, 'refs/heads/feature/punctuation', feature, ZERO_SHA, 'seed');
  return true;
}
