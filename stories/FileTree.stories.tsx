import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useState } from 'react';
import { FileTree, PathTree, type TreeSource } from '../src/components/index.js';
import { hardNames, monorepoPaths, smallEntries } from './support/fixtures.js';

const meta = {
  title: 'Presentational/FileTree',
  component: FileTree,
  args: { source: PathTree.fromEntries(smallEntries) },
  decorators: [
    (Story) => (
      <div style={{ height: 420, maxWidth: 360 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof FileTree>;

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default meta;
type Story = StoryObj<typeof meta>;

export const Normal: Story = {
  args: { defaultExpanded: ['src', 'docs'], selectedPath: 'src/index.ts' },
};

function LargeTree() {
  const source = useMemo(() => new PathTree(monorepoPaths(100_000)), []);
  const [selected, setSelected] = useState<string | null>(null);
  return <FileTree source={source} selectedPath={selected} onSelectFile={setSelected} />;
}

/** 100,000 paths: the root is one scan, each folder a range found on expand. */
export const Large100kPaths: Story = { render: () => <LargeTree /> };

const loading: TreeSource = { folder: () => ({ status: 'loading' }) };
export const Loading: Story = { args: { source: loading } };

const failed: TreeSource = {
  folder: () => ({ status: 'error', error: new Error('the server answered 503') }),
};
export const ErrorState: Story = { name: 'Error', args: { source: failed } };

export const Empty: Story = { args: { source: new PathTree([]) } };

/** What a large repository looks like while folders load one at a time. */
const lazy: TreeSource = {
  folder: (path) => {
    if (path === '')
      return {
        status: 'ready',
        hasMore: true,
        nodes: [
          { path: 'loading', name: 'loading', kind: 'folder' },
          { path: 'broken', name: 'broken', kind: 'folder' },
          { path: 'empty', name: 'empty', kind: 'folder' },
          { path: 'a.txt', name: 'a.txt', kind: 'file' },
        ],
      };
    if (path === 'loading') return { status: 'loading' };
    if (path === 'broken') return { status: 'error', error: new Error('network lost') };
    return { status: 'ready', nodes: [] };
  },
};
export const FolderStates: Story = {
  args: {
    source: lazy,
    defaultExpanded: ['loading', 'broken', 'empty'],
    complete: false,
    onLoadMore: () => {},
  },
};

export const HardNames: Story = {
  name: 'Long, right-to-left and emoji names',
  args: {
    source: new PathTree(hardNames),
    defaultExpanded: [
      'docs',
      'docs/a-very-long-folder-name-that-does-not-fit-in-any-sidebar-at-all',
      'docs/מדריך',
      'docs/دليل',
      'assets',
      'assets/🎉 launch',
      'invoices',
    ],
  },
};
