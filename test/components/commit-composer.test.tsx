// @vitest-environment jsdom
/**
 * The connected CommitComposer in jsdom against a real local server: a folder dropped as
 * DataTransfer entries (directory readers that page) is staged under the open folder with its
 * nested paths, junk skipped and listed; paths are checked as they are typed; edits and
 * deletions are staged; Cancel leaves the branch unmoved and the stage intact; a branch moved
 * by a second client is explained and "Commit on top" lands both; a reader is told they cannot
 * write.
 */
import { File as NodeFile } from 'node:buffer';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeCommitError } from '../../src/components/commit-composer/commit-errors.js';
import { planDrop } from '../../src/components/commit-composer/staging.js';
import { CommitComposer, RepositoryBrowser } from '../../src/components/index.js';
import { defaultLabels } from '../../src/components/shared/default-labels.js';
import { type GitStorage, RefUpdateError } from '../../src/core/index.js';
import {
  type CommitBuilderState,
  GitStorageProvider,
  storageKeys,
  useCommitBuilder,
} from '../../src/react/index.js';
import { mountEveryRow } from '../helpers/jsdom-layout.js';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';

// jsdom has no layout: the staged list gets a tall viewport so every row mounts.
mountEveryRow('.gsk-staged__scroll, .gsk-file-tree__scroll');

let server: TestServer;
let client: GitStorage;
const REPO = 'components/composer';
const ME = { name: 'Ada Lovelace', email: 'ada@example.com' };
const OTHER = { name: 'Grace Hopper', email: 'grace@example.com' };

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  const repo = await client.createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'start', author: AUTHOR })
    .addFileFromString('docs/intro.md', '# Intro\n')
    .addFileFromString('docs/guide.md', 'old guide\n')
    .addFileFromString('README.md', 'hello\n')
    .send();
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  cleanup();
});

function wrap(children: ReactNode, storage: GitStorage = client) {
  const queryClient = new QueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <GitStorageProvider client={storage}>{children}</GitStorageProvider>
    </QueryClientProvider>
  );
}

const repo = () => client.repo({ id: REPO });
const head = async (branch: string) => (await repo().getCommit({ sha: branch })).commit.sha;
const read = async (branch: string, path: string) =>
  (await repo().getFileStream({ ref: branch, path })).text();

async function branchFrom(name: string): Promise<void> {
  await repo().createBranch({ baseBranch: 'main', targetBranch: name });
}

// --- DataTransfer-shaped drops, as Chromium hands them to file-selector -------------------

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?: (ok: (file: File) => void) => void;
  createReader?: () => { readEntries: (ok: (batch: Entry[]) => void) => void };
  pages?: number;
}

function fileEntry(fullPath: string, text: string): Entry & { blob: File } {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  const blob = new NodeFile([text], name) as unknown as File;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    blob,
    file: (ok) => setTimeout(() => ok(blob)),
  };
}

/** A directory whose reader hands out two entries per call, like Chromium's 100 per call. */
function dirEntry(fullPath: string, children: Entry[]): Entry {
  const dir: Entry = {
    isFile: false,
    isDirectory: true,
    name: fullPath.slice(fullPath.lastIndexOf('/') + 1),
    fullPath,
    pages: 0,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          const batch = children.slice(at, at + 2);
          at += 2;
          dir.pages = (dir.pages ?? 0) + 1;
          setTimeout(() => ok(batch));
        },
      };
    },
  };
  return dir;
}

function dropOn(target: Element, entries: Entry[]) {
  const items = entries.map((entry) => ({
    kind: 'file',
    type: '',
    getAsFile: () => (entry.isFile ? (entry as Entry & { blob: File }).blob : null),
    webkitGetAsEntry: () => entry,
  }));
  const files = entries.filter((e) => e.isFile).map((e) => (e as Entry & { blob: File }).blob);
  fireEvent.drop(target, { dataTransfer: { types: ['Files'], items, files } });
}

/** A composer on a draft the test also holds (to stage sources no drop can make). */
function SharedDraft(props: { branch: string; holder: { builder?: CommitBuilderState } }) {
  const builder = useCommitBuilder(REPO, { branch: props.branch, author: ME });
  props.holder.builder = builder;
  return <CommitComposer repoId={REPO} branch={props.branch} author={ME} builder={builder} />;
}

