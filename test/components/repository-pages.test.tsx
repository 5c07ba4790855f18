// @vitest-environment jsdom
/**
 * The repository pages against a real local server: BlameView agrees with `git blame` line for
 * line; CodeSearch finds literal text (regex characters included), regular expressions when
 * asked, filters by path, pages, and opens a result at its line; CompareView counts ahead and
 * behind, lists the commits, swaps, and says when branches are identical; CommitView shows the
 * message, people, parents and SHA. Each is driven from the keyboard where it has controls.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BlameView,
  CodeSearch,
  CommitView,
  CompareView,
  RepositoryBrowser,
} from '../../src/components/index.js';
import type { GitStorage } from '../../src/core/index.js';
import { GitStorageProvider } from '../../src/react/index.js';
import { mountEveryRow } from '../helpers/jsdom-layout.js';
import { git, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';

mountEveryRow('.gsk-blame__scroll, .gsk-file-preview__text, .gsk-commit-list__scroll');

let server: TestServer;
let client: GitStorage;
const REPO = 'components/pages';
const ADA = { name: 'Ada Lovelace', email: 'ada@example.com' };
const GRACE = { name: 'Grace Hopper', email: 'grace@example.com' };
const shas: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  const repo = await client.createRepo({ id: REPO });
  const first = await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'Start\n\nThe first lines.', author: ADA })
    .addFileFromString('src/a.ts', 'export const a = 1;\nconst b = a.b(2);\nexport const c = 3;\n')
    .addFileFromString('docs/notes.md', 'a.b( in prose\nnothing here\n')
    .addFileFromString('README.md', '# Pages\n')
    .send();
  shas.first = first.commitSha;
  const second = await repo
    .createCommit({
      targetBranch: 'main',
      commitMessage: 'Change the middle line',
      author: GRACE,
      committer: ADA,
    })
    .addFileFromString('src/a.ts', 'export const a = 1;\nconst b = a.b(20);\nexport const c = 3;\n')
    .send();
  shas.second = second.commitSha;
  await repo.createBranch({ baseBranch: 'main', targetBranch: 'same' });
  const f1 = await repo
    .createCommit({ targetBranch: 'feature', baseBranch: 'main', commitMessage: 'F1', author: ADA })
    .addFileFromString('f1.txt', 'one\n')
    .send();
  shas.f1 = f1.commitSha;
  const f2 = await repo
    .createCommit({ targetBranch: 'feature', commitMessage: 'F2', author: ADA })
    .addFileFromString('f2.txt', 'two\n')
    .send();
  shas.f2 = f2.commitSha;
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'Main moves on', author: GRACE })
    .addFileFromString('m.txt', 'main\n')
    .send();
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  cleanup();
});

function wrap(children: ReactNode) {
  const queryClient = new QueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <GitStorageProvider client={client}>{children}</GitStorageProvider>
    </QueryClientProvider>
  );
}

describe('BlameView', () => {
  it('shows each line beside the commit git blame names, grouped, and opens a commit from the keyboard', async () => {
    const open = vi.fn();
    render(wrap(<BlameView repoId={REPO} path="src/a.ts" gitRef="main" onSelectCommit={open} />));
    const lines = await screen.findByRole('region', { name: /^Lines of src\/a\.ts/ });
    await waitFor(() => expect(lines.querySelectorAll('.gsk-blame__row')).toHaveLength(3));
    // git's own answer, from the bare repository the server keeps.
    const porcelain = await git(
      ['blame', '--line-porcelain', 'main', '--', 'src/a.ts'],
      server.gitDir(REPO),
    );
    const expected = porcelain
      .split('\n')
      .filter((l) => /^[0-9a-f]{40} /.test(l))
      .map((l) => l.slice(0, 40));
    expect(expected).toEqual([shas.first, shas.second, shas.first]);
    const rows = [...lines.querySelectorAll('.gsk-blame__row')];
    expect(rows.map((r) => r.querySelector('.gsk-blame__text')?.textContent)).toEqual([
      'export const a = 1;',
      'const b = a.b(20);',
      'export const c = 3;',
    ]);
    // Three groups (the commit changes between each line), each titled by its commit.
    const buttons = within(lines).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Start', 'Change the middle line', 'Start']);
    expect(buttons[1]?.getAttribute('aria-label')).toMatch(
      /^Change the middle line, by Grace Hopper/,
    );
    // The newest commit has the strongest shade, the oldest the weakest.
    // (Both commits may share a second here: then both are "newest".)
    const ages = rows.map((r) =>
      Number(/gsk-blame__age--(\d)/.exec(r.querySelector('.gsk-blame__age')?.className ?? '')?.[1]),
    );
    expect(ages[1]).toBe(9);
    expect(ages[0]).toBeLessThanOrEqual(ages[1] as number);
    // Keyboard: the commit's button takes Enter like any button.
    (buttons[1] as HTMLButtonElement).focus();
    fireEvent.click(buttons[1] as HTMLButtonElement);
    expect(open).toHaveBeenCalledWith(shas.second);
  });
});

describe('CodeSearch', () => {
  async function search(text: string, options: { regex?: boolean; paths?: string } = {}) {
    const box = screen.getByRole('searchbox', { name: 'Search code' });
    fireEvent.change(box, { target: { value: text } });
    if (options.regex)
      fireEvent.click(screen.getByRole('checkbox', { name: 'Regular expression' }));
    if (options.paths !== undefined) {
      fireEvent.change(screen.getByRole('textbox', { name: 'In paths' }), {
        target: { value: options.paths },
      });
    }
    fireEvent.submit(screen.getByRole('search'));
  }

  it('finds literal text with regex characters in it, marks it, and opens a line', async () => {
    const open = vi.fn();
    render(wrap(<CodeSearch repoId={REPO} gitRef="main" onOpenResult={open} />));
    await search('a.b(');
    await screen.findByText('2 matching lines in 2 files');
    const file = screen.getByRole('region', { name: 'src/a.ts' });
    expect([...file.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['a.b(']);
    fireEvent.click(within(file).getByRole('button', { name: /^line ?2(?!\d)/ }));
    expect(open).toHaveBeenCalledWith('src/a.ts', 2);
  });

  it('takes a regular expression when asked, filters by path, and pages', async () => {
    render(wrap(<CodeSearch repoId={REPO} gitRef="main" pageSize={1} />));
    await search('^export const [ac]', { regex: true });
    await screen.findByText('2 matching lines in 1 file');
    await search('^export const [ac]', { paths: 'docs/' });
    // The path filter leaves only docs/, where nothing starts with "export".
    await screen.findByText('Nothing matches “^export const [ac]”.');
    await search('a', { paths: '' });
    await screen.findByText(/in 1 file so far/);
    fireEvent.click(screen.getByRole('button', { name: 'More results' }));
    await screen.findByText(/in 2 files/);
  });

  it('says what is wrong with a pattern git cannot read', async () => {
    render(wrap(<CodeSearch repoId={REPO} gitRef="main" />));
    await search('(', { regex: true });
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The search failed: /);
  });
});

describe('CompareView', () => {
  it('counts ahead and behind, lists the commits since the merge base, and swaps', async () => {
    const change = vi.fn();
    const select = vi.fn();
    render(
      wrap(
        <CompareView
          repoId={REPO}
          base="main"
          head="feature"
          onChange={change}
          onSelectCommit={select}
        />,
      ),
    );
    await screen.findByText('feature is 2 commits ahead of and 1 commit behind main.');
    const list = screen.getByRole('region', { name: 'Commits (2)' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('F2'), expect.stringContaining('F1')]);
    fireEvent.click(within(list).getAllByRole('button')[0] as HTMLElement);
    expect(select).toHaveBeenCalledWith(shas.f2);
    fireEvent.click(screen.getByRole('button', { name: 'Swap base and compare' }));
    expect(change).toHaveBeenCalledWith({ base: 'feature', head: 'main' });
  });

  it('says two branches at one commit are identical, in words', async () => {
    render(wrap(<CompareView repoId={REPO} base="main" head="main" />));
    await screen.findByText('main and main are identical: there is nothing to compare.');
  });
});

describe('CommitView', () => {
  it('shows title, body, author and committer, a parent that opens, and the full SHA', async () => {
    const open = vi.fn();
    render(
      wrap(
        <CommitView
          repoId={REPO}
          sha={shas.second as string}
          branch="main"
          onSelectCommit={open}
        />,
      ),
    );
    await screen.findByRole('heading', { name: 'Change the middle line' });
    const header = screen
      .getByRole('heading', { name: 'Change the middle line' })
      .closest('header') as HTMLElement;
    expect(header.textContent).toContain('Grace Hopper');
    expect(header.textContent).toContain('committed by Ada Lovelace');
    expect(header.textContent).toContain('on main');
    expect(header.textContent).toContain(shas.second);
    fireEvent.click(
      within(header).getByRole('button', {
        name: `Open parent commit ${shas.first?.slice(0, 7)}`,
      }),
    );
    expect(open).toHaveBeenCalledWith(shas.first);
    expect(
      within(header).getByRole('button', { name: `Copy commit id ${shas.second?.slice(0, 7)}` }),
    ).toBeTruthy();
    const first = render(wrap(<CommitView repoId={REPO} sha={shas.first as string} />));
    await within(first.container).findByText('The first lines.');
    expect(first.container.textContent).toContain('no parent (the first commit)');
  });
});

describe('RepositoryBrowser pages', () => {
  it('opens a search result in the file view at its line, and blame from the file', async () => {
    render(wrap(<RepositoryBrowser repoId={REPO} />));
    fireEvent.click(await screen.findByRole('button', { name: 'Search' }));
    // The search view is a chunk of its own: it shows once loaded.
    fireEvent.change(await screen.findByRole('searchbox', { name: 'Search code' }), {
      target: { value: 'export const c' },
    });
    fireEvent.submit(screen.getByRole('search'));
    const result = await screen.findByRole('region', { name: 'src/a.ts' });
    fireEvent.click(within(result).getByRole('button', { name: /^line ?3(?!\d)/ }));
    const text = await screen.findByRole('region', { name: 'Contents of src/a.ts' });
    await waitFor(() =>
      expect(text.querySelector('.gsk-file-preview__line--target')?.textContent).toBe(
        '3export const c = 3;',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: /^Blame of src\/a\.ts/ }));
    await screen.findByRole('region', { name: /^Lines of src\/a\.ts/ });
    // The main pane is named after the view it shows.
    expect(screen.getByRole('group', { name: 'Blame of src/a.ts' })).toBeTruthy();
  });
});

describe('blame ages', () => {
  it('shades the oldest commit 0 and the newest 9, in steps between', async () => {
    const { groupBlame } = await import('../../src/components/blame/blame-model.js');
    const at = (iso: string, sha: string) =>
      ({ commitSha: sha, authorTime: new Date(iso) }) as Parameters<typeof groupBlame>[0][number];
    const { groups, groupOfLine } = groupBlame([
      at('2020-01-01', 'a'),
      at('2020-01-01', 'a'),
      at('2025-01-01', 'b'),
      at('2022-07-01', 'c'),
      at('2020-01-01', 'a'),
    ]);
    expect(groups.map((g) => [g.commitSha, g.start, g.length, g.age])).toEqual([
      ['a', 0, 2, 0],
      ['b', 2, 1, 9],
      ['c', 3, 1, 4],
      ['a', 4, 1, 0],
    ]);
    expect([...groupOfLine]).toEqual([0, 0, 1, 2, 3]);
  });
});
