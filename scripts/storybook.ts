/**
 * `npm run storybook`: the story backend (a local server with seeded repositories and a token
 * endpoint, data under .data/storybook) on port 6007, then Storybook's dev server on 6006 with
 * `/gsk` proxied to the backend. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startStoryBackend } from '../stories/support/backend.js';

const root = join(import.meta.dirname, '..');
const backend = await startStoryBackend({ dataDir: join(root, '.data', 'storybook'), port: 6007 });
console.log(`story backend: ${backend.url} (storage API ${backend.apiBaseUrl})`);
const child = spawn(
  'npx',
  ['storybook', 'dev', '-p', '6006', '--no-open', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, GSK_STORY_BACKEND: backend.url },
  },
);
const stop = async () => {
  child.kill('SIGINT');
  await backend.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', async (code) => {
  await backend.close();
  process.exit(code ?? 0);
});
