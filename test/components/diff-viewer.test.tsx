// @vitest-environment jsdom
/**
 * The connected DiffViewer in jsdom against a real local server: every +/− line rendered equals
 * git's patch, line for line and number for number, over renames, deletions, a type change,
 * binary and filtered files, unicode, CRLF, a missing final newline and a change whose removed and
 * added lines share a text; folds unfold from the file on the branch; the keyboard walks files
 * and changes; "viewed" and the layout are remembered.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiffViewer, RepositoryBrowser } from '../../src/components/index.js';
import type { FileDiff, GitStorage } from '../../src/core/index.js';
import { GitStorageProvider } from '../../src/react/index.js';
import { mountEveryRow } from '../helpers/jsdom-layout.js';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';

// jsdom has no layout. The scroll containers get a very tall viewport and everything inside
// them a height of 1 px, so every file and every piece mounts and every line can be compared.
mountEveryRow('.gsk-diff__scroll, [role=listbox]');

let server: TestServer;
let client: GitStorage;
const REPO = 'components/diffs';
const long = Array.from({ length: 200 }, (_, i) => `line ${i + 1}`);

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  const repo = await client.createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'start', author: AUTHOR })
    .addFileFromString('long.txt', `${long.join('\n')}\n`)
    .addFileFromString('docs/howto.md', '# How to\n\nCall start().\nThen wait.\nThen stop.\n')
    .addFileFromString('gone.txt', 'bye\n')
    .addFileFromString('link', 'plain text\n')
    .addFileFromString('windows.txt', 'one\r\ntwo\r\nthree\r\n')
    .addFileFromString('no-eol.txt', 'first\nlast')
    .addFileFromString('braces.ts', 'function a() {\n  return 1;\n}\n')
    .addFile('image.bin', new Uint8Array([0, 1, 2, 3, 0, 5]))
    .addFileFromString('huge.txt', `${'x'.repeat(99)}\n`.repeat(6000))
    .send();
  const edited = [...long];
  edited[4] = 'line 5, edited';
  edited.splice(150, 1, 'line 151, edited', 'an inserted line');
  await repo
    .createCommit({
      targetBranch: 'feature',
      baseBranch: 'main',
      commitMessage: 'every kind of change',
      author: AUTHOR,
    })
    .addFileFromString('long.txt', `${edited.join('\n')}\n`)
    .deletePath('docs/howto.md')
    .addFileFromString(
      'docs/usage.md',
      '# How to\n\nCall start(options).\nThen wait.\nThen stop.\n',
    )
    .deletePath('gone.txt')
    .addFileFromString('link', 'target-of-link', { mode: '120000' })
    .addFileFromString('windows.txt', 'one\r\n2 ✓ δύο\r\nthree\r\n')
    .addFileFromString('no-eol.txt', 'first\nlast, changed')
    .addFileFromString('braces.ts', 'function a() {\n  if (x) {\n    return 1;\n  }\n}\n')
    .addFile('image.bin', new Uint8Array([0, 1, 2, 3, 0, 6]))
    .addFileFromString('huge.txt', `${'y'.repeat(99)}\n`.repeat(6000))
    .addFileFromString('src/日本語.ts', 'export const ok = "✓";\n')
    .send();
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function wrap(children: ReactNode) {
  const queryClient = new QueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <GitStorageProvider client={client}>{children}</GitStorageProvider>
    </QueryClientProvider>
  );
}

interface Row {
  kind: 'added' | 'removed' | 'unchanged';
  old?: number;
  new?: number;
  text: string;
}

/** What git's patch says, read independently of the component's parser. */
function expectedRows(raw: string): Row[] {
  const rows: Row[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const line of raw.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      inHunk = true;
      // An empty side starts one before its first line.
      if (/^@@ -\d+,0 /.test(line)) oldLine++;
      if (/ \+\d+,0 @@/.test(line)) newLine++;
      continue;
    }
    if (line.startsWith('diff --git')) inHunk = false;
    if (!inHunk || line.startsWith('\\')) continue;
    if (line.startsWith('+')) rows.push({ kind: 'added', new: newLine++, text: line.slice(1) });
    else if (line.startsWith('-'))
      rows.push({ kind: 'removed', old: oldLine++, text: line.slice(1) });
    else if (line.startsWith(' '))
      rows.push({ kind: 'unchanged', old: oldLine++, new: newLine++, text: line.slice(1) });
  }
  return rows;
}

