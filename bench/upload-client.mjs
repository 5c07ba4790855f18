// One client committing one file, in a process of its own so that its peak RSS is its alone.
// Plain JS run from dist/ (no TypeScript loader in the measured process).
// Usage: node bench/upload-client.mjs <ours|official> <file> <apiUrl> <keyFile> <org> <repo>
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

const [client, file, apiUrl, keyFile, org, repoId] = process.argv.slice(2);
const key = await readFile(keyFile, 'utf8');
const author = { name: 'Bench', email: 'bench@example.com' };
const source = () => createReadStream(file, { highWaterMark: 4 * 1024 * 1024 });

const started = performance.now();
let result;
if (client === 'ours') {
  const { GitStorage } = await import('../dist/core/index.js');
  const storage = new GitStorage({ name: org, key, apiBaseUrl: apiUrl });
  result = await storage
    .repo({ id: repoId })
    .createCommit({ targetBranch: client, baseBranch: 'main', commitMessage: 'bench', author })
    .addFile('file.bin', source())
    .send();
} else {
  const { GitStorage } = await import('@pierre/storage');
  const storage = new GitStorage({ name: org, key, apiBaseUrl: apiUrl });
  result = await storage
    .repo({ id: repoId })
    .createCommit({ targetBranch: client, baseBranch: 'main', commitMessage: 'bench', author })
    .addFile('file.bin', source())
    .send();
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ client, seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, commitSha: result.commitSha })}\n`,
);
