// @vitest-environment jsdom
/**
 * Controllable props, through one helper: given `value`, the parent owns the state and hears of
 * every change; left out, the component keeps it. The repository browser's place plugs into an
 * app's own router this way; switching modes while mounted is said once in the console.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BranchCombobox,
  DiffView,
  GitStorageLabelsProvider,
  PathTree,
  RepositoryBrowser,
  type RepositoryLocation,
  useFileTree,
} from '../../src/components/index.js';
import { useControllable } from '../../src/components/shared/use-controllable.js';
import type { GetBranchDiffResult, GitStorage } from '../../src/core/index.js';
import { GitStorageProvider } from '../../src/react/index.js';
import { giveElementsASize, mountEveryRow } from '../helpers/jsdom-layout.js';
import { AUTHOR, ourClient, startTestServer, type TestServer } from '../helpers/local-server.js';

giveElementsASize();
mountEveryRow('.gsk-diff__scroll, [role=listbox]');

let server: TestServer;
let client: GitStorage;
let diff: GetBranchDiffResult;
const REPO = 'components/controllable';

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  const repo = await client.createRepo({ id: REPO });
  await repo
    .createCommit({ targetBranch: 'main', commitMessage: 'first', author: AUTHOR })
    .addFileFromString('README.md', '# Controllable\n')
    .addFileFromString('docs/a.md', 'a\n')
    .addFileFromString('src/b.ts', 'b\n')
    .send();
  await repo
    .createCommit({
      targetBranch: 'feature',
      baseBranch: 'main',
      commitMessage: 'edit',
      author: AUTHOR,
    })
    .addFileFromString('docs/a.md', 'a, edited\n')
    .addFileFromString('src/b.ts', 'b, edited\n')
    .send();
  diff = await repo.getBranchDiff({ branch: 'feature', base: 'main' });
});
afterAll(() => server.close());
afterEach(cleanup);

function wrap(children: ReactNode) {
  return (
    <QueryClientProvider client={new QueryClient()}>
      <GitStorageProvider client={client}>{children}</GitStorageProvider>
    </QueryClientProvider>
  );
}

/** A one-file diff with more added lines than a locale formats without a separator. */
const bigNumbers = {
  files: [
    {
      path: 'big.txt',
      state: 'added' as const,
      additions: 12_345,
      deletions: 0,
      raw: `diff --git a/big.txt b/big.txt\nnew file mode 100644\n--- /dev/null\n+++ b/big.txt\n@@ -0,0 +1,2 @@\n+a\n+b\n`,
    },
  ],
  filteredFiles: [],
} as unknown as GetBranchDiffResult;

/** An app that keeps the browser's place in its own state (as a router would). */
function RouterApp(props: { told: RepositoryLocation[] }) {
  const [location, setLocation] = useState<RepositoryLocation>({ path: 'docs/a.md' });
  return (
    <RepositoryBrowser
      repoId={REPO}
      location={location}
      onLocationChange={(next) => {
        props.told.push(next);
        setLocation(next);
      }}
    />
  );
}

function Picker(props: { told: boolean[] }) {
  const [open, setOpen] = useState(false);
  return (
    <BranchCombobox
      branches={['main', 'feature']}
      value="main"
      onChange={() => {}}
      open={open}
      onOpenChange={(next) => {
        props.told.push(next);
        setOpen(next);
      }}
    />
  );
}

function Review(props: { viewedTold: (readonly string[])[]; filterTold: string[] }) {
  const [viewed, setViewed] = useState<readonly string[]>([]);
  const [filter, setFilter] = useState('');
  return (
    <DiffView
      diff={diff}
      split={false}
      highlight={false}
      viewed={viewed}
      onViewedChange={(next) => {
        props.viewedTold.push(next);
        setViewed(next);
      }}
      filter={filter}
      onFilterChange={(next) => {
        props.filterTold.push(next);
        setFilter(next);
      }}
    />
  );
}

describe('useControllable', () => {
  it('keeps its own state, or the parent owns it; functional updates chain', () => {
    const changes: number[] = [];
    const own = renderHook(() =>
      useControllable({
        value: undefined,
        defaultValue: 1,
        onChange: (v) => changes.push(v),
        name: 'own',
      }),
    );
    own.result.current[1]((n) => n + 1);
    own.rerender();
    expect(own.result.current[0]).toBe(2);
    const owned = renderHook(() =>
      useControllable({
        value: 10,
        defaultValue: 1,
        onChange: (v) => changes.push(v),
        name: 'owned',
      }),
    );
    owned.result.current[1]((n) => n + 1);
    owned.rerender();
    expect(owned.result.current[0]).toBe(10); // the parent did not take it
    expect(changes).toEqual([2, 11]);
  });

  it('says once when a parent switches between controlled and uncontrolled', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const view = renderHook(
      ({ value }: { value?: string }) =>
        useControllable({ value, defaultValue: 'a', name: 'Thing value' }),
      { initialProps: {} as { value?: string } },
    );
    view.rerender({ value: 'b' });
    view.rerender({ value: 'c' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /Thing value changed from uncontrolled to controlled/,
    );
    warn.mockRestore();
  });
});