/** What the component shows for one file (unified layout: one table row per line). */
function renderedRows(region: HTMLElement): Row[] {
  return [...region.querySelectorAll('tr')].flatMap((tr) => {
    const said = tr.querySelector('.gsk-diff__gutter .gsk-visually-hidden')?.textContent ?? '';
    const match =
      /^(added|removed|unchanged), (?:old line (\d+))?(?:, )?(?:new line (\d+))?: $/.exec(said);
    if (!match) return [];
    const text = (tr.lastElementChild?.textContent ?? '').replace(/^ $/, '');
    return [
      {
        kind: match[1] as Row['kind'],
        ...(match[2] ? { old: Number(match[2]) } : {}),
        ...(match[3] ? { new: Number(match[3]) } : {}),
        text,
      },
    ];
  });
}

async function showBranchDiff(): Promise<FileDiff[]> {
  const diff = await client.repo({ id: REPO }).getBranchDiff({ branch: 'feature', base: 'main' });
  render(
    wrap(<DiffViewer repoId={REPO} branch="feature" base="main" split={false} highlight={false} />),
  );
  await screen.findByRole('region', { name: 'long.txt' });
  return diff.files;
}

describe('DiffViewer', () => {
  it("shows git's lines exactly: every +/− and context line, with its old and new number", async () => {
    const files = await showBranchDiff();
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        'braces.ts',
        'docs/usage.md',
        'gone.txt',
        'link',
        'long.txt',
        'no-eol.txt',
        'src/日本語.ts',
        'windows.txt',
      ].sort(),
    );
    for (const file of files) {
      const region = await screen.findByRole('region', {
        name: file.oldPath ? `${file.oldPath} → ${file.path}` : file.path,
      });
      await waitFor(() => expect(renderedRows(region)).toEqual(expectedRows(file.raw)));
    }
    // The pair whose removed and added lines share a text ("  return 1;" moved, "}" kept) stays
    // git's: nothing turns into an unchanged row the patch does not have.
    const braces = screen.getByRole('region', { name: 'braces.ts' });
    expect(renderedRows(braces).filter((r) => r.kind !== 'unchanged').length).toBe(
      files
        .find((f) => f.path === 'braces.ts')
        ?.raw.split('\n')
        .filter((l) => /^[+-](?![+-]{2} )/.test(l)).length,
    );
  });

  it('describes renames, deletions, type changes, binary and filtered files in words', async () => {
    await showBranchDiff();
    const renamed = screen.getByRole('region', { name: 'docs/howto.md → docs/usage.md' });
    expect(renamed.textContent).toContain('renamed');
    expect(
      within(screen.getByRole('region', { name: 'gone.txt' })).getByText('deleted'),
    ).toBeTruthy();
    expect(screen.getByRole('region', { name: 'link' }).textContent).toContain(
      'was a file, now a symbolic link',
    );
    // Left out by the server: the real sizes, read from each side (not the patch's size).
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'image.bin' }).textContent).toMatch(
        /Binary file: \d+ bytes before, \d+ bytes after\./,
      ),
    );
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'huge.txt' }).textContent).toMatch(
        /Not shown: too large to show as a diff \(\d+ kB before, \d+ kB after\)\./,
      ),
    );
    expect(screen.getByRole('region', { name: 'no-eol.txt' }).textContent).toContain(
      'No newline at end of file',
    );
    // Totals and the file list, in words for screen readers.
    const list = screen.getByRole('listbox', { name: 'Changed files' });
    expect(within(list).getAllByRole('option')).toHaveLength(10);
    expect(
      within(list).getByRole('option', { name: /long\.txt.*modified, 3 additions, 2 deletions/ }),
    ).toBeTruthy();
  });

  it('unfolds unchanged lines from the file on the branch, numbered on both sides', async () => {
    const files = await showBranchDiff();
    const region = screen.getByRole('region', { name: 'long.txt' });
    // Every piece has rendered its rows (the viewer fills them in just after mounting).
    const patchRows = expectedRows(files.find((f) => f.path === 'long.txt')?.raw ?? '');
    await waitFor(() => expect(renderedRows(region)).toEqual(patchRows));
    const before = patchRows.length;
    fireEvent.click(within(region).getByRole('button', { name: 'Show 139 unchanged lines' }));
    await waitFor(() => expect(renderedRows(region).length).toBe(before + 139));
    const rows = renderedRows(region);
    expect(rows).toContainEqual({ kind: 'unchanged', old: 9, new: 9, text: 'line 9' });
    expect(rows).toContainEqual({ kind: 'unchanged', old: 147, new: 147, text: 'line 147' });
    // After the last hunk: the rest of the file, whose length the patch does not say.
    fireEvent.click(within(region).getByRole('button', { name: 'Show the rest of the file' }));
    await waitFor(() =>
      expect(renderedRows(region)).toContainEqual({
        kind: 'unchanged',
        old: 200,
        new: 201,
        text: 'line 200',
      }),
    );
    expect(screen.getByRole('status', { name: '' }).textContent).toMatch(
      /Showing \d+ more unchanged lines/,
    );
  });

  it('never splices text of another version into a diff: a moved branch, then a refetched diff', async () => {
    const repo = client.repo({ id: REPO });
    const edited = [...long];
    edited[4] = 'line 5, moving';
    edited[150] = 'line 151, moving';
    await repo
      .createCommit({
        targetBranch: 'moving',
        baseBranch: 'main',
        commitMessage: 'edit',
        author: AUTHOR,
      })
      .addFileFromString('long.txt', `${edited.join('\n')}\n`)
      .send();
    const queryClient = new QueryClient();
    render(
      <QueryClientProvider client={queryClient}>
        <GitStorageProvider client={client}>
          <DiffViewer repoId={REPO} branch="moving" base="main" split={false} highlight={false} />
        </GitStorageProvider>
      </QueryClientProvider>,
    );
    const region = await screen.findByRole('region', { name: 'long.txt' });
    const first = (await repo.getBranchDiff({ branch: 'moving', base: 'main' })).files[0];
    await waitFor(() => expect(renderedRows(region)).toEqual(expectedRows(first?.raw ?? '')));
    // The branch moves under the open diff: line 100 now differs from what the diff shows.
    const moved = [...edited];
    moved[99] = 'line 100, moved on';
    await repo
      .createCommit({ targetBranch: 'moving', commitMessage: 'again', author: AUTHOR })
      .addFileFromString('long.txt', `${moved.join('\n')}\n`)
      .send();
    fireEvent.click(within(region).getByRole('button', { name: 'Show 139 unchanged lines' }));
    await within(region).findByText(/the file changed since this diff was made/);
    expect(renderedRows(region)).toEqual(expectedRows(first?.raw ?? ''));
    // The diff is fetched again: it is drawn as it is now, with no unfolded or stale state.
    await act(() => queryClient.invalidateQueries());
    const second = (await repo.getBranchDiff({ branch: 'moving', base: 'main' })).files[0];
    await waitFor(() => expect(renderedRows(region)).toEqual(expectedRows(second?.raw ?? '')));
    expect(within(region).queryByText(/the file changed since this diff was made/)).toBeNull();
    fireEvent.click(
      within(region).getAllByRole('button', { name: /Show \d+ unchanged lines/ })[0] as HTMLElement,
    );
    await waitFor(() =>
      expect(renderedRows(region)).toContainEqual({
        kind: 'unchanged',
        old: 9,
        new: 9,
        text: 'line 9',
      }),
    );
  });

  it("gives the provider's CSP nonce to every <style> the line renderer inserts", async () => {
    const queryClient = new QueryClient();
    render(
      <QueryClientProvider client={queryClient}>
        <GitStorageProvider client={client} nonce="provider-nonce-1">
          <DiffViewer repoId={REPO} branch="feature" base="main" split={false} />
        </GitStorageProvider>
      </QueryClientProvider>,
    );
    await screen.findByRole('region', { name: 'long.txt' });
    await waitFor(() =>
      expect(document.querySelectorAll('style[nonce="provider-nonce-1"]').length).toBeGreaterThan(
        0,
      ),
    );
  });

  it('says when the rest of a file turns out to be nothing, and the fold goes', async () => {
    await showBranchDiff();
    const region = screen.getByRole('region', { name: 'braces.ts' });
    fireEvent.click(within(region).getByRole('button', { name: 'Show the rest of the file' }));
    await waitFor(() =>
      expect(
        within(region).queryByRole('button', { name: 'Show the rest of the file' }),
      ).toBeNull(),
    );
    await waitFor(() =>
      expect(screen.getByRole('status', { name: '' }).textContent).toContain(
        'The file ends here: there are no more unchanged lines.',
      ),
    );
    expect(screen.getByRole('status', { name: '' }).textContent).not.toMatch(/Showing 0 more/);
  });

  it('walks files and changes from the keyboard and says where it landed', async () => {
    await showBranchDiff();
    const view = screen.getByRole('region', { name: 'Changes' });
    const live = () => view.querySelector('[aria-live]')?.textContent;
    const scroller = screen.getByRole('region', { name: /^Diff of \d+ files$/ });
    act(() => scroller.focus());
    fireEvent.keyDown(scroller, { key: 'n' });
    expect(live()).toBe('Change 1 of 1 in braces.ts');
    fireEvent.keyDown(scroller, { key: 'n' });
    expect(live()).toMatch(/^Change 1 of \d+ in docs\/usage\.md$/);
    fireEvent.keyDown(scroller, { key: 'p' });
    expect(live()).toBe('Change 1 of 1 in braces.ts');
    fireEvent.keyDown(scroller, { key: ']' });
    expect(live()).toMatch(/^File \d+ of 10: /);
    // The file list: arrows move, Enter jumps and moves focus to the file's heading.
    const list = screen.getByRole('listbox', { name: 'Changed files' });
    act(() => list.focus());
    fireEvent.keyDown(list, { key: 'End' });
    expect(list.getAttribute('aria-activedescendant')).toBe(
      within(list).getAllByRole('option').at(-1)?.id,
    );
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(live()).toBe('File 10 of 10: windows.txt, modified');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('windows.txt'));
    // Typing in the filter box is typing, not navigation.
    const filter = screen.getByRole('searchbox', { name: 'Filter changed files' });
    fireEvent.keyDown(filter, { key: 'n' });
    expect(live()).toBe('File 10 of 10: windows.txt, modified');
    fireEvent.change(filter, { target: { value: 'docs' } });
    expect(within(list).getAllByRole('option')).toHaveLength(1);
  });

  it('remembers files marked viewed (per diff) and the layout', async () => {
    await showBranchDiff();
    expect(screen.getByText('10 of 10 files left to view')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Viewed gone.txt' }));
    expect(screen.getByText('9 of 10 files left to view')).toBeTruthy();
    // Marked viewed collapses the file.
    expect(
      screen.getByRole('button', { name: 'Show gone.txt' }).getAttribute('aria-expanded'),
    ).toBe('false');
    cleanup();
    render(wrap(<DiffViewer repoId={REPO} branch="feature" base="main" highlight={false} />));
    await screen.findByRole('region', { name: 'long.txt' });
    expect(
      (screen.getByRole('checkbox', { name: 'Viewed gone.txt' }) as HTMLInputElement).checked,
    ).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Split' }));
    expect(screen.getByRole('button', { name: 'Split' }).getAttribute('aria-pressed')).toBe('true');
    cleanup();
    render(wrap(<DiffViewer repoId={REPO} branch="feature" base="main" highlight={false} />));
    await screen.findByRole('region', { name: 'long.txt' });
    expect(screen.getByRole('button', { name: 'Split' }).getAttribute('aria-pressed')).toBe('true');
    // Another diff has its own marks.
    cleanup();
    const head = (await client.repo({ id: REPO }).listCommits({ branch: 'feature', limit: 1 }))
      .commits[0];
    render(wrap(<DiffViewer repoId={REPO} sha={head?.sha ?? ''} highlight={false} />));
    await screen.findByRole('region', { name: 'long.txt' });
    expect(
      (screen.getByRole('checkbox', { name: 'Viewed gone.txt' }) as HTMLInputElement).checked,
    ).toBe(false);
  });

  it("opens a commit's changes from the repository browser's history, and keeps it in the URL", async () => {
    render(wrap(<RepositoryBrowser repoId={REPO} branch="feature" syncUrlHash />));
    fireEvent.click(await screen.findByRole('button', { name: 'History' }));
    fireEvent.click(await screen.findByRole('button', { name: /^every kind of change/ }));
    const head = (await client.repo({ id: REPO }).listCommits({ branch: 'feature', limit: 1 }))
      .commits[0]?.sha as string;
    expect(
      await screen.findByRole('region', { name: `Changes in ${head.slice(0, 7)}` }),
    ).toBeTruthy();
    expect(
      await screen.findByRole('region', { name: 'docs/howto.md → docs/usage.md' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Changes' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(window.location.hash).toContain(`commit=${head}`);
    expect(window.location.hash).toContain('view=changes');
    window.location.hash = '';
  });

  it('says what went wrong when the diff cannot be read', async () => {
    render(wrap(<DiffViewer repoId={REPO} branch="no-such-branch" />));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Could not load the changes: .*no-such-branch/,
    );
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
