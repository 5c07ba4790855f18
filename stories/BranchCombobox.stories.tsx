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

/** Each state is shown with its list open, as a user meets it (a click on the field). */
const openList: Story['play'] = async ({ canvas, userEvent }) => {
  await userEvent.click(canvas.getByRole('combobox', { name: 'Branch' }));
};

export const Normal: Story = { args: { initial: 'feature/topic-3' }, play: openList };
export const Closed: Story = { args: { initial: 'feature/topic-3' } };
export const Large10kBranches: Story = {
  args: { branches: branchNames(10_000), initial: 'feature/topic-5000' },
  play: openList,
};
export const Loading: Story = { args: { branches: [], loading: true }, play: openList };
export const ErrorState: Story = {
  name: 'Error',
  args: { branches: [], error: new Error('the server answered 503') },
  play: openList,
};
export const Empty: Story = { args: { branches: [], initial: '' }, play: openList };
export const HardNames: Story = {
  name: 'Long, right-to-left and emoji names',
  args: {
    branches: [
      'main',
      'feature/a-branch-name-long-enough-to-overflow-any-reasonable-picker-width',
      'תיקון/כותרת',
      'إصلاح/العنوان',
      '🚀-release',
      'fix\u202Egnp.exe',
    ],
    initial: 'main',
  },
  play: openList,
};
export const CreateOffer: Story = {
  name: 'Typed a new name (the offer is not the default)',
  args: { initial: 'main' },
  play: async ({ canvas, userEvent }) => {
    const input = canvas.getByRole('combobox', { name: 'Branch' });
    await userEvent.click(input);
    await userEvent.keyboard('feature/new-login');
  },
};
export const ActionFailed: Story = {
  args: { actionError: new Error('branch "main" is protected') },
};
