import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { BranchCombobox, type BranchComboboxProps } from '../src/components/index.js';
import { branchNames } from './support/fixtures.js';

function Stateful(props: Omit<BranchComboboxProps, 'value' | 'onChange'> & { initial?: string }) {
  const [value, setValue] = useState(props.initial ?? 'main');
  return <BranchCombobox {...props} value={value} onChange={setValue} />;
}

const meta = {
  title: 'Presentational/BranchCombobox',
  component: Stateful,
  args: {
    branches: branchNames(14),
    defaultBranch: 'main',
    onCreate: () => {},
    onDelete: () => {},
  },
  decorators: [
    (Story) => (
      <div style={{ height: 420 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof Stateful>;

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default meta;
type Story = StoryObj<typeof meta>;

export const Normal: Story = { args: { initial: 'feature/topic-3' } };
export const Large10kBranches: Story = { args: { branches: branchNames(10_000) } };
export const Loading: Story = { args: { branches: [], loading: true } };
export const ErrorState: Story = {
  name: 'Error',
  args: { branches: [], error: new Error('the server answered 503') },
};
export const Empty: Story = { args: { branches: [], initial: '' } };
export const ActionFailed: Story = {
  args: { actionError: new Error('branch "main" is protected') },
};
