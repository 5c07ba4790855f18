import type { Meta, StoryObj } from '@storybook/react-vite';
import { DiffView } from '../src/components/index.js';
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
export const ThousandFiles: Story = {
  name: '1,000 files',
  args: { diff: { files: manyFiles(1000), filteredFiles: [] } },
};
export const HundredThousandLines: Story = {
  name: 'One file, 100,000 changed lines',
  args: { diff: { files: [bigChange(100_000).file], filteredFiles: [] } },
};
