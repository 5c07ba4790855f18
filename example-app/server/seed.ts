/**
 * The demo repository `npm start` opens, made through the storage API like any client would: a
 * few branches with real history, a binary file, an image, a folder of 3,000 files, and a branch
 * whose diff is large. Made once; later starts find it and leave it alone.
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { GitStorage } from 'git-storage-kit';
import { mintToken } from 'git-storage-kit/server';

export const DEMO_REPO = 'demo/app';

const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };
const grace = { name: 'Grace Hopper', email: 'grace@example.com' };
const alan = { name: 'Alan Turing', email: 'alan@example.com' };

/** A small PNG (a colour gradient) made with zlib, so the demo ships no binary assets. */
function gradientPng(size = 128): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const pixels = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    for (let x = 0; x < size; x++) {
      pixels.set([(x * 255) / size, (y * 255) / size, 200], row + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const measurements = (shift: number) =>
  `day,temperature,rain\n${Array.from(
    { length: 20_000 },
    (_, i) => `${i + 1},${((i * 7 + shift) % 35) - 5},${(i * 13 + shift) % 20}`,
  ).join('\n')}\n`;

/** Creates the demo repository unless it exists; true when it made it. */
export async function seedExampleRepo(storage: {
  apiBaseUrl: string;
  name: string;
  privateKey: string;
}): Promise<boolean> {
  const client = new GitStorage({
    name: storage.name,
    apiBaseUrl: storage.apiBaseUrl,
    getToken: ({ repoId, scopes }) =>
      mintToken({
        key: storage.privateKey,
        name: storage.name,
        repoId,
        scopes: [...scopes],
        ttl: 600,
      }),
  });
  if (await client.findOne({ id: DEMO_REPO })) return false;
  const repo = await client.createRepo({ id: DEMO_REPO, defaultBranch: 'main' });
  const commit = (branch: string, message: string, author: typeof ada, base?: string) =>
    repo.createCommit({
      targetBranch: branch,
      commitMessage: message,
      author,
      ...(base ? { baseBranch: base } : {}),
    });

  await commit('main', 'Start the project', ada)
    .addFileFromString(
      'README.md',
      '# Demo app\n\nA repository made by `npm start` for the git-storage-kit example app.\n',
    )
    .addFileFromString('package.json', '{\n  "name": "demo-app",\n  "version": "1.0.0"\n}\n')
    .addFileFromString(
      'src/greet.ts',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's own TypeScript source.
      'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n',
    )
    .addFileFromString(
      'src/index.ts',
      "import { greet } from './greet';\n\nconsole.log(greet('world'));\n",
    )
    .addFileFromString('docs/guide.md', '# Guide\n\nBrowse, diff and commit.\n')
    .addFile('assets/logo.png', gradientPng())
    .addFile('assets/sample.bin', new Uint8Array(randomBytes(64 * 1024)))
    .send();

  const records = commit('main', 'Add 3,000 records and a year of measurements', grace);
  for (let i = 1; i <= 3000; i++) {
    const id = String(i).padStart(4, '0');
    records.addFileFromString(
      `data/records/record-${id}.json`,
      `${JSON.stringify({ id: i, name: `Record ${id}`, score: (i * 37) % 100 }, null, 2)}\n`,
    );
  }
  await records.addFileFromString('data/measurements.csv', measurements(0)).send();

  await commit('main', 'Explain the records in the guide', ada)
    .addFileFromString(
      'docs/guide.md',
      '# Guide\n\nBrowse, diff and commit.\n\n## Records\n\n`data/records/` holds one JSON file per record.\n',
    )
    .send();
  await commit('main', 'Greet in more languages', alan)
    .addFileFromString(
      'src/greet.ts',
      [
        "const GREETINGS = { en: 'Hello', fr: 'Bonjour', de: 'Hallo', ja: 'こんにちは' } as const;",
        '',
        'export function greet(name: string, lang: keyof typeof GREETINGS = "en"): string {',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's own TypeScript source.
        '  return `${GREETINGS[lang]}, ${name}!`;',
        '}',
        '',
      ].join('\n'),
    )
    .send();

  await commit('feature/login', 'Add a login form', grace, 'main')
    .addFileFromString(
      'src/login.ts',
      'export function login(user: string, password: string): boolean {\n  return user.length > 0 && password.length >= 12;\n}\n',
    )
    .send();
  await commit('feature/login', 'Log in before greeting', grace)
    .addFileFromString(
      'src/index.ts',
      "import { greet } from './greet';\nimport { login } from './login';\n\nif (login('ada', 'correct horse battery')) console.log(greet('Ada'));\n",
    )
    .send();

  await commit('docs/rewrite', 'Rewrite the guide', alan, 'main')
    .deletePath('docs/guide.md')
    .addFileFromString(
      'docs/getting-started.md',
      '# Getting started\n\nRun `npm start`, sign in, and open demo/app.\n\n## Records\n\n`data/records/` holds one JSON file per record.\n',
    )
    .send();

  await commit('big-change', 'Recalibrate every measurement', ada, 'main')
    .addFileFromString('data/measurements.csv', measurements(3))
    .send();
  return true;
}