const dropZone = () => screen.getByRole('group', { name: /drop files or folders here/i });
const messageBox = () => screen.getByRole('textbox', { name: 'Commit message' });
const commitButton = () => screen.getByRole('button', { name: 'Commit' });
const stagedRows = () =>
  within(screen.getByRole('list', { name: 'Staged changes' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent ?? '');

describe('commit failures as sentences', () => {
  it('says "too large" for a 413, which a commit reports as a RefUpdateError', () => {
    const refused = new RefUpdateError('the file is larger than 100 MiB', {
      label: 'too_large',
      status: 413,
    });
    expect(describeCommitError(refused, defaultLabels)).toEqual({
      kind: 'error',
      message: defaultLabels.fileTooBig('the file is larger than 100 MiB'),
    });
    const other = new RefUpdateError('no', { label: 'invalid', status: 400 });
    expect(describeCommitError(other, defaultLabels).kind).toBe('error');
    expect(
      (describeCommitError(other, defaultLabels) as { message: string }).message,
    ).not.toContain('too large');
  });
});

describe('staging plan', () => {
  it('keeps relative paths under the base folder, skips junk and paths git refuses', () => {
    const file = (path: string) =>
      Object.assign(new NodeFile(['x'], path.split('/').pop() as string), {
        relativePath: path,
      }) as unknown as File;
    const plan = planDrop(
      [
        file('/site/index.html'),
        file('./notes.txt'),
        file('/site/__MACOSX/._index.html'),
        file('/site/desktop.ini'),
        file('/site/.git/config'),
        file('/site/css/a.css'),
      ],
      'web/',
    );
    expect(plan.files.map((f) => f.path)).toEqual([
      'web/site/index.html',
      'web/notes.txt',
      'web/site/css/a.css',
    ]);
    expect(plan.skipped.map((s) => s.path)).toEqual([
      'site/__MACOSX/._index.html',
      'site/desktop.ini',
      'web/site/.git/config',
    ]);
    expect(plan.skipped[2]?.reason).toMatch(/\.git/);
  });
});

describe('CommitComposer', () => {
  it('stages a dropped folder under basePath with nested paths and commits it', async () => {
    await branchFrom('drop');
    const site = dirEntry('/site', [
      fileEntry('/site/index.html', '<h1>hi</h1>\n'),
      dirEntry('/site/css', [
        fileEntry('/site/css/a.css', 'a {}\n'),
        fileEntry('/site/css/b.css', 'b {}\n'),
        fileEntry('/site/css/c.css', 'c {}\n'),
      ]),
      fileEntry('/site/.DS_Store', 'junk'),
      dirEntry('/site/__MACOSX', [fileEntry('/site/__MACOSX/._index.html', 'junk')]),
      fileEntry('/site/desktop.ini', 'junk'),
    ]);
    const loose = fileEntry('/guide.md', 'new guide\n');
    const committed: string[] = [];
    render(
      wrap(
        <CommitComposer
          repoId={REPO}
          branch="drop"
          author={ME}
          basePath="docs"
          onCommitted={(r) => committed.push(r.commitSha)}
        />,
      ),
    );
    expect(screen.getByText('They are added under docs/.')).toBeTruthy();
    dropOn(dropZone(), [site, loose]);
    await waitFor(() => expect(stagedRows()).toHaveLength(5));
    // The folder reader was called until it returned nothing (2 entries per call: 4 calls).
    expect(site.pages).toBe(4);
    const rows = stagedRows().join('\n');
    for (const path of [
      'docs/site/index.html',
      'docs/site/css/a.css',
      'docs/site/css/b.css',
      'docs/site/css/c.css',
      'docs/guide.md',
    ]) {
      expect(rows).toContain(path);
    }
    // docs/guide.md exists on the branch: marked as replacing it.
    await waitFor(() =>
      expect(stagedRows().find((r) => r.includes('docs/guide.md'))).toMatch(/^replaces/),
    );
    expect(stagedRows().find((r) => r.includes('docs/site/index.html'))).toMatch(/^new/);
    // Junk is listed as skipped (file-selector drops .DS_Store itself, before we see it).
    const skipped = screen.getByText(/files were skipped/).closest('div') as HTMLElement;
    expect(skipped.textContent).toContain('site/__MACOSX/._index.html');
    expect(skipped.textContent).toContain('site/desktop.ini');
    expect(rows).not.toContain('.DS_Store');

    // Commit in one handler: nothing typed yet says so; then with a message it lands.
    fireEvent.click(commitButton());
    expect(await screen.findByText('Write a commit message first.')).toBeTruthy();
    fireEvent.change(messageBox(), { target: { value: 'Add the site\n\nWith styles.' } });
    fireEvent.click(commitButton());
    await screen.findByText(/^Committed [0-9a-f]{7}: Add the site$/);
    expect(committed).toHaveLength(1);
    expect(await head('drop')).toBe(committed[0]);
    expect(await read('drop', 'docs/site/css/b.css')).toBe('b {}\n');
    expect(await read('drop', 'docs/guide.md')).toBe('new guide\n');
    const commit = (await repo().getCommit({ sha: 'drop' })).commit;
    expect(commit.authorName).toBe(ME.name);
    expect(commit.message.trim()).toBe('Add the site\n\nWith styles.');
    // The stage is empty again.
    expect(screen.getByText(/Nothing staged yet/)).toBeTruthy();
  });

  it('checks a new path as it is typed, renames, edits and stages deletions', async () => {
    await branchFrom('edit');
    render(wrap(<CommitComposer repoId={REPO} branch="edit" author={ME} />));
    dropOn(dropZone(), [fileEntry('/draft.txt', 'first draft\n')]);
    await waitFor(() => expect(stagedRows()).toHaveLength(1));

    // Rename: a bad path is refused with the reason, as typed; Enter does nothing then.
    fireEvent.click(screen.getByRole('button', { name: 'Rename draft.txt' }));
    const input = screen.getByRole('textbox', { name: 'New path for draft.txt' });
    fireEvent.change(input, { target: { value: 'notes/../draft.txt' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Not a valid path: .*"\.\."/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    // Still renaming draft.txt: nothing moved.
    expect(screen.getByRole('textbox', { name: 'New path for draft.txt' })).toBe(input);
    fireEvent.change(input, { target: { value: 'notes/.git/x' } });
    expect(screen.getByRole('alert').textContent).toMatch(/\.git/);
    fireEvent.change(input, { target: { value: 'notes/draft.txt' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(stagedRows()[0]).toContain('notes/draft.txt'));

    // Edit the staged file's text.
    fireEvent.click(screen.getByRole('button', { name: 'Edit notes/draft.txt' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit notes/draft.txt' });
    const text = await within(dialog).findByRole('textbox', {
      name: 'Contents of notes/draft.txt',
    });
    expect((text as HTMLTextAreaElement).value).toBe('first draft\n');
    fireEvent.change(text, { target: { value: 'second draft\n' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stage' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    // An existing file of the branch: edit it, and delete another.
    fireEvent.click(screen.getByRole('button', { name: 'Edit or delete a file…' }));
    const pathBox = screen.getByRole('textbox', { name: 'Path of a file on edit' });
    fireEvent.change(pathBox, { target: { value: 'docs/missing.md' } });
    expect(await screen.findByText('docs/missing.md is not on edit.')).toBeTruthy();
    fireEvent.change(pathBox, { target: { value: 'docs/intro.md' } });
    // Enter in the field submits the form: that is Edit, never the deletion beside it.
    fireEvent.submit(pathBox.closest('form') as HTMLFormElement);
    const editDialog = await screen.findByRole('dialog', { name: 'Edit docs/intro.md' });
    const introText = await within(editDialog).findByRole('textbox', {
      name: 'Contents of docs/intro.md',
    });
    expect((introText as HTMLTextAreaElement).value).toBe('# Intro\n');
    fireEvent.change(introText, { target: { value: '# Intro\n\nMore.\n' } });
    fireEvent.click(within(editDialog).getByRole('button', { name: 'Stage' }));
    fireEvent.change(pathBox, { target: { value: 'README.md' } });
    fireEvent.click(screen.getByRole('button', { name: 'Stage deletion' }));
    await waitFor(() => expect(stagedRows()).toHaveLength(3));
    await waitFor(() =>
      expect(
        [...document.querySelectorAll('.gsk-staged__kind')].map((kind) => kind.textContent),
      ).toEqual(['new', 'edited', 'deleted']),
    );
    expect(screen.getByText(/3 changes staged: 1 new, 1 edited, 1 deleted/)).toBeTruthy();

    // A new text file from pasted text.
    fireEvent.paste(dropZone(), {
      clipboardData: { types: ['text/plain'], getData: () => 'pasted text\n' },
    });
    const newDialog = await screen.findByRole('dialog', { name: 'New text file' });
    fireEvent.change(within(newDialog).getByRole('textbox', { name: 'Path' }), {
      target: { value: 'pasted.txt' },
    });
    fireEvent.click(within(newDialog).getByRole('button', { name: 'Stage' }));

    fireEvent.change(messageBox(), { target: { value: 'Edits' } });
    fireEvent.click(commitButton());
    await screen.findByText(/^Committed [0-9a-f]{7}: Edits$/);
    expect(await read('edit', 'notes/draft.txt')).toBe('second draft\n');
    expect(await read('edit', 'docs/intro.md')).toBe('# Intro\n\nMore.\n');
    expect(await read('edit', 'pasted.txt')).toBe('pasted text\n');
    await expect(read('edit', 'README.md')).rejects.toThrow();
  });

  it('Cancel mid-upload moves nothing and keeps everything staged; leaving asks first', async () => {
    await branchFrom('cancel');
    const before = await head('cancel');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow() {
      yield new Uint8Array(1024 * 1024);
      await gate;
      yield new Uint8Array(1024 * 1024);
    }
    const shared: { builder?: CommitBuilderState } = {};
    render(wrap(<SharedDraft branch="cancel" holder={shared} />));
    const builder = shared.builder as CommitBuilderState;
    act(() => {
      builder.addFile('big.bin', slow());
      builder.addText('small.txt', 'small\n');
    });
    fireEvent.change(messageBox(), { target: { value: 'never lands' } });
    fireEvent.click(commitButton());
    const bar = await screen.findByRole('progressbar', { name: 'Upload progress' });
    await waitFor(() => expect(Number(bar.getAttribute('aria-valuenow') ?? 0)).toBe(0));
    await waitFor(() =>
      expect(
        screen.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('aria-valuetext'),
      ).toMatch(/^Uploading/),
    );
    // The browser is asked to confirm leaving while the upload runs.
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    release();
    expect(
      await screen.findByText(
        'Cancelled: nothing was committed, and your changes are still staged.',
      ),
    ).toBeTruthy();
    expect(await head('cancel')).toBe(before);
    expect(stagedRows()).toHaveLength(2);
    expect((messageBox() as HTMLTextAreaElement).value).toBe('never lands');
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });

  it('explains a branch moved by someone else, and "Commit on top" lands both', async () => {
    await branchFrom('moved');
    render(wrap(<CommitComposer repoId={REPO} branch="moved" author={ME} />));
    dropOn(dropZone(), [
      fileEntry('/docs/guide.md', 'my guide\n'),
      fileEntry('/mine.txt', 'mine\n'),
    ]);
    await waitFor(() => expect(stagedRows()).toHaveLength(2));
    const start = await head('moved');
    // The composer records the head when staging begins; a second client commits after that.
    await waitFor(() =>
      expect(document.querySelector('.gsk-commit-composer')?.getAttribute('data-base-head')).toBe(
        start,
      ),
    );
    const theirs = await repo()
      .createCommit({ targetBranch: 'moved', commitMessage: 'their guide', author: OTHER })
      .addFileFromString('docs/guide.md', 'their guide\n')
      .addFileFromString('theirs.txt', 'theirs\n')
      .send();
    fireEvent.change(messageBox(), { target: { value: 'Mine on top' } });
    fireEvent.click(commitButton());
    const notice = await screen.findByText(
      'moved moved while you were working: 1 new commit by Grace Hopper.',
    );
    const box = notice.closest('[role=alert]') as HTMLElement;
    expect(within(box).getByText('One of your staged files was changed there too:')).toBeTruthy();
    expect(within(box).getByText('docs/guide.md')).toBeTruthy();
    expect(await head('moved')).toBe(theirs.commitSha);
    expect(stagedRows()).toHaveLength(2);

    // Their changes, in the diff viewer, between the two heads.
    fireEvent.click(within(box).getByRole('button', { name: 'Review their changes' }));
    const review = await screen.findByRole('region', { name: /New changes on moved/ });
    await waitFor(() => expect(review.textContent).toContain('theirs.txt'));
    expect(start).not.toBe(theirs.commitSha);

    // Their docs/guide.md would be replaced: that is said in words, reviewing is the primary
    // action, and committing on top asks first (Cancel, the focused choice, commits nothing).
    expect(
      within(box).getByText(/Committing on top replaces their version of that file with yours/),
    ).toBeTruthy();
    expect(
      within(box)
        .getByRole('button', { name: 'Hide their changes' })
        .classList.contains('gsk-button--primary'),
    ).toBe(true);
    fireEvent.click(within(box).getByRole('button', { name: 'Commit on top…' }));
    const confirm = screen.getByRole('dialog', { name: 'Replace their changes to one file?' });
    expect(within(confirm).getByText('docs/guide.md')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(await head('moved')).toBe(theirs.commitSha);
    fireEvent.click(within(box).getByRole('button', { name: 'Commit on top…' }));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Commit on top' }),
    );
    await screen.findByText(/^Committed [0-9a-f]{7}: Mine on top$/);
    const history = (await repo().listCommits({ branch: 'moved', limit: 3 })).commits;
    expect(history.map((c) => c.message.trim())).toEqual(['Mine on top', 'their guide', 'start']);
    expect(history[1]?.sha).toBe(theirs.commitSha);
    expect(await read('moved', 'docs/guide.md')).toBe('my guide\n');
    expect(await read('moved', 'theirs.txt')).toBe('theirs\n');
  });

  it('offers to look again when finding out what moved fails, instead of a dead end', async () => {
    await branchFrom('moved-offline');
    // The history read fails while `offline` is set (a network that drops), everything else works.
    let offline = false;
    const flaky = ourClient(server, {
      fetch: (input, init) =>
        offline && String(input).includes('/repos/commits')
          ? Promise.reject(new TypeError('fetch failed'))
          : fetch(input, init),
    });
    render(wrap(<CommitComposer repoId={REPO} branch="moved-offline" author={ME} />, flaky));
    dropOn(dropZone(), [fileEntry('/mine.txt', 'mine\n')]);
    await waitFor(() =>
      expect(
        document.querySelector('.gsk-commit-composer')?.getAttribute('data-base-head'),
      ).toBeTruthy(),
    );
    await repo()
      .createCommit({ targetBranch: 'moved-offline', commitMessage: 'theirs', author: OTHER })
      .addFileFromString('theirs.txt', 'theirs\n')
      .send();
    offline = true;
    fireEvent.change(messageBox(), { target: { value: 'Mine' } });
    fireEvent.click(commitButton());
    const retry = await screen.findByRole('button', { name: 'Retry' });
    expect(screen.getByRole('button', { name: 'Commit on top' }).hasAttribute('disabled')).toBe(
      true,
    );
    offline = false;
    fireEvent.click(retry);
    await screen.findByText(
      'moved-offline moved while you were working: 1 new commit by Grace Hopper.',
    );
    const onTop = screen.getByRole('button', { name: 'Commit on top' });
    expect(onTop.hasAttribute('disabled')).toBe(false);
    fireEvent.click(onTop);
    await screen.findByText(/^Committed [0-9a-f]{7}: Mine$/);
  });

  it('tells a reader that writing is refused, and keeps the stage', async () => {
    await branchFrom('reader');
    const before = await head('reader');
    const reader = ourClient(server, {
      getToken: ({ repoId }) => server.token(repoId, ['git:read']),
    });
    render(wrap(<CommitComposer repoId={REPO} branch="reader" author={ME} />, reader));
    dropOn(dropZone(), [fileEntry('/nope.txt', 'nope\n')]);
    await waitFor(() => expect(stagedRows()).toHaveLength(1));
    fireEvent.change(messageBox(), { target: { value: 'Should fail' } });
    fireEvent.click(commitButton());
    const alert = await screen.findByText(/You do not have permission to commit/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(await head('reader')).toBe(before);
    expect(stagedRows()).toHaveLength(1);
  });

  it('in the RepositoryBrowser: an empty repository tells a writer how to add the first files', async () => {
    await ourClient(server).createRepo({ id: 'composer/empty' });
    render(wrap(<RepositoryBrowser repoId="composer/empty" author={ME} />));
    expect((await screen.findByText(/has no files yet/)).textContent).toBe(
      'This repository has no files yet. Add the first ones with “New commit”, or push to it with git.',
    );
  });

  it('in the RepositoryBrowser: a path that is not there offers no Edit, deletion or Download', async () => {
    await branchFrom('missing-path');
    render(
      wrap(
        <RepositoryBrowser
          repoId={REPO}
          defaultLocation={{ branch: 'missing-path', path: 'docs/gone.md' }}
          author={ME}
        />,
      ),
    );
    await screen.findByText(/Could not load the file/);
    expect(screen.queryByRole('button', { name: 'Edit docs/gone.md' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stage deletion of docs/gone.md' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Download' })).toBeNull();
  });

  it('in the RepositoryBrowser: Delete in the tree and Edit on a file stage into the composer', async () => {
    await branchFrom('browse');
    render(wrap(<RepositoryBrowser repoId={REPO} branch="browse" author={ME} />));
    const tree = await screen.findByRole('tree', { name: 'Files' });
    await within(tree).findByRole('treeitem', { name: /README\.md/ });
    // Open docs/ and select docs/intro.md.
    const docs = within(tree).getByRole('treeitem', { name: /docs/ });
    fireEvent.click(docs);
    const intro = await within(tree).findByRole('treeitem', { name: /intro\.md/ });
    fireEvent.click(intro);
    // Edit it from the file view.
    fireEvent.click(await screen.findByRole('button', { name: 'Edit docs/intro.md' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit docs/intro.md' });
    const text = await within(dialog).findByRole('textbox', { name: 'Contents of docs/intro.md' });
    fireEvent.change(text, { target: { value: '# Intro, edited in the browser\n' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stage' }));
    // Delete README.md from the tree with the Delete key.
    fireEvent.click(within(tree).getByRole('treeitem', { name: /README\.md/ }));
    fireEvent.keyDown(tree, { key: 'Delete' });
    const tab = await screen.findByRole('button', { name: 'New commit (2 staged)' });
    fireEvent.click(tab);
    // The composer works in the folder of the file last selected (the root, for README.md).
    expect(await screen.findByText('They are added at the repository root.')).toBeTruthy();
    await waitFor(() =>
      expect(
        [...document.querySelectorAll('.gsk-staged__kind')].map((kind) => kind.textContent),
      ).toEqual(['edited', 'deleted']),
    );
    fireEvent.change(messageBox(), { target: { value: 'From the browser' } });
    fireEvent.click(commitButton());
    await screen.findByText(/^Committed [0-9a-f]{7}: From the browser$/);
    expect(await read('browse', 'docs/intro.md')).toBe('# Intro, edited in the browser\n');
    await expect(read('browse', 'README.md')).rejects.toThrow();
    // The tree shows the branch as it is now.
    await waitFor(() =>
      expect(within(tree).queryByRole('treeitem', { name: /README\.md/ })).toBeNull(),
    );
    expect(screen.getByRole('button', { name: 'New commit' })).toBeTruthy();
  });

  it('on the default branch, the composer and the tree share one listing of the tree', async () => {
    const queryClient = new QueryClient();
    // Its own client: what it stages stays in its own drafts.
    render(
      <QueryClientProvider client={queryClient}>
        <GitStorageProvider client={ourClient(server)}>
          <RepositoryBrowser repoId={REPO} author={ME} />
        </GitStorageProvider>
      </QueryClientProvider>,
    );
    await screen.findByRole('treeitem', { name: /docs/ });
    fireEvent.click(screen.getByRole('button', { name: /New commit/ }));
    dropOn(await screen.findByRole('group', { name: /drop files or folders here/i }), [
      fileEntry('/listed-once.txt', 'x\n'),
    ]);
    await waitFor(() => expect(stagedRows()).toHaveLength(1));
    await waitFor(() =>
      expect(queryClient.isFetching({ queryKey: storageKeys.repo(REPO) })).toBe(0),
    );
    const wholeTree = queryClient
      .getQueryCache()
      .findAll({ queryKey: storageKeys.repo(REPO) })
      .filter(
        (q) =>
          q.queryKey.includes('files') && JSON.stringify(q.queryKey).includes('"recursive":true'),
      );
    expect(wholeTree).toHaveLength(1);
  });

  it('in the RepositoryBrowser, a reader is shown no write action, and told why', async () => {
    render(wrap(<RepositoryBrowser repoId={REPO} branch="main" author={ME} readOnly />));
    const tree = await screen.findByRole('tree', { name: 'Files' });
    fireEvent.click(await within(tree).findByRole('treeitem', { name: /README\.md/ }));
    await screen.findByRole('button', { name: 'Download' });
    expect(screen.getByText('Read only: this sign-in can browse, not commit.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit README.md' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^New commit/ })).toBeNull();
    // Delete in the tree stages nothing: there is no composer to stage into.
    fireEvent.keyDown(tree, { key: 'Delete' });
    expect(screen.queryByRole('button', { name: /^New commit/ })).toBeNull();
  });
});
