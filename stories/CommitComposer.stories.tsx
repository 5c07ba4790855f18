import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  CommitComposerView,
  type CommitComposerViewProps,
  type MovedBranch,
} from '../src/components/index.js';
import type { StagedChange } from '../src/core/browser.js';

const ONE_MB = 1_048_576;
const blob = (bytes: number, name: string) => new File([new Uint8Array(bytes)], name);

// Files are built when a story first renders (Storybook serializes args), once: the video is
// 48 MiB of zeros.
let made: StagedChange[] | undefined;
function mixed(): StagedChange[] {
  made ??= [
    { kind: 'file', path: 'docs/site/index.html', source: blob(2_400, 'index.html') },
    { kind: 'file', path: 'docs/site/css/theme.css', source: blob(18_200, 'theme.css') },
    { kind: 'file', path: 'docs/guide.md', source: blob(6_100, 'guide.md') },
    { kind: 'file', path: 'docs/intro.md', source: '# Intro\n\nNow with more words.\n' },
    { kind: 'delete', path: 'docs/old-intro.md' },
    { kind: 'file', path: 'assets/demo-video.mp4', source: blob(48 * ONE_MB, 'demo-video.mp4') },
  ];
  return made;
}
const onBranch = new Set(['docs/guide.md', 'docs/intro.md', 'docs/old-intro.md']);

const noop = () => {};
const base: Omit<CommitComposerViewProps, 'staged'> = {
  branch: 'main',
  author: { name: 'Ada Lovelace', email: 'ada@example.com' },
  basePath: 'docs',
  exists: (path) => onBranch.has(path),
  message: '',
  onMessageChange: noop,
  phase: 'idle',
  onStage: noop,
  onUnstage: noop,
  onUnstageAll: noop,
  onRename: noop,
  onEdit: noop,
  onNewFile: noop,
  onStageDeletion: noop,
  onCommit: noop,
  onCancel: noop,
  onCommitOnTop: noop,
};

function progressOf(staged: StagedChange[], fraction: number, phase: 'uploading' | 'committing') {
  const files: Record<string, { bytesSent: number; totalBytes: number }> = {};
  let total = 0;
  for (const change of staged) {
    if (change.kind !== 'file') continue;
    const size =
      typeof change.source === 'string' ? change.source.length : (change.source as Blob).size;
    total += size;
    files[change.path] = { bytesSent: 0, totalBytes: size };
  }
  let left = Math.floor(total * fraction);
  for (const entry of Object.values(files)) {
    entry.bytesSent = Math.min(entry.totalBytes, left);
    left -= entry.bytesSent;
  }
  return { phase, bytesSent: Math.floor(total * fraction), totalBytes: total, files };
}

const moved: MovedBranch = {
  headSha: 'b'.repeat(40),
  baseSha: 'a'.repeat(40),
  commits: [
    { sha: 'b'.repeat(40), authorName: 'Grace Hopper', title: 'Rewrite the guide' },
    { sha: 'c'.repeat(40), authorName: 'Alan Turing', title: 'Fix typos' },
  ],
  more: false,
  authors: ['Grace Hopper', 'Alan Turing'],
  touched: ['docs/guide.md'],
};

function Composer(props: Partial<CommitComposerViewProps> & { build?: () => StagedChange[] }) {
  const { build, ...rest } = props;
  const staged = build ? build() : [];
  const progress =
    rest.phase === 'uploading'
      ? progressOf(staged, 0.42, 'uploading')
      : rest.phase === 'committing'
        ? progressOf(staged, 1, 'committing')
        : undefined;
  return (
    <div style={{ maxWidth: 760 }}>
      <CommitComposerView {...base} staged={staged} progress={progress} {...rest} />
    </div>
  );
}

const meta = {
  title: 'Presentational/CommitComposer',
  component: Composer,
} satisfies Meta<typeof Composer>;

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};
export const Staged: Story = {
  render: () => (
    <Composer build={mixed} message={'Update the docs site\n\nNew theme, a rewritten intro.'} />
  ),
};
/** A phone's width: staged rows on two lines, Commit in a sticky footer (container queries). */
export const StagedNarrow: Story = {
  name: 'Staged, narrow (390 px)',
  render: () => (
    <div style={{ width: 390, maxWidth: '100%' }}>
      <Composer build={mixed} message="Update the docs site" />
    </div>
  ),
};
/** Kept across a reload: the restored line with Discard, and a file the browser had no room for. */
export const Restored: Story = {
  name: 'Restored after a reload',
  render: () => (
    <Composer
      build={mixed}
      message="Update the docs site"
      restored={{ changes: 6, savedAt: new Date(2026, 11, 4, 10, 42) }}
      notKept={new Map([['assets/demo-video.mp4', 'quota']])}
    />
  ),
};
export const Uploading: Story = {
  render: () => (
    <Composer
      build={mixed}
      message="Update the docs site"
      phase="uploading"
      rate={6_400_000}
      secondsLeft={5}
    />
  ),
};
export const Committing: Story = {
  render: () => <Composer build={mixed} message="Update the docs site" phase="committing" />,
};
export const Success: Story = {
  args: {
    phase: 'done',
    committed: { sha: '4f1c2e9a7b3d5f6e8a9b0c1d2e3f4a5b6c7d8e9f', title: 'Update the docs site' },
  },
};
export const Conflict: Story = {
  name: 'Branch moved',
  render: () => (
    <Composer
      build={mixed}
      message="Update the docs site"
      phase="error"
      failure={{ kind: 'moved' }}
      moved={moved}
    />
  ),
};
export const PermissionError: Story = {
  render: () => (
    <Composer
      build={mixed}
      message="Update the docs site"
      phase="error"
      failure={{
        kind: 'error',
        message:
          'You do not have permission to commit to this repository. Ask its owner for write access; your changes are still staged.',
      }}
    />
  ),
};
export const ReadOnly: Story = {
  render: () => <Composer build={mixed} readOnly />,
};
