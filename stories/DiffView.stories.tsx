import type { Meta, StoryObj } from '@storybook/react-vite';
import { type DiffData, DiffView } from '../src/components/index.js';
import { bigChange, hostileDiff, manyFiles, sampleDiff } from './support/diff-fixtures.js';

const meta = {
  title: 'Presentational/DiffView',
  component: DiffView,
  args: { diff: sampleDiff, split: false },
  decorators: [
    (Story) => (
      <div style={{ height: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof DiffView>;

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default meta;
type Story = StoryObj<typeof meta>;

export const Normal: Story = {};
export const Split: Story = { args: { split: true } };
export const Loading: Story = { args: { diff: undefined, loading: true } };
export const ErrorState: Story = {
  name: 'Error',
  args: { diff: undefined, error: new Error('commit "abc" not found'), onRetry: () => {} },
};
export const Empty: Story = { args: { diff: { files: [], filteredFiles: [] } } };
export const BinaryAndFiltered: Story = {
  args: {
    diff: {
      files: sampleDiff.files.filter((f) => f.path === 'scripts/deploy.sh'),
      filteredFiles: sampleDiff.filteredFiles,
    },
  },
};
export const Rename: Story = {
  args: {
    diff: { files: sampleDiff.files.filter((f) => f.state === 'renamed'), filteredFiles: [] },
    split: true,
  },
};
export const Hostile: Story = { args: { diff: hostileDiff } };
// Big diffs are built when the story renders, not passed as args: Storybook serializes args.
const built = new Map<string, DiffData>();
const once = (key: string, make: () => DiffData) => {
  let diff = built.get(key);
  if (!diff) {
    diff = make();
    built.set(key, diff);
  }
  return diff;
};

export const ThousandFiles: Story = {
  name: '1,000 files',
  render: (args) => (
    <DiffView
      {...args}
      diff={once('files', () => ({ files: manyFiles(1000), filteredFiles: [] }))}
    />
  ),
};
export const HundredThousandLines: Story = {
  name: 'One file, 100,000 changed lines',
  render: (args) => (
    <DiffView
      {...args}
      diff={once('lines', () => ({ files: [bigChange(100_000).file], filteredFiles: [] }))}
    />
  ),
};
