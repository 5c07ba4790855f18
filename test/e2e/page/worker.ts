/// <reference lib="webworker" />
/** The core client inside a dedicated Web Worker: no window, no document. */
import { GitStorage } from '../../../src/core/index.js';

self.onmessage = async (
  event: MessageEvent<{ apiBaseUrl: string; tokenUrl: string; repoId: string; text: string }>,
) => {
  const { apiBaseUrl, tokenUrl, repoId, text } = event.data;
  try {
    const storage = new GitStorage({
      name: 'test-org',
      apiBaseUrl,
      getToken: async ({ repoId: id, scopes }) =>
        (
          await fetch(`${tokenUrl}?repo=${encodeURIComponent(id)}&scopes=${scopes.join(',')}`)
        ).json(),
    });
    const repo = storage.repo({ id: repoId });
    const result = await repo
      .createCommit({
        targetBranch: 'main',
        commitMessage: 'from a worker',
        author: { name: 'Worker', email: 'w@example.com' },
      })
      .addFileFromString('worker.txt', text)
      .send();
    const readBack = await (await repo.getFileStream({ path: 'worker.txt' })).text();
    self.postMessage({
      ok: true,
      commitSha: result.commitSha,
      readBack,
      hasWindow: typeof window !== 'undefined',
    });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error) });
  }
};
