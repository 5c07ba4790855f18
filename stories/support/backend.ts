/**
 * The story backend: a local server with seeded repositories and, beside it on one origin, what
 * a host app's backend provides — a token endpoint built on `createTokenHandler` — plus
 * `/gsk/config` telling connected stories where the storage API is. `npm run storybook` proxies
 * `/gsk` to it; the built-Storybook test serves the static site from it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GitStorage } from '../../src/core/index.js';
import { ReviewModel } from '../../src/core/review/index.js';
import { ensureDevKeys, startLocalServer } from '../../src/local-server/index.js';
import { createTokenHandler } from '../../src/server/index.js';
import { serveFile } from '../../test/helpers/static-files.js';
import { gradientPng } from './png.js';

export const STORY_ORG = 'local';
export const STORY_REPOS = {
  demo: 'stories/demo',
  big: 'stories/big',
  hostile: 'stories/hostile',
  diffs: 'stories/diffs',
  review: 'stories/review',
  empty: 'stories/empty',
} as const;

export interface StoryBackend {
  /** Origin of the token and config endpoints (and of the static site when one is served). */
  url: string;
  apiBaseUrl: string;
  close(): Promise<void>;
}

const AUTHOR = { name: 'Ada Demo', email: 'ada@example.com' };
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const DEMO_README = `# Demo

A repository for the stories: a small TypeScript package with [a guide](docs/guide.md).

![The logo](assets/logo.png)

## Getting started

\`\`\`ts
import { greet } from './src/index.js';
greet('world');
\`\`\`

| File | What it is |
| --- | --- |
| \`src/greet.ts\` | The greeting |
| \`logs/big.log\` | 50,000 lines |

- [x] Browse
- [ ] Review

> Read [the guide](./docs/guide.md#guide) or jump to [Getting started](#getting-started).
`;

/** Every way a README could try to run or load something (the Markdown safety test opens it). */
const HOSTILE_README = `# Hostile <script>window.__pwned=1</script>

<script>window.__pwned=1</script>

<img src=x onerror="window.__pwned=1">

<div onmouseover="window.__pwned=1">raw HTML block</div>

[javascript link](javascript:window.__pwned=1) [data link](data:text/html,<script>window.__pwned=1</script>)
[vbscript](vbscript:msgbox(1)) [spaced]( JaVaScRiPt:window.__pwned=1 ) [entity](&#106;avascript:window.__pwned=1)

![svg in the repository](evil.svg) ![data svg](data:image/svg+xml,<svg/onload=window.__pwned=1>)
![tracker](https://tracker.example/pixel.png)

<a href="javascript:window.__pwned=1">raw anchor</a>
`;

