import type { Meta, StoryObj } from '@storybook/react-vite';
import { type ReactNode, useState } from 'react';
import {
  type DiffAnnotation,
  type DiffData,
  type DiffLineRange,
  DiffView,
  type DiffViewProps,
} from '../src/components/index.js';
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
/** A phone's width: the file list gives way to a select, the toolbar wraps (container queries). */
export const Narrow: Story = {
  name: 'Narrow (390 px)',
  decorators: [
    (Story) => (
      <div style={{ width: 390, maxWidth: '100%' }}>
        <Story />
      </div>
    ),
  ],
};
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

/**
 * A review built on the annotations API: line numbers select lines (shift-click stretches), the
 * selection gets a comment box under its last line, and comments stay between the rows.
 */
function ReviewDemo(args: DiffViewProps) {
  const [selected, setSelected] = useState<DiffLineRange | null>({
    path: 'src/server.ts',
    side: 'new',
    start: 3,
    end: 5,
  });
  const [comments, setComments] = useState<DiffAnnotation[]>([
    {
      key: 'c1',
      path: 'src/server.ts',
      side: 'old',
      line: 3,
      content: <ReviewComment author="ana">Why was 8080 wrong?</ReviewComment>,
    },
  ]);
  const [draft, setDraft] = useState('');
  const annotations = [...comments];
  if (selected) {
    const where =
      selected.start === selected.end
        ? `line ${selected.end}`
        : `lines ${selected.start}–${selected.end}`;
    annotations.push({
      key: 'draft',
      path: selected.path,
      side: selected.side,
      line: selected.end,
      content: (
        <form
          style={{ display: 'grid', gap: 8, justifyItems: 'start' }}
          onSubmit={(event) => {
            event.preventDefault();
            if (!draft.trim()) return;
            setComments((list) => [
              ...list,
              {
                key: `c${list.length + 1}`,
                path: selected.path,
                side: selected.side,
                line: selected.end,
                content: <ReviewComment author="you">{draft}</ReviewComment>,
              },
            ]);
            setDraft('');
            setSelected(null);
          }}
        >
          <label style={{ display: 'grid', gap: 4, width: '100%' }}>
            Comment on {where} of {selected.path}
            <textarea
              className="gsk-input"
              rows={2}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          <button type="submit" className="gsk-button gsk-button--primary">
            Add comment
          </button>
        </form>
      ),
    });
  }
  return (
    <DiffView
      {...args}
      annotations={annotations}
      selectedLines={selected}
      onSelectedLinesChange={setSelected}
    />
  );
}

function ReviewComment(props: { author: string; children: ReactNode }) {
  return (
    <p style={{ margin: 0 }}>
      <strong>{props.author}</strong>: {props.children}
    </p>
  );
}

export const Annotations: Story = {
  name: 'Annotations and line selection',
  args: { diff: { files: sampleDiff.files.slice(4, 5), filteredFiles: [] } },
  render: (args) => <ReviewDemo {...args} />,
};
