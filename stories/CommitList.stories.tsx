import type { Meta, StoryObj } from '@storybook/react-vite';
import { CommitList } from '../src/components/index.js';
import { commits } from './support/fixtures.js';

const now = new Date('2026-11-29T12:00:00Z');
const meta = {
  title: 'Presentational/CommitList',
  component: CommitList,
  args: { commits: commits(40), now, locale: 'en-GB' },
  decorators: [
    (Story) => (
      <div style={{ height: 480, maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof CommitList>;

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default meta;
type Story = StoryObj<typeof meta>;

export const Normal: Story = {};
export const Selected: Story = { args: { selectedSha: commits(40)[2]?.sha ?? null } };
export const Large10kCommits: Story = { args: { commits: commits(10_000) } };
export const Loading: Story = { args: { commits: [], loading: true } };
export const ErrorState: Story = {
  name: 'Error',
  args: { commits: [], error: new Error('branch "gone" not found'), onRetry: () => {} },
};
export const Empty: Story = { args: { commits: [] } };

export const HardNames: Story = {
  name: 'Long, right-to-left and emoji titles and authors',
  args: {
    commits: [
      {
        sha: '1'.repeat(40),
        message:
          'Rewrite the whole installation guide so that it covers every platform we support, with screenshots',
        authorName: 'Maximiliane Alexandra von Habsburg-Lothringen',
        date: new Date('2026-11-29T11:00:00Z'),
      },
      {
        sha: '2'.repeat(40),
        message: 'תיקון כותרת המדריך',
        authorName: 'דנה לוי',
        date: new Date('2026-11-29T10:00:00Z'),
      },
      {
        sha: '3'.repeat(40),
        message: 'إصلاح العنوان',
        authorName: 'ليلى',
        date: new Date('2026-11-29T09:00:00Z'),
      },
      {
        sha: '4'.repeat(40),
        message: '🚀 Ship it 🎉',
        authorName: 'Ada 👩‍💻',
        date: new Date('2026-11-28T12:00:00Z'),
      },
      {
        sha: '5'.repeat(40),
        message: 'Fix the \u202Egnirts noisserpxe',
        authorName: 'Eve\u202E',
        date: new Date('2026-11-27T12:00:00Z'),
      },
    ],
  },
};