async function seed(client: GitStorage): Promise<void> {
  // The last repository is made last: when it exists, an earlier run finished seeding.
  if (
    (await client.findOne({ id: STORY_REPOS.empty })) &&
    (await client.findOne({ id: STORY_REPOS.diffs })) &&
    (await client.findOne({ id: STORY_REPOS.review }))
  ) {
    return;
  }
  for (const id of Object.values(STORY_REPOS)) {
    if (await client.findOne({ id })) await client.deleteRepo({ id });
  }

  const demo = await client.createRepo({ id: STORY_REPOS.demo });
  await demo
    .createCommit({ targetBranch: 'main', commitMessage: 'Start the demo project', author: AUTHOR })
    .addFileFromString('README.md', DEMO_README)
    .addFileFromString('src/index.ts', "export { greet } from './greet.js';\n")
    .addFileFromString(
      'src/greet.ts',
      "export function greet(name: string): string {\n  return 'Hello, ' + name + '!';\n}\n",
    )
    .send();
  const lines = Array.from(
    { length: 50_000 },
    (_, i) => `line ${i + 1}: ${'lorem ipsum '.repeat(3)}`,
  );
  await demo
    .createCommit({
      targetBranch: 'main',
      commitMessage: 'Add docs, assets and a long log\n\nWith a body.',
      author: { name: 'Grace Hopper', email: 'grace@example.com' },
    })
    .addFileFromString('docs/guide.md', '# Guide\n\n<script>alert(1)</script> is shown as text.\n')
    .addFileFromString('docs/page.html', '<!doctype html><h1>Not rendered</h1>\n')
    .addFile('assets/logo.png', gradientPng())
    .addFileFromString(
      'assets/icon.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="window.__pwned=1"><circle cx="32" cy="32" r="28" fill="#0969da"/><script>window.__pwned=1</script></svg>\n',
    )
    .addFile('assets/data.bin', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3, 0, 0, 9]))
    .addFileFromString('logs/big.log', `${lines.join('\n')}\n`)
    .addFileFromString('link-to-readme', 'README.md', { mode: '120000' })
    .send();
  for (let i = 0; i < 12; i++) {
    await demo.createBranch({ baseRef: 'main', targetBranch: `feature/topic-${i + 1}` });
  }

  const big = await client.createRepo({ id: STORY_REPOS.big });
  const builder = big.createCommit({
    targetBranch: 'main',
    commitMessage: 'A large tree (loaded one folder at a time)',
    author: AUTHOR,
  });
  for (let p = 0; p < 8; p++) {
    for (let m = 0; m < 12; m++) {
      for (let f = 0; f < 80; f++) {
        builder.addFileFromString(
          `packages/pkg-${p}/src/module-${m}/file-${f}.ts`,
          `// ${p}/${m}/${f}\n`,
        );
      }
    }
  }
  for (let f = 0; f < 1500; f++)
    builder.addFileFromString(`huge-folder/item-${String(f).padStart(4, '0')}.txt`, `${f}\n`);
  builder.addFileFromString('README.md', '# Big\n');
  await builder.send();

  const hostile = await client.createRepo({ id: STORY_REPOS.hostile });
  await hostile
    .createCommit({
      targetBranch: 'main',
      commitMessage: `${HOSTILE} <a href="javascript:window.__pwned=1">click</a>`,
      author: { name: 'Mallory" onmouseover="window.__pwned=1', email: 'x@example.com' },
    })
    .addFileFromString('README.md', HOSTILE_README)
    .addFileFromString(`${HOSTILE}.md`, `${HOSTILE}\n<a href="javascript:window.__pwned=1">x</a>\n`)
    .addFileFromString('javascript:window.__pwned=1', 'javascript:window.__pwned=1\n')
    .addFileFromString(
      'evil.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=1</script></svg>\n',
    )
    .addFileFromString(
      'page.html',
      `<html><body onload="window.__pwned=1">${HOSTILE}</body></html>\n`,
    )
    .send();
  await hostile.createBranch({ baseRef: 'main', targetBranch: '<img-src=x-onerror=alert(1)>' });

  await seedDiffs(client);
  await seedReview(client);
  await client.createRepo({ id: STORY_REPOS.empty });
}

/** A branch `feature/review` whose diff against main holds every kind of file change. */
async function seedDiffs(client: GitStorage): Promise<void> {
  const repo = await client.createRepo({ id: STORY_REPOS.diffs });
  const app = Array.from({ length: 120 }, (_, i) => `export const setting${i} = ${i};`);
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'Start', author: AUTHOR })
    .addFileFromString('src/app.ts', `${app.join('\n')}\n`)
    .addFileFromString('docs/howto.md', '# How to\n\nCall start().\nThen wait.\nThen stop.\n')
    .addFileFromString('old.txt', 'This file goes away.\n')
    .addFileFromString('scripts/run.sh', 'echo run\n')
    .addFileFromString('windows.txt', 'one\r\ntwo\r\nthree\r\n')
    .addFileFromString('no-eol.txt', 'first\nlast')
    .addFileFromString('current', 'releases/v1', { mode: '120000' })
    .addFile('image.png', gradientPng())
    .send();
  const edited = [...app];
  edited[2] = 'export const setting2 = 2000; // raised';
  edited[60] = 'export const setting60 = "sixty";';
  edited.splice(100, 1);
  await repo
    .createCommit({
      targetBranch: 'feature/review',
      baseBranch: 'main',
      commitMessage: 'Review me',
      author: AUTHOR,
    })
    .addFileFromString('src/app.ts', `${edited.join('\n')}\n`)
    .deletePath('docs/howto.md')
    .addFileFromString(
      'docs/usage.md',
      '# How to\n\nCall start(options).\nThen wait.\nThen stop.\n',
    )
    .deletePath('old.txt')
    .addFileFromString('src/new.ts', 'export const fresh = true; // ünïcødé ✓ 日本語\n')
    .addFileFromString('scripts/run.sh', 'echo run\n', { mode: '100755' })
    .addFileFromString('windows.txt', 'one\r\n2\r\nthree\r\n')
    .addFileFromString('no-eol.txt', 'first\nlast, changed')
    .addFileFromString('current', 'releases/v2', { mode: '120000' })
    .addFile('image.png', gradientPng(48))
    .send();
}

