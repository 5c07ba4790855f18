// @vitest-environment jsdom
/**
 * The README's "small custom UI built only from hooks", as written: the component below is the
 * README's code block (a test fails if they drift), rendered in jsdom against a real local server.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GitStorage } from '../../src/core/index.js';
import {
  GitStorageProvider,
  useCommitBuilder,
  useCommits,
  useFile,
} from '../../src/react/index.js';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';

// --- the README's component, verbatim (from `function Editor` to its closing brace) ---
function Editor({ repoId, path }: { repoId: string; path: string }) {
  const file = useFile(repoId, { ref: 'main', path });
  const history = useCommits(repoId, { branch: 'main', path });
  const builder = useCommitBuilder(repoId, {
    branch: 'main',
    author: { name: 'Ada', email: 'ada@example.com' },
  });
  const [draft, setDraft] = useState<string>();

  if (file.isPending) return <p>Loading…</p>;
  // Never offer to commit over a file that did not load.
  if (file.isError)
    return (
      <p role="alert">
        Could not load {path}: {file.error.message}
      </p>
    );
  if (file.data.isBinary) return <p>Binary file, {file.data.size} bytes</p>;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        // Refuse to overwrite changes pushed to the branch since editing began.
        await builder.commit({ message: `Edit ${path}`, expectedHeadSha: builder.baseHeadSha });
      }}
    >
      <textarea
        aria-label={path}
        value={draft ?? file.data.text}
        onChange={(e) => {
          setDraft(e.target.value);
          builder.addText(path, e.target.value); // staged as you type
        }}
      />
      <button type="submit" disabled={builder.isPending}>
        {builder.phase === 'uploading'
          ? `Uploading ${builder.progress?.bytesSent ?? 0} bytes`
          : 'Commit'}
      </button>
      {builder.error && <p role="alert">{builder.error.message}</p>}
      <ul>
        {history.data?.pages
          .flatMap((p) => p.commits)
          .map((c) => (
            <li key={c.sha}>{c.message}</li>
          ))}
      </ul>
    </form>
  );
}
// --- end of the README's component ---

let server: TestServer;
let client: GitStorage;
const REPO = 'readme/editor';

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  const repo = await client.createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'first', author: AUTHOR })
    .addFileFromString('notes.md', 'hello\n')
    .send();
});
afterAll(() => server.close());
afterEach(cleanup);

function Providers({ children }: { children: ReactNode }) {
  return <GitStorageProvider client={client}>{children}</GitStorageProvider>;
}

describe('the README Editor example', () => {
  it('is the README code block, character for character', async () => {
    const readme = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8');
    const self = await readFile(import.meta.filename, 'utf8');
    const between = (text: string, from: string, to: string) => {
      const start = text.indexOf(from);
      return text.slice(start, text.indexOf(to, start));
    };
    const fromReadme = between(readme, 'function Editor({', '\n}\n');
    const fromTest = between(self, 'function Editor({', '\n}\n');
    expect(fromReadme.length).toBeGreaterThan(500);
    expect(fromTest).toBe(fromReadme);
  });

  it('edits and commits a file, and lists the new commit', async () => {
    render(<Editor repoId={REPO} path="notes.md" />, { wrapper: Providers });
    const box = (await screen.findByLabelText('notes.md')) as HTMLTextAreaElement;
    expect(box.value).toBe('hello\n');
    fireEvent.change(box, { target: { value: 'hello, edited\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Commit' }));
    await waitFor(() => expect(screen.getByText('Edit notes.md')).toBeTruthy());
    const text = await (await client.repo({ id: REPO }).getFileStream({ path: 'notes.md' })).text();
    expect(text).toBe('hello, edited\n');
  });

  it('does not offer to commit over a file that failed to load', async () => {
    render(<Editor repoId={REPO} path="missing.md" />, { wrapper: Providers });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load missing\.md/);
    expect(screen.queryByRole('button', { name: 'Commit' })).toBeNull();
  });
});