describe('RepositoryBrowser location', () => {
  it('plugs into an app router: the place comes from the parent and every move is told', async () => {
    const told: RepositoryLocation[] = [];
    const hashBefore = window.location.hash;
    render(wrap(<RouterApp told={told} />));
    // The parent's place is shown: docs/a.md is open.
    await screen.findByText('a');
    fireEvent.click(await screen.findByRole('treeitem', { name: /README\.md/ }));
    await screen.findByRole('heading', { name: /^Controllable/ });
    expect(told.at(-1)).toMatchObject({ path: 'README.md' });
    expect(window.location.hash).toBe(hashBefore); // the app's router owns the URL, not the hash
  });
});

describe('BranchCombobox open', () => {
  it('opens and closes through the parent', () => {
    const told: boolean[] = [];
    render(<Picker told={told} />);
    const input = screen.getByRole('combobox', { name: 'Branch' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(told).toEqual([true, false]);
  });
});

describe('DiffView viewed and filter', () => {
  it('takes viewed files and the filter from the parent, and tells every change', async () => {
    const viewedTold: (readonly string[])[] = [];
    const filterTold: string[] = [];
    render(<Review viewedTold={viewedTold} filterTold={filterTold} />);
    const box = await screen.findByRole('checkbox', { name: /docs\/a\.md/ });
    fireEvent.click(box);
    await waitFor(() => expect(viewedTold).toHaveLength(1));
    expect(viewedTold[0]?.[0]).toMatch(/^docs\/a\.md\0[0-9a-f]+$/);
    fireEvent.change(screen.getByRole('searchbox', { name: /filter/i }), {
      target: { value: 'src' },
    });
    expect(filterTold).toEqual(['src']);
    const list = screen.getByRole('listbox', { name: 'Changed files' });
    await waitFor(() => expect(list.querySelectorAll('[role=option]')).toHaveLength(1));
  });
});

describe('labels providers', () => {
  it('nest: an inner provider changes what it names and keeps what the outer set', () => {
    render(
      <GitStorageLabelsProvider labels={{ branch: 'Zweig', retry: 'Nochmal' }}>
        <GitStorageLabelsProvider labels={{ retry: 'Encore' }}>
          <BranchCombobox branches={['main']} value="main" onChange={() => {}} />
        </GitStorageLabelsProvider>
      </GitStorageLabelsProvider>,
    );
    expect(screen.getByRole('combobox', { name: 'Zweig' })).toBeTruthy();
  });
});

describe('one locale', () => {
  it('formats every number below a labels provider in its locale, and plurals by the number', () => {
    render(
      <GitStorageLabelsProvider locale="de-DE">
        <DiffView diff={bigNumbers} split={false} highlight={false} />
      </GitStorageLabelsProvider>,
    );
    // 12,345 additions in German is "12.345"; one file is "1 file" whatever the digits look like.
    expect(screen.getByText(/1 file changed, 12\.345 additions, 0 deletions/)).toBeTruthy();
  });
});

/** A tree with the kit's keyboard model and none of its markup. */
function BareTree(props: { chosen: string[] }) {
  const tree = useFileTree({
    source: new PathTree(['docs/a.md', 'docs/b.md', 'README.md']),
    onSelectFile: (path) => props.chosen.push(path),
  });
  return (
    <div {...tree.treeProps} role="tree" aria-label="Bare">
      {tree.rows.map((row, index) => (
        // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the tree (aria-activedescendant).
        <div
          key={tree.rowKey(row)}
          id={tree.rowId(index)}
          role="treeitem"
          aria-selected={index === tree.activeIndex}
          onClick={() => tree.choose(index)}
          onKeyDown={() => {}}
        >
          {row.type === 'node' ? row.path : row.type}
        </div>
      ))}
    </div>
  );
}

describe('useFileTree (headless)', () => {
  it('gives its own markup the tree keyboard: arrows, open a folder, choose a file', () => {
    const chosen: string[] = [];
    render(<BareTree chosen={chosen} />);
    const tree = screen.getByRole('tree', { name: 'Bare' });
    const active = () =>
      document.getElementById(tree.getAttribute('aria-activedescendant') ?? '')?.textContent;
    expect(active()).toBe('docs');
    fireEvent.keyDown(tree, { key: 'ArrowRight' }); // opens docs
    fireEvent.keyDown(tree, { key: 'ArrowRight' }); // into it
    expect(active()).toBe('docs/a.md');
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    fireEvent.keyDown(tree, { key: 'Enter' });
    expect(chosen).toEqual(['docs/b.md']);
    fireEvent.keyDown(tree, { key: 'End' });
    expect(active()).toBe('README.md');
  });
});

function CollapsingReview(props: { told: (readonly string[])[] }) {
  const [collapsed, setCollapsed] = useState<readonly string[]>([]);
  return (
    <DiffView
      diff={diff}
      split={false}
      highlight={false}
      collapsed={collapsed}
      onCollapsedChange={(next) => {
        props.told.push(next);
        setCollapsed(next);
      }}
    />
  );
}

describe('DiffView collapsed', () => {
  it('collapses the files the parent names, and tells it of every toggle', async () => {
    const told: (readonly string[])[] = [];
    render(<CollapsingReview told={told} />);
    const toggle = await screen.findByRole('button', { name: 'Hide docs/a.md' });
    fireEvent.click(toggle);
    await waitFor(() => expect(told).toHaveLength(1));
    expect(told[0]).toHaveLength(1);
    expect(told[0]?.[0]).toMatch(/^docs\/a\.md\0/);
    await screen.findByRole('button', { name: 'Show docs/a.md' });
  });
});