/**
 * A branch under review with comments in its notes (one of them hostile), and a release branch
 * it conflicts with: a text hunk in src/server.ts and a binary file changed on both sides.
 */
async function seedReview(client: GitStorage): Promise<void> {
  const repo = await client.createRepo({ id: STORY_REPOS.review });
  const server = Array.from({ length: 40 }, (_, i) => `const option${i} = ${i};`);
  server[2] = 'const port = 8080;';
  server[3] = "const host = 'localhost';";
  const bytes = (fill: number) => new Uint8Array([0, 1, 2, fill, 0, 255, fill, 7]);
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'Start the server', author: AUTHOR })
    .addFileFromString('src/server.ts', `${server.join('\n')}\n`)
    .addFile('assets/logo.bin', bytes(1))
    .send();
  const feature = [...server];
  feature[2] = 'const port = Number(process.env.PORT ?? 3000);';
  feature[3] = "const host = '0.0.0.0';";
  feature[20] = 'const option20 = 2000;';
  const head = (
    await repo
      .createCommit({
        targetBranch: 'feature/port',
        baseBranch: 'main',
        commitMessage: 'Read the port from the environment',
        author: AUTHOR,
      })
      .addFileFromString('src/server.ts', `${feature.join('\n')}\n`)
      .addFileFromString('src/health.ts', 'export const health = () => ({ ok: true });\n')
      .addFile('assets/logo.bin', bytes(2))
      .send()
  ).commitSha;
  const release = [...server];
  release[2] = 'const port = 443;';
  await repo
    .createCommit({
      targetBranch: 'release',
      baseBranch: 'main',
      commitMessage: 'Serve on 443',
      author: AUTHOR,
    })
    .addFileFromString('src/server.ts', `${release.join('\n')}\n`)
    .addFile('assets/logo.bin', bytes(3))
    .send();
  const base = (await repo.getBranchDiff({ branch: 'feature/port', base: 'main' })).mergeBaseSha;
  const ana = new ReviewModel(repo, {
    head,
    base,
    author: { name: 'Ana Reviewer', email: 'ana@example.com' },
  });
  const bo = new ReviewModel(repo, {
    head,
    base,
    author: { name: HOSTILE, email: 'bo@example.com' },
  });
  await ana.refresh();
  const port = await ana.startThread({
    path: 'src/server.ts',
    side: 'new',
    start: 3,
    end: 4,
    body: 'Should the host default to 0.0.0.0?\nIt listens on every interface then.',
  });
  await bo.refresh();
  await bo.reply(port, 'Only inside the container; the compose file maps it.');
  await bo.startThread({ path: 'src/health.ts', side: 'new', start: 1, end: 1, body: HOSTILE });
  const done = await ana.startThread({
    path: 'src/server.ts',
    side: 'new',
    start: 21,
    end: 21,
    body: 'Why 2000?',
  });
  await ana.refresh();
  await ana.resolve(done);
}

export async function startStoryBackend(options: {
  dataDir: string;
  port?: number;
  /** A built Storybook to serve from the same origin. */
  staticDir?: string;
}): Promise<StoryBackend> {
  const keys = await ensureDevKeys(options.dataDir);
  const privateKey = await readFile(keys.privateKeyPath, 'utf8');
  const local = await startLocalServer({
    dataDir: join(options.dataDir, 'repos'),
    org: STORY_ORG,
    publicKeys: [keys.publicKeyPem],
    corsOrigins: ['*'],
    log: () => {},
  });
  await seed(new GitStorage({ name: STORY_ORG, apiBaseUrl: local.url, key: privateKey }));

  const tokens = createTokenHandler({
    key: privateKey,
    name: STORY_ORG,
    // Stories may read and write the story repositories only.
    authorize: (_request, wanted) =>
      wanted.repoId.startsWith('stories/')
        ? { repoId: wanted.repoId, scopes: ['git:read', 'git:write'] }
        : null,
  });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/gsk/config') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ apiBaseUrl: local.url, name: STORY_ORG, repos: STORY_REPOS }));
      return;
    }
    if (url.pathname === '/gsk/token') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const answer = await tokens(
        new Request(url, {
          method: req.method ?? 'GET',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
        }),
      );
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(await answer.text());
      return;
    }
    if (!options.staticDir) {
      res.writeHead(404);
      res.end();
      return;
    }
    await serveFile(options.staticDir, req, res);
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiBaseUrl: local.url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await local.close();
    },
  };
}
