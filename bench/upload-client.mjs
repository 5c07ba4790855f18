// One client committing one file, in a process of its own so that its peak RSS is its alone.
// Plain JS run from dist/ (no TypeScript loader in the measured process).
// Usage: node bench/upload-client.mjs <ours|official> <file> <apiUrl> <keyFile> <org> <repo>
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';

const [client, file, apiUrl, keyFile, org, repoId] = process.argv.slice(2);
const key = await readFile(keyFile, 'utf8');
const author = { name: 'Bench', email: 'bench@example.com' };
// A disk-backed Blob (Node 19.8+): the file is read lazily, as a browser File would be.
const source = () => openAsBlob(file);

// The same calls for both clients: our API follows the official SDK's.
const { GitStorage } =
  client === 'ours' ? await import('../dist/core/index.js') : await import('@pierre/storage');
const storage = new GitStorage({ name: org, key, apiBaseUrl: apiUrl });
const started = performance.now();
const result = await storage
  .repo({ id: repoId })
  .createCommit({ targetBranch: client, baseBranch: 'main', commitMessage: 'bench', author })
  .addFile('file.bin', await source())
  .send();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ client, seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, commitSha: result.commitSha })}\n`,
);
