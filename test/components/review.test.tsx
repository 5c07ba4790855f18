// @vitest-environment jsdom
/**
 * Review and merge components against a real local server: the conflict model's hunks and
 * result; MergePanel when a branch moves under the user (during a resolution, and between the
 * preview and the merge); conflicts kept whole (binary, modified on one side and deleted on the
 * other); ReviewDiff's outdated conversations and a reader without write controls.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  conflictShape,
  fileResolution,
  MergePanel,
  ReviewDiff,
  ReviewThreadView,
  resultText,
  textShape,
} from '../../src/components/index.js';
import type { GitStorage, Repo } from '../../src/core/index.js';
import { ReviewModel } from '../../src/core/review/index.js';
import { GitStorageProvider } from '../../src/react/index.js';
import { mountEveryRow } from '../helpers/jsdom-layout.js';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';

mountEveryRow('.gsk-commit-list__scroll, .gsk-diff__scroll, .gsk-diff-files__list');

let server: TestServer;
let client: GitStorage;
const ANA = { name: 'Ana', email: 'ana@example.com' };

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => cleanup());

function wrap(children: ReactNode) {
  return (
    <QueryClientProvider client={new QueryClient()}>
      <GitStorageProvider client={client}>{children}</GitStorageProvider>
    </QueryClientProvider>
  );
}

async function put(
  repo: Repo,
  branch: string,
  files: Record<string, string | Uint8Array | null>,
  base?: string,
) {
  const c = repo.createCommit({
    targetBranch: branch,
    commitMessage: `change ${branch}`,
    author: AUTHOR,
    ...(base ? { baseBranch: base } : {}),
  });
  for (const [path, content] of Object.entries(files)) {
    if (content === null) c.deletePath(path);
    else if (typeof content === 'string') c.addFileFromString(path, content);
    else c.addFile(path, content);
  }
  return (await c.send()).commitSha;
}

const headOf = async (repo: Repo, branch: string) =>
  (await repo.listBranches()).branches.find((b) => b.name === branch)?.headSha;

describe('the conflict model', () => {
  const shape = textShape('a\nb\nc\nd\n', 'a\nB-main\nc\nd\n', 'a\nB-topic\nc\nD\n');

  it('finds the one conflicting hunk and merges the rest', () => {
    expect(shape).toMatchObject({ kind: 'text', hunks: 1 });
    const open = resultText(shape as never, undefined, { target: 'main', source: 'topic' });
    expect(open).toEqual({
      text: 'a\n<<<<<<< main\nB-main\n=======\nB-topic\n>>>>>>> topic\nc\nD\n',
      complete: false,
    });
  });

  it('applies each choice: either side, both in order, or edited text', () => {
    const names = { target: 'main', source: 'topic' };
    const take = (choice: never) =>
      resultText(shape as never, { hunks: new Map([[0, choice]]) }, names).text;
    expect(take({ kind: 'target' } as never)).toBe('a\nB-main\nc\nD\n');
    expect(take({ kind: 'source' } as never)).toBe('a\nB-topic\nc\nD\n');
    expect(take({ kind: 'both', first: 'source' } as never)).toBe('a\nB-topic\nB-main\nc\nD\n');
    expect(take({ kind: 'edit', text: 'B1\nB2' } as never)).toBe('a\nB1\nB2\nc\nD\n');
  });

  it('keeps binary, truncated and modify/delete conflicts whole', () => {
    const blob = (content?: string, extra = {}) => ({
      oid: 'a'.repeat(40),
      ...(content === undefined ? {} : { content }),
      truncated: false,
      binary: false,
      ...extra,
    });
    const none = { truncated: false, binary: false };
    const binary = {
      path: 'x.bin',
      result: none,
      base: blob(),
      ours: blob(undefined, { binary: true }),
      theirs: blob(),
    };
    const deleted = { path: 'y.txt', result: none, base: blob('a'), ours: none, theirs: blob('b') };
    const big = {
      path: 'z.txt',
      result: none,
      base: blob('a'),
      ours: blob('b', { truncated: true }),
      theirs: blob('c'),
    };
    expect(conflictShape(binary)).toMatchObject({ kind: 'whole', why: 'binary' });
    expect(conflictShape(deleted)).toMatchObject({
      kind: 'whole',
      why: 'deleted',
      target: false,
      source: true,
    });
    expect(conflictShape(big)).toMatchObject({ kind: 'whole', why: 'too-large' });
    expect(
      fileResolution(deleted, conflictShape(deleted), { hunks: new Map(), whole: 'delete' }),
    ).toEqual({
      path: 'y.txt',
      delete: true,
    });
    expect(fileResolution(binary, conflictShape(binary), undefined)).toBeNull();
  });
});

describe('MergePanel', () => {
  it('commits a resolution while the target moves: the user is told, the preview is of the new tip', async () => {
    const repo = await client.createRepo({ id: 'review/moving-target' });
    await put(repo, 'main', { 'a.txt': 'one\ntwo\nthree\n' });
    await put(repo, 'topic', { 'a.txt': 'one\nTWO topic\nthree\n' }, 'main');
    await put(repo, 'main', { 'a.txt': 'one\nTWO main\nthree\n' });
    render(
      wrap(
        <MergePanel
          repoId="review/moving-target"
          sourceBranch="topic"
          targetBranch="main"
          author={ANA}
        />,
      ),
    );
    const file = await screen.findByRole('region', { name: /^a\.txt: 0 of 1 resolved/ });
    fireEvent.click(within(file).getByRole('radio', { name: 'Keep topic' }));
    await screen.findByRole('region', { name: /^a\.txt: 1 of 1 resolved/ });
    // Someone pushes to main while the user resolves.
    await put(repo, 'main', { 'other.txt': 'meanwhile\n' });
    fireEvent.click(screen.getByRole('button', { name: 'Commit the merge to topic' }));
    await screen.findByText(
      'main moved while you resolved: your merge brought in its earlier tip. The preview below is for its new tip.',
    );
    await screen.findByText('topic merges into main without conflicts.');
    const topic = await repo.getFileStream({ path: 'a.txt', ref: 'topic' });
    expect(await topic.text()).toBe('one\nTWO topic\nthree\n');
  });

  it('does not merge over a target that moved after the preview, and previews again', async () => {
    const repo = await client.createRepo({ id: 'review/moved-before-merge' });
    await put(repo, 'main', { 'a.txt': 'a\n' });
    await put(repo, 'feature', { 'b.txt': 'b\n' }, 'main');
    render(
      wrap(
        <MergePanel
          repoId="review/moved-before-merge"
          sourceBranch="feature"
          targetBranch="main"
          author={ANA}
        />,
      ),
    );
    await screen.findByText('main can fast-forward to feature: no merge commit is needed.');
    const moved = await put(repo, 'main', { 'c.txt': 'c\n' });
    fireEvent.click(screen.getByRole('button', { name: 'Merge feature into main…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm merge' }));
    await screen.findByText(
      'main moved since this preview. The preview is updated: check it and merge again.',
    );
    await screen.findByText('feature merges into main without conflicts.');
    expect(await headOf(repo, 'main')).toBe(moved);
  });

  it('keeps one side whole for a binary file and for a file deleted on one side', async () => {
    const repo = await client.createRepo({ id: 'review/whole' });
    await put(repo, 'main', { 'logo.bin': new Uint8Array([0, 1, 2]), 'gone.txt': 'x\n' });
    await put(repo, 'topic', { 'logo.bin': new Uint8Array([0, 9, 9]), 'gone.txt': null }, 'main');
    await put(repo, 'main', { 'logo.bin': new Uint8Array([0, 7, 7]), 'gone.txt': 'x changed\n' });
    render(
      wrap(
        <MergePanel repoId="review/whole" sourceBranch="topic" targetBranch="main" author={ANA} />,
      ),
    );
    const logo = await screen.findByRole('region', { name: /^logo\.bin:/ });
    within(logo).getByText('Binary file: keep one side whole.');
    fireEvent.click(within(logo).getByRole('radio', { name: 'Keep main' }));
    const gone = screen.getByRole('region', { name: /^gone\.txt:/ });
    fireEvent.click(within(gone).getByRole('radio', { name: 'Deleted on topic' }));
    fireEvent.click(screen.getByRole('button', { name: 'Commit the merge to topic' }));
    await screen.findByText('main can fast-forward to topic: no merge commit is needed.');
    const bytes = new Uint8Array(
      await (await repo.getFileStream({ path: 'logo.bin', ref: 'topic' })).arrayBuffer(),
    );
    expect([...bytes]).toEqual([0, 7, 7]);
    expect((await repo.listFiles({ ref: 'topic' })).paths).not.toContain('gone.txt');
  });
});

describe('ReviewDiff', () => {
  it('lists outdated conversations with their lines; a reader gets no comment controls', async () => {
    const repo = await client.createRepo({ id: 'review/outdated' });
    const text = (third: string) => `one\ntwo\n${third}\nfour\n`;
    await put(repo, 'main', { 'a.txt': text('three') });
    const first = await put(repo, 'feature', { 'a.txt': text('THREE') }, 'main');
    const model = new ReviewModel(repo, { head: first, author: ANA });
    await model.refresh();
    await model.startThread({ path: 'a.txt', side: 'new', start: 3, end: 3, body: 'Shouting?' });
    await model.startThread({ path: 'a.txt', side: 'new', start: 1, end: 1, body: 'Fine line.' });
    await put(repo, 'feature', { 'a.txt': `${text('Three')}five\n` });
    render(
      wrap(<ReviewDiff repoId="review/outdated" branch="feature" base="main" pollInterval={0} />),
    );
    await screen.findByText('2 threads, 2 unresolved, 1 outdated');
    const outdated = screen.getByText(/^1 outdated conversation/).closest('details') as HTMLElement;
    expect(within(outdated).getByText('THREE').tagName).toBe('PRE');
    within(outdated).getByText('Shouting?');
    expect(screen.getByText('Sign in to comment.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reply' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resolve conversation' })).toBeNull();
    // The current thread is between the diff rows, after line 1.
    await waitFor(() => expect(screen.getAllByText('Fine line.')).toHaveLength(1));
  });

  it("edits and deletes the author's own comment (deleting asks first); another's has no such buttons", async () => {
    const repo = await client.createRepo({ id: 'review/own' });
    await put(repo, 'main', { 'a.txt': 'one\n' });
    const head = await put(repo, 'feature', { 'a.txt': 'one\ntwo\n' }, 'main');
    const bo = new ReviewModel(repo, { head, author: { name: 'Bo', email: 'bo@example.com' } });
    await bo.refresh();
    const thread = await bo.startThread({
      path: 'a.txt',
      side: 'new',
      start: 2,
      end: 2,
      body: 'By Bo',
    });
    await bo.refresh();
    await bo.reply(thread, 'Also Bo');
    const ana = new ReviewModel(repo, { head, author: ANA });
    await ana.refresh();
    await ana.reply(thread, 'Ana says hi');
    render(
      wrap(
        <ReviewDiff
          repoId="review/own"
          branch="feature"
          base="main"
          author={ANA}
          pollInterval={0}
        />,
      ),
    );
    const article = await screen.findByRole('article', { name: 'Conversation on line 2 of a.txt' });
    await within(article).findByText('Ana says hi');
    // Only Ana's comment offers Edit and Delete.
    expect(within(article).getAllByRole('button', { name: 'Edit' })).toHaveLength(1);
    fireEvent.click(within(article).getByRole('button', { name: 'Edit' }));
    const box = within(article).getByRole('textbox', { name: 'Edit comment by Ana' });
    fireEvent.change(box, { target: { value: 'Ana says hello' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Save' }));
    // Saved and read back: the box is gone, the comment says it was edited.
    await within(article).findByText('edited');
    expect(within(article).queryByRole('textbox')).toBeNull();
    expect(within(article).getByText('Ana says hello').tagName).toBe('P');
    fireEvent.click(within(article).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this comment?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await within(article).findByText('This comment was deleted.');
    expect(within(article).queryByText('Ana says hello')).toBeNull();
    within(article).getByText('By Bo');
    const note = (await repo.getNote({ sha: head, ref: 'reviews' })).note;
    expect(
      note
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).type),
    ).toEqual(['thread', 'reply', 'reply', 'edit', 'delete']);
  });

  it('keeps a comment being written when its box closes by accident (Escape), until it is sent', async () => {
    const repo = await client.createRepo({ id: 'review/draft' });
    await put(repo, 'main', { 'a.txt': 'one\n' });
    await put(repo, 'feature', { 'a.txt': 'one\ntwo\n' }, 'main');
    render(
      wrap(
        <ReviewDiff
          repoId="review/draft"
          branch="feature"
          base="main"
          author={ANA}
          pollInterval={0}
        />,
      ),
    );
    const line = await screen.findByRole('button', { name: /^added, new line 2:/ });
    fireEvent.click(line);
    const box = await screen.findByRole('textbox', { name: 'Comment on line 2 of a.txt' });
    fireEvent.change(box, { target: { value: 'half a thought' } });
    fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('textbox', { name: /^Comment on/ })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: /^added, new line 2:/ }));
    const again = await screen.findByRole('textbox', { name: 'Comment on line 2 of a.txt' });
    expect((again as HTMLTextAreaElement).value).toBe('half a thought');
    // Sent, it is gone from the box the next time.
    fireEvent.keyDown(again, { key: 'Enter', ctrlKey: true });
    await screen.findByRole('article', { name: 'Conversation on line 2 of a.txt' });
    fireEvent.click(screen.getByRole('button', { name: /^added, new line 2:/ }));
    const fresh = await screen.findByRole('textbox', { name: 'Comment on line 2 of a.txt' });
    expect((fresh as HTMLTextAreaElement).value).toBe('');
  });

  it('shows a body and names as text, bidirectional controls as marks', () => {
    const rlo = '\u202E';
    const author = { name: `Mallory${rlo}evil`, email: 'm@example.com' };
    render(
      <ReviewThreadView
        thread={{
          id: 't',
          commit: 'c'.repeat(40),
          path: 'a.txt',
          side: 'new',
          start: 1,
          end: 1,
          lines: [],
          resolved: true,
          resolvedBy: author,
          outdated: false,
          comments: [
            {
              id: 't',
              body: `<b>bold</b> ${rlo}txt.exe`,
              author,
              createdAt: '2026-12-04T10:00:00Z',
              deleted: false,
            },
          ],
        }}
        actions={{
          reply: async () => {},
          resolve: async () => {},
          edit: async () => {},
          remove: async () => {},
          isOwn: () => false,
          canWrite: false,
        }}
      />,
    );
    const article = screen.getByRole('article');
    expect(article.querySelector('b')).toBeNull();
    within(article).getByText('<b>bold</b> <U+202E>txt.exe');
    within(article).getByText('Resolved by Mallory<U+202E>evil');
    expect(article.textContent).not.toContain(rlo);
  });
});
