// @vitest-environment jsdom
/**
 * The connected components in jsdom against a started local server over real HTTP: the tree's
 * ARIA attributes and keyboard paths, whole vs folder-by-folder loading decided by the
 * repository, the filter, error and retry, the file view, the branch combobox (filter, create,
 * delete through its dialog) and the history's paging. Nothing is mocked.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  FOLDER_PAGE,
  WHOLE_TREE_LIMIT,
} from '../../src/components/file-browser/use-repository-tree.js';
import { BranchPicker, CommitHistory, FileBrowser, FileView } from '../../src/components/index.js';
import type { GitStorage } from '../../src/core/index.js';
import { GitStorageProvider } from '../../src/react/index.js';
import { giveElementsASize } from '../helpers/jsdom-layout.js';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';

giveElementsASize();

let server: TestServer;
let client: GitStorage;
const SMALL = 'components/small';
const LARGE = 'components/large';

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  const small = await client.createRepo({ id: SMALL });
  await small
    .createCommit({ targetBranch: 'main', commitMessage: 'first', author: AUTHOR })
    .addFileFromString('README.md', '# Small\n')
    .addFileFromString('alpha/one.txt', '1\n')
    .addFileFromString('alpha/deep/two.txt', '2\n')
    .addFileFromString('beta/three.txt', '3\n')
    .addFileFromString('gamma/four.txt', '4\n')
    .addFileFromString('link', 'README.md', { mode: '120000' })
    .send();
  for (let i = 0; i < 11; i++) {
    await small
      .createCommit({ targetBranch: 'main', commitMessage: `change ${i}`, author: AUTHOR })
      .addFileFromString('alpha/one.txt', `${i}\n`)
      .send();
  }
  await small.createBranch({ baseRef: 'main', targetBranch: 'feature/search' });
  await small.createBranch({ baseRef: 'main', targetBranch: 'feature/tree' });

  // More entries than one whole-tree request holds: the browser must go folder by folder.
  const large = await client.createRepo({ id: LARGE });
  const builder = large.createCommit({
    targetBranch: 'main',
    commitMessage: 'big',
    author: AUTHOR,
  });
  for (let i = 0; i < FOLDER_PAGE + 200; i++) {
    builder.addFileFromString(`huge/f-${String(i).padStart(5, '0')}.txt`, '');
  }
  for (let d = 0; d < 40; d++) {
    for (let f = 0; f < WHOLE_TREE_LIMIT / 40; f++)
      builder.addFileFromString(`dirs/d${d}/f${f}`, '');
  }
  builder.addFileFromString('top.txt', 'top\n');
  await builder.send();
}, 120_000);

afterAll(async () => {
  await server.close();
});

afterEach(() => cleanup());

function wrap(ui: ReactNode, storage: GitStorage = client) {
  const queryClient = new QueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <GitStorageProvider client={storage}>{ui}</GitStorageProvider>
    </QueryClientProvider>,
  );
}

const rowNames = (tree: HTMLElement) =>
  within(tree)
    .queryAllByRole('treeitem')
    .map((r) => r.querySelector('.gsk-file-tree__name')?.textContent ?? r.textContent);

function activeRow(tree: HTMLElement): HTMLElement {
  const id = tree.getAttribute('aria-activedescendant');
  const row = id ? document.getElementById(id) : null;
  if (!row) throw new Error('no active row');
  return row;
}

const key = (tree: HTMLElement, k: string) => fireEvent.keyDown(tree, { key: k });

describe('FileBrowser', () => {
  it('is a named tree whose rows carry level, set size, position, expanded and selected', async () => {
    wrap(<FileBrowser repoId={SMALL} selectedPath="alpha/one.txt" />);
    const tree = await screen.findByRole('tree', { name: 'Files' });
    await waitFor(() => expect(rowNames(tree)).toContain('one.txt'));
    // The selected file's folder starts open.
    expect(rowNames(tree)).toEqual([
      'alpha',
      'deep',
      'one.txt',
      'beta',
      'gamma',
      'link',
      'README.md',
    ]);
    const rows = within(tree).getAllByRole('treeitem');
    const alpha = rows[0] as HTMLElement;
    expect(alpha.getAttribute('aria-level')).toBe('1');
    expect(alpha.getAttribute('aria-setsize')).toBe('5');
    expect(alpha.getAttribute('aria-posinset')).toBe('1');
    expect(alpha.getAttribute('aria-expanded')).toBe('true');
    const one = rows[2] as HTMLElement;
    expect(one.getAttribute('aria-level')).toBe('2');
    expect(one.getAttribute('aria-posinset')).toBe('2');
    expect(one.getAttribute('aria-selected')).toBe('true');
    expect(one.hasAttribute('aria-expanded')).toBe(false);
    expect(rows[3]?.getAttribute('aria-expanded')).toBe('false');
    // The symlink is shown as one, and is a leaf.
    expect(rows[5]?.textContent).toContain('symbolic link');
    expect(rows[5]?.hasAttribute('aria-expanded')).toBe(false);
    // One tab stop: the tree itself.
    expect(tree.tabIndex).toBe(0);
    expect(rows.every((r) => !r.hasAttribute('tabindex'))).toBe(true);
  });

  it('is driven by the keyboard alone: arrows, Home/End, type-ahead, * and Enter', async () => {
    const onSelectFile = vi.fn();
    wrap(<FileBrowser repoId={SMALL} onSelectFile={onSelectFile} />);
    const tree = await screen.findByRole('tree');
    await waitFor(() =>
      expect(rowNames(tree)).toEqual(['alpha', 'beta', 'gamma', 'link', 'README.md']),
    );
    tree.focus();
    expect(activeRow(tree).textContent).toContain('alpha');
    key(tree, 'ArrowRight'); // opens alpha
    await waitFor(() => expect(rowNames(tree)).toContain('one.txt'));
    expect(activeRow(tree).getAttribute('aria-expanded')).toBe('true');
    key(tree, 'ArrowRight'); // to its first child
    expect(activeRow(tree).textContent).toContain('deep');
    expect(activeRow(tree).getAttribute('aria-level')).toBe('2');
    key(tree, 'ArrowDown');
    expect(activeRow(tree).textContent).toContain('one.txt');
    key(tree, 'Enter');
    expect(onSelectFile).toHaveBeenCalledWith(
      'alpha/one.txt',
      expect.objectContaining({ kind: 'file' }),
    );
    key(tree, 'ArrowLeft'); // a file: to its parent
    expect(activeRow(tree).textContent).toContain('alpha');
    key(tree, 'ArrowLeft'); // an open folder: closes
    await waitFor(() => expect(rowNames(tree)).not.toContain('one.txt'));
    key(tree, 'End');
    expect(activeRow(tree).textContent).toContain('README.md');
    key(tree, 'Home');
    expect(activeRow(tree).textContent).toContain('alpha');
    key(tree, 'g'); // type-ahead
    expect(activeRow(tree).textContent).toContain('gamma');
    await new Promise((resolve) => setTimeout(resolve, 700)); // a pause starts a new search
    key(tree, 'l');
    key(tree, 'I'); // "li", any case
    expect(activeRow(tree).textContent).toContain('link');
    key(tree, 'ArrowUp');
    expect(activeRow(tree).textContent).toContain('gamma');
    key(tree, '*'); // every folder beside the active row opens
    await waitFor(() =>
      expect(rowNames(tree)).toEqual([
        'alpha',
        'deep',
        'one.txt',
        'beta',
        'three.txt',
        'gamma',
        'four.txt',
        'link',
        'README.md',
      ]),
    );
    key(tree, 'ArrowDown');
    expect(activeRow(tree).textContent).toContain('four.txt');
    key(tree, ' ');
    expect(onSelectFile).toHaveBeenLastCalledWith('gamma/four.txt', expect.anything());
  });

  it('filters the whole tree of a small repository and says when nothing matches', async () => {
    wrap(<FileBrowser repoId={SMALL} />);
    const tree = await screen.findByRole('tree');
    await waitFor(() => expect(rowNames(tree)).toHaveLength(5));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter files' }), {
      target: { value: 'TWO' },
    });
    await waitFor(() =>
      expect(rowNames(screen.getByRole('tree'))).toEqual(['alpha', 'deep', 'two.txt']),
    );
    expect(screen.queryByText(/Only the .* loaded entries are searched/)).toBeNull();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'nothing-like-this' } });
    expect(await screen.findByText('No file matches the filter.')).toBeTruthy();
  });

  it('reads a large repository one folder at a time, and a huge folder page by page', async () => {
    const urls: string[] = [];
    const counting = ourClient(server, {
      fetch: (input, init) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    wrap(<FileBrowser repoId={LARGE} />, counting);
    const tree = await screen.findByRole('tree');
    await waitFor(() => expect(rowNames(tree)).toEqual(['dirs', 'huge', 'top.txt']));
    const listings = () => urls.filter((u) => u.includes('/repos/files?'));
    // One probe for the whole tree, then the root alone.
    expect(listings()).toHaveLength(2);
    expect(new URL(listings()[1] as string).searchParams.get('recursive')).toBe('false');

    tree.focus();
    key(tree, 'ArrowDown'); // huge
    key(tree, 'ArrowRight');
    await waitFor(() => expect(rowNames(tree)).toContain('f-00000.txt'));
    const huge = new URL(listings().at(-1) as string).searchParams;
    expect(huge.get('path')).toBe('huge');
    expect(huge.get('limit')).toBe(String(FOLDER_PAGE));
    // Only the first page so far (the "more" row that loads the rest is driven in Chromium,
    // where scrolling exists: test/e2e/storybook.test.ts).
    const first = within(tree)
      .getAllByRole('treeitem')
      .find((r) => r.textContent?.includes('f-00000'));
    expect(first?.getAttribute('aria-setsize')).toBe(String(FOLDER_PAGE));

    // The filter searches what is loaded, and says so.
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'f-0119' } });
    expect(await screen.findByText(/Only the .* loaded entries are searched/)).toBeTruthy();
  });

  it('shows a listing that failed to load in full, and loads it on retry', async () => {
    let failures = 1;
    const flaky = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        if (failures-- > 0) throw new Error('session expired');
        return server.token(repoId, [...scopes]);
      },
    });
    wrap(<FileBrowser repoId={SMALL} />, flaky);
    // The whole listing failed: the sentence in full (never cut to fit a row), and Retry.
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Could not load this folder: .*session expired/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    const tree = await screen.findByRole('tree');
    await waitFor(() =>
      expect(rowNames(tree)).toEqual(['alpha', 'beta', 'gamma', 'link', 'README.md']),
    );
  });
});

describe('FileView', () => {
  it('shows text with line numbers, size, and the last commit', async () => {
    wrap(<FileView repoId={SMALL} path="alpha/one.txt" locale="en" />);
    const region = await screen.findByRole('region', { name: 'Contents of alpha/one.txt' });
    expect(region.textContent).toBe('110\n'.replace('\n', '')); // line number 1, then "10"
    expect(screen.getByRole('heading', { name: 'alpha/one.txt' })).toBeTruthy();
    expect(await screen.findByText(/change 10/)).toBeTruthy();
    expect(screen.getByText(/3 bytes/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download' })).toBeTruthy();
  });

  it('tells a repository that does not exist from one that has no files yet', async () => {
    await client.createRepo({ id: 'components/empty' });
    wrap(<FileBrowser repoId="components/empty" />);
    expect((await screen.findByRole('status')).textContent).toBe(
      'This repository has no files yet.',
    );
    cleanup();
    wrap(<FileBrowser repoId="components/missing" />);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'There is no repository components/missing, or this sign-in cannot see it.',
      ),
    );
  });

  it('says clearly when a file does not exist', async () => {
    wrap(<FileView repoId={SMALL} path="nope.txt" />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load the file/);
  });
});

describe('BranchPicker', () => {
  it('filters, chooses, creates a branch with a checked name, and deletes through a dialog', async () => {
    const onBranchChange = vi.fn();
    const { rerender } = wrap(
      <BranchPicker repoId={SMALL} branch="main" onBranchChange={onBranchChange} />,
    );
    const input = screen.getByRole('combobox', { name: 'Branch' });
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('main'));
    expect(input.getAttribute('aria-expanded')).toBe('false');
    fireEvent.change(input, { target: { value: 'feat' } });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox');
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['feature/search', 'feature/tree', 'Create branch feat from main']),
    );
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const active = document.getElementById(input.getAttribute('aria-activedescendant') ?? '');
    expect(active?.textContent).toBe('feature/tree');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onBranchChange).toHaveBeenCalledWith('feature/tree');
    expect(input.getAttribute('aria-expanded')).toBe('false');

    // A bad name says why; a good one offers to create it from the current branch.
    fireEvent.change(input, { target: { value: 'bad..name' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not a valid branch name/);
    fireEvent.change(input, { target: { value: 'made-here' } });
    const create = await screen.findByRole('option', { name: 'Create branch made-here from main' });
    fireEvent.click(create);
    // Creating is confirmed first: Cancel (focused) creates nothing.
    const confirm = await screen.findByRole('dialog', {
      name: 'Create branch made-here from main?',
    });
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Create branch' }));
    await waitFor(() => expect(onBranchChange).toHaveBeenCalledWith('made-here'));
    const names = async () =>
      (await client.repo({ id: SMALL }).listBranches({ limit: 100 })).branches.map((b) => b.name);
    expect(await names()).toContain('made-here');

    // The default branch cannot be deleted; another can, after confirming.
    expect(
      (screen.getByRole('button', { name: 'Delete branch…' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    rerender(
      <QueryClientProvider client={new QueryClient()}>
        <GitStorageProvider client={client}>
          <BranchPicker repoId={SMALL} branch="made-here" onBranchChange={onBranchChange} />
        </GitStorageProvider>
      </QueryClientProvider>,
    );
    const del = screen.getByRole('button', { name: 'Delete branch…' });
    await waitFor(() => expect((del as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(del);
    const dialog = await screen.findByRole('dialog', { name: 'Delete branch made-here?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await names()).toContain('made-here');
    fireEvent.click(screen.getByRole('button', { name: 'Delete branch…' }));
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(async () => expect(await names()).not.toContain('made-here'));
    await waitFor(() => expect(onBranchChange).toHaveBeenLastCalledWith('main'));
  });
});

describe('CommitHistory', () => {
  it('pages through the history and reports the chosen commit', async () => {
    const onSelectCommit = vi.fn();
    wrap(<CommitHistory repoId={SMALL} pageSize={5} onSelectCommit={onSelectCommit} locale="en" />);
    const list = await screen.findByRole('list');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(12), {
      timeout: 10_000,
    });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('change 10');
    expect(items[11]?.textContent).toContain('first');
    expect(items[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(items[11]?.getAttribute('aria-setsize')).toBe('12');
    const head = (await client.repo({ id: SMALL }).listCommits({ limit: 1 })).commits[0]?.sha ?? '';
    await act(async () => {
      fireEvent.click(within(items[0] as HTMLElement).getByRole('button', { name: /change 10/ }));
    });
    expect(onSelectCommit).toHaveBeenCalledWith(head);
    expect(
      within(items[0] as HTMLElement).getByRole('button', {
        name: `Copy commit id ${head.slice(0, 7)}`,
      }),
    ).toBeTruthy();
  });
});
