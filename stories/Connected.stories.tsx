/** Components reading from a real local server (started by `npm run storybook`). */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import {
  BlameView,
  BranchPicker,
  CodeSearch,
  CommitComposer,
  CommitHistory,
  CommitView,
  CompareView,
  DiffViewer,
  FileBrowser,
  FileView,
  MergePanel,
  RepositoryBrowser,
  ReviewDiff,
} from '../src/components/index.js';
import { useCommits } from '../src/react/index.js';
import { Connected } from './support/connected.js';

const meta = {
  title: 'Connected',
  parameters: { layout: 'fullscreen' },
} satisfies Meta;

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default meta;
type Story = StoryObj<typeof meta>;

export const Repository: Story = {
  render: () => <Connected>{(repos) => <RepositoryBrowser repoId={repos.demo} />}</Connected>,
};

export const RepositoryWithCommits: Story = {
  name: 'Repository, with committing',
  render: () => (
    <Connected>
      {(repos) => (
        <RepositoryBrowser
          repoId={repos.demo}
          author={{ name: 'Story Author', email: 'story@example.com' }}
        />
      )}
    </Connected>
  ),
};

export const LargeRepository: Story = {
  render: () => <Connected>{(repos) => <RepositoryBrowser repoId={repos.big} />}</Connected>,
};

export const HostileContent: Story = {
  render: () => <Connected>{(repos) => <RepositoryBrowser repoId={repos.hostile} />}</Connected>,
};

export const EmptyRepository: Story = {
  render: () => <Connected>{(repos) => <RepositoryBrowser repoId={repos.empty} />}</Connected>,
};

function Browser(props: { repoId: string }) {
  const [path, setPath] = useState<string | null>(null);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '20rem 1fr', gap: 8, height: 480 }}>
      <FileBrowser repoId={props.repoId} selectedPath={path} onSelectFile={setPath} />
      <FileView repoId={props.repoId} path={path} />
    </div>
  );
}

export const FileBrowserAndView: Story = {
  render: () => <Connected>{(repos) => <Browser repoId={repos.demo} />}</Connected>,
};

function Picker(props: { repoId: string }) {
  const [branch, setBranch] = useState<string | undefined>(undefined);
  return (
    <div style={{ height: 400 }}>
      <BranchPicker
        repoId={props.repoId}
        {...(branch ? { branch } : {})}
        onBranchChange={setBranch}
      />
    </div>
  );
}

export const Branches: Story = {
  render: () => <Connected>{(repos) => <Picker repoId={repos.demo} />}</Connected>,
};

export const History: Story = {
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ height: 480 }}>
          <CommitHistory repoId={repos.demo} />
        </div>
      )}
    </Connected>
  ),
};

/** The newest commit of the demo's main branch, as its page (parents open their own). */
function NewestCommit(props: { repoId: string }) {
  const history = useCommits(props.repoId, { branch: 'main', limit: 1 });
  const newest = history.data?.pages[0]?.commits[0]?.sha;
  const [sha, setSha] = useState<string | null>(null);
  const shown = sha ?? newest;
  return shown ? (
    <CommitView repoId={props.repoId} sha={shown} branch="main" onSelectCommit={setSha} />
  ) : null;
}

export const Commit: Story = {
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ height: 720, padding: 8 }}>
          <NewestCommit repoId={repos.demo} />
        </div>
      )}
    </Connected>
  ),
};

export const BranchDiff: Story = {
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ height: 720 }}>
          <DiffViewer repoId={repos.diffs} branch="feature/review" base="main" />
        </div>
      )}
    </Connected>
  ),
};

export const Composer: Story = {
  name: 'Commit composer',
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ maxWidth: 760, padding: 8 }}>
          <CommitComposer
            repoId={repos.demo}
            branch="main"
            basePath="docs"
            author={{ name: 'Story Author', email: 'story@example.com' }}
          />
        </div>
      )}
    </Connected>
  ),
};

export const Blame: Story = {
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ height: 480, padding: 8 }}>
          <BlameView repoId={repos.diffs} path="src/app.ts" gitRef="feature/review" />
        </div>
      )}
    </Connected>
  ),
};

export const Search: Story = {
  name: 'Code search',
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ height: 560, padding: 8 }}>
          <CodeSearch repoId={repos.demo} defaultQuery={{ text: 'greet' }} />
        </div>
      )}
    </Connected>
  ),
};

/** Two branches compared: the commits between and the diff; the pickers and swap are live. */
function LiveCompare(props: { repoId: string }) {
  const [pair, setPair] = useState({ base: 'main', head: 'feature/review' });
  return <CompareView repoId={props.repoId} {...pair} onChange={setPair} />;
}

export const Compare: Story = {
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ height: 900, padding: 8 }}>
          <LiveCompare repoId={repos.diffs} />
        </div>
      )}
    </Connected>
  ),
};

const REVIEWER = { name: 'Story Reviewer', email: 'story@example.com' };

/** A branch's diff with the comments kept in its git notes (one with a hostile body and name). */
export const Review: Story = {
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ height: 900, padding: 8, display: 'grid' }}>
          <ReviewDiff
            repoId={repos.review}
            branch="feature/port"
            base="main"
            author={REVIEWER}
            pollInterval={0}
          />
        </div>
      )}
    </Connected>
  ),
};

/** A clean merge: main can fast-forward to the branch. */
export const Merge: Story = {
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ padding: 8 }}>
          <MergePanel
            repoId={repos.review}
            sourceBranch="feature/port"
            targetBranch="main"
            author={REVIEWER}
            checks={<p style={{ margin: 0 }}>✓ Build passed · ✓ 2 approvals</p>}
          />
        </div>
      )}
    </Connected>
  ),
};

/** Conflicts with the release branch: one text hunk and a binary file, resolved in place. */
export const MergeConflicts: Story = {
  render: () => (
    <Connected>
      {(repos) => (
        <div style={{ padding: 8 }}>
          <MergePanel
            repoId={repos.review}
            sourceBranch="feature/port"
            targetBranch="release"
            author={REVIEWER}
          />
        </div>
      )}
    </Connected>
  ),
};
