/**
 * Branch picker, file tree, file view, history and a commit's changes for one repository, in one
 * line — and, given an `author`, editing, deleting and committing on the branch (the commit
 * composer shares one draft with the tree's Delete key and the file view's Edit and Delete):
 *
 * ```tsx
 * <RepositoryBrowser repoId="team/app" syncUrlHash author={{ name, email }} />
 * ```
 */

import {
  FileCode,
  GitCommitHorizontal,
  GitCompare,
  History,
  Pencil,
  Plus,
  Search,
  Trash2,
  UserRoundPen,
} from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { CommitResult, CommitSignature } from '../../core/browser.js';
import { useCommitBuilder, useRepo } from '../../react/index.js';
import { BranchPicker } from '../branch-picker/BranchPicker.js';
import { useFileEditor } from '../commit-composer/use-file-editor.js';
import { CommitHistory } from '../commit-history/CommitHistory.js';
import { FileBrowser } from '../file-browser/FileBrowser.js';
import { ancestors } from '../file-browser/tree-model.js';
import { FileView } from '../file-view/FileView.js';
import { cx } from '../shared/cx.js';
import { shortSha } from '../shared/format.js';
import { ICON_SIZE, IconButton } from '../shared/IconButton.js';
import { type GitStorageLabels, useFamilyLabels } from '../shared/labels.js';
import { lazyView } from '../shared/lazy-view.js';
import { Skeleton } from '../shared/Skeleton.js';
import { useControllable } from '../shared/use-controllable.js';
import { useFocusRescue } from '../shared/use-focus-rescue.js';
import { FolderReadme } from './FolderReadme.js';
import { browserLabels } from './labels.js';

/*
 * The views behind the tabs are chunks of their own (an app that shows a repository pays for
 * the tree and the file first), fetched while the browser is idle after it mounts.
 */
const loadingView = (props: { labels?: Partial<GitStorageLabels> }) => (
  <Skeleton label={props.labels?.loadingView ?? 'Loading…'} rows={6} />
);
const CommitComposer = lazyView(
  () => import('../commit-composer/CommitComposer.js').then((m) => m.CommitComposer),
  loadingView,
);
const TextEditor = lazyView(
  () => import('../commit-composer/TextEditor.js').then((m) => m.TextEditor),
  () => null,
);
const CommitView = lazyView(
  () => import('../commit-view/CommitView.js').then((m) => m.CommitView),
  loadingView,
);
const BlameView = lazyView(
  () => import('../blame/BlameView.js').then((m) => m.BlameView),
  loadingView,
);
const CodeSearch = lazyView(
  () => import('../code-search/CodeSearch.js').then((m) => m.CodeSearch),
  loadingView,
);
const CompareView = lazyView(
  () => import('../compare/CompareView.js').then((m) => m.CompareView),
  loadingView,
);
const VIEWS = [CommitComposer, TextEditor, CommitView, BlameView, CodeSearch, CompareView];

import { formatLocationHash, parseLocationHash, type RepositoryLocation } from './location.js';

export interface RepositoryBrowserProps {
  repoId: string;
  /** The branch shown first; the default branch when left out. */
  branch?: string;
  /** Keep branch, path and view in the URL hash, so a reload keeps the place. */
  syncUrlHash?: boolean;
  /**
   * Where the browser is (branch, path, view, commit), controlled: give it with
   * `onLocationChange` to keep the place in your router (React Router, Next.js) instead of the
   * hash. Left out, the browser keeps it (and `syncUrlHash` mirrors it in the hash).
   */
  location?: RepositoryLocation;
  defaultLocation?: RepositoryLocation;
  onLocationChange?: (location: RepositoryLocation) => void;
  /** A commit was chosen in the history (the tree then shows that commit). */
  onSelectCommit?: (sha: string) => void;
  /** Offer creating and deleting branches (default true). */
  allowBranchChanges?: boolean;
  /**
   * Who commits. Given, the browser offers editing and deleting files and a "New commit" view
   * with the commit composer, all on the branch shown.
   */
  author?: CommitSignature;
  /** Readers: the write actions are shown but disabled (the server refuses them anyway). */
  readOnly?: boolean;
  /** A commit made in the composer landed. */
  onCommitted?: (result: CommitResult) => void;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function RepositoryBrowser(props: RepositoryBrowserProps) {
  const labels = useFamilyLabels(browserLabels, props.labels);
  const [place, setPlace] = useControllable<RepositoryLocation>({
    value: props.location,
    defaultValue: () => props.defaultLocation ?? (props.branch ? { branch: props.branch } : {}),
    onChange: props.onLocationChange,
    name: 'RepositoryBrowser location',
  });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());

  // The hash is read after mount (never during server rendering) and followed on back/forward.
  const { syncUrlHash } = props;
  useEffect(() => {
    if (!syncUrlHash) return;
    const follow = () => {
      const next = parseLocationHash(window.location.hash);
      setPlace((now) => ({ ...(now.branch ? { branch: now.branch } : {}), ...next }));
      if (next.path) setExpanded((open) => new Set([...open, ...ancestors(next.path as string)]));
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [syncUrlHash, setPlace]);
  useEffect(() => {
    if (!syncUrlHash) return;
    const hash = formatLocationHash(place);
    if (hash !== window.location.hash && !(hash === '' && window.location.hash === '')) {
      window.history.replaceState(
        null,
        '',
        hash || window.location.pathname + window.location.search,
      );
    }
  }, [syncUrlHash, place]);

  const gitRef = place.commit ?? place.branch;
  // Readers (readOnly) are not shown controls they cannot use: no Edit, no New commit.
  const writable = props.author !== undefined && !props.readOnly;
  const view =
    (place.view === 'changes' && !place.commit) ||
    (place.view === 'commit' && !writable) ||
    (place.view === 'blame' && (!place.path || place.path.endsWith('/')))
      ? 'file'
      : (place.view ?? 'file');
  // Writes go to the branch shown (the default branch until one is picked).
  const repo = useRepo(props.repoId);
  const branch = place.branch ?? repo.data?.defaultBranch ?? '';
  const builder = useCommitBuilder(props.repoId, {
    branch,
    ...(props.author ? { author: props.author } : {}),
  });
  const editor = useFileEditor({
    repoId: props.repoId,
    branch,
    staged: builder.staged,
    stageText: builder.addText,
    labels,
  });
  const canWrite = writable && branch !== '' && !props.readOnly;
  // A path ending in "/" is a folder (the root when there is no path): its README is shown.
  const atFolder = place.path === undefined || place.path.endsWith('/');
  const filePath = atFolder ? null : (place.path as string);
  const folder = place.path?.includes('/') ? place.path.slice(0, place.path.lastIndexOf('/')) : '';
  const go = (next: Partial<RepositoryLocation>) =>
    setPlace((now) => {
      const merged: RepositoryLocation = { ...now, ...next };
      // A line belongs to the file it was asked for.
      if ('path' in next && !('line' in next)) delete merged.line;
      for (const key of Object.keys(merged) as (keyof RepositoryLocation)[]) {
        if (merged[key] === undefined) delete merged[key];
      }
      return merged;
    });

  // Relative links in Markdown open the file here; with the hash kept, they are real links too.
  const openPath = {
    onOpenPath: (path: string) => go({ path, view: 'file' }),
    onOpenCommit: (sha: string) => go({ commit: sha, view: 'changes' }),
    ...(syncUrlHash
      ? {
          linkToPath: (path: string) => formatLocationHash({ ...place, path, view: 'file' }) || '#',
        }
      : {}),
  };

  // A view that replaces the control that opened it (a commit chosen in History) would drop
  // focus to the page: it goes to the new view's region instead, which is named after the view.
  useEffect(() => {
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => {
      for (const view of VIEWS) void view.preload();
    });
  }, []);

  const rootRef = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLDivElement>(null);
  useFocusRescue(rootRef, mainRef);
  const viewName =
    view === 'file'
      ? (place.path ?? props.repoId)
      : view === 'commit'
        ? labels.newCommit(builder.staged.length)
        : view === 'changes' && place.commit
          ? labels.commitChanges(shortSha(place.commit))
          : view === 'blame'
            ? labels.blameOf(place.path ?? '')
            : view === 'search'
              ? labels.codeSearch
              : view === 'compare'
                ? labels.compare
                : labels.showHistory;

  return (
    <div className={cx('gsk-repository-browser', props.className)} ref={rootRef}>
      <div className="gsk-repository-browser__bar">
        <h2 className="gsk-repository-browser__title">{labels.repository(props.repoId)}</h2>
        <BranchPicker
          repoId={props.repoId}
          {...(place.branch ? { branch: place.branch } : {})}
          onBranchChange={(branch) => go({ branch, commit: undefined })}
          allowCreate={props.allowBranchChanges ?? true}
          allowDelete={props.allowBranchChanges ?? true}
          labels={labels}
        />
        {place.commit && (
          <span className="gsk-repository-browser__commit">
            <span className="gsk-badge">{labels.atCommit(shortSha(place.commit))}</span>{' '}
            <button type="button" className="gsk-button" onClick={() => go({ commit: undefined })}>
              {labels.backToBranch(branch)}
            </button>
          </span>
        )}
        {props.readOnly && (
          <p className="gsk-repository-browser__read-only">{labels.readOnlyNote}</p>
        )}
        <div className="gsk-repository-browser__tabs">
          <IconButton
            tooltip="none"
            label={labels.showFile}
            icon={<FileCode size={ICON_SIZE} aria-hidden="true" />}
            aria-pressed={view === 'file' || view === 'blame'}
            onClick={() => go({ view: 'file' })}
          >
            {labels.showFile}
          </IconButton>
          <IconButton
            tooltip="none"
            label={labels.showHistory}
            icon={<History size={ICON_SIZE} aria-hidden="true" />}
            aria-pressed={view === 'history'}
            onClick={() => go({ view: 'history' })}
          >
            {labels.showHistory}
          </IconButton>
          {place.commit && (
            <IconButton
              tooltip="none"
              label={labels.showChanges}
              icon={<GitCommitHorizontal size={ICON_SIZE} aria-hidden="true" />}
              aria-pressed={view === 'changes'}
              onClick={() => go({ view: 'changes' })}
            >
              {labels.showChanges}
            </IconButton>
          )}
          <IconButton
            tooltip="none"
            label={labels.showSearch}
            icon={<Search size={ICON_SIZE} aria-hidden="true" />}
            aria-pressed={view === 'search'}
            onClick={() => go({ view: 'search' })}
          >
            {labels.showSearch}
          </IconButton>
          <IconButton
            tooltip="none"
            label={labels.showCompare}
            icon={<GitCompare size={ICON_SIZE} aria-hidden="true" />}
            aria-pressed={view === 'compare'}
            onClick={() => go({ view: 'compare', commit: undefined })}
          >
            {labels.showCompare}
          </IconButton>
          {writable && (
            <IconButton
              tooltip="none"
              label={labels.newCommit(builder.staged.length)}
              icon={<Plus size={ICON_SIZE} aria-hidden="true" />}
              aria-pressed={view === 'commit'}
              onClick={() => go({ view: 'commit', commit: undefined })}
            >
              {labels.newCommit(builder.staged.length)}
            </IconButton>
          )}
        </div>
      </div>
      <div className="gsk-repository-browser__side">
        <FileBrowser
          key={gitRef ?? ''}
          repoId={props.repoId}
          {...(gitRef ? { gitRef } : {})}
          selectedPath={place.path?.replace(/\/$/, '') || null}
          onSelectFile={(path) => go({ path, view: 'file' })}
          onSelectFolder={(path) => go({ path: `${path}/`, view: 'file' })}
          {...(canWrite && !place.commit ? { onDeleteFile: builder.deletePath } : {})}
          expanded={expanded}
          onExpandedChange={setExpanded}
          labels={labels}
          // An empty repository says how to fill it, to whoever can.
          {...(canWrite && !place.commit
            ? { emptyMessage: labels.emptyRepositoryHowTo(labels.newCommit(0)) }
            : {})}
        />
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a named group that takes focus when its view changes, not a form's fieldset. */}
      <div
        className="gsk-repository-browser__main"
        ref={mainRef}
        role="group"
        tabIndex={-1}
        aria-label={viewName}
      >
        {view === 'file' && atFolder ? (
          <FolderReadme
            key={`${gitRef}:${folder}`}
            repoId={props.repoId}
            {...(gitRef ? { gitRef } : {})}
            folder={folder}
            labels={labels}
            loadingLabel={labels.loadingFile}
            empty={<p className="gsk-message">{labels.noFileSelected}</p>}
            {...openPath}
          />
        ) : view === 'file' ? (
          <FileView
            repoId={props.repoId}
            {...(gitRef ? { gitRef } : {})}
            path={filePath}
            labels={labels}
            {...openPath}
            {...(place.line ? { line: place.line } : {})}
            actions={(content) =>
              filePath && (
                <>
                  {content.text !== undefined && !content.isBinary && (
                    <IconButton
                      label={labels.blameFile(filePath)}
                      icon={<UserRoundPen size={ICON_SIZE} aria-hidden="true" />}
                      onClick={() => go({ view: 'blame' })}
                    >
                      {labels.blame}
                    </IconButton>
                  )}
                  {/* Edit is for text: an image or a binary file is replaced by dropping one. */}
                  {writable && !place.commit && content.text !== undefined && !content.isBinary && (
                    <IconButton
                      label={labels.editStaged(filePath)}
                      icon={<Pencil size={ICON_SIZE} aria-hidden="true" />}
                      disabled={!canWrite}
                      onClick={() => editor.open(filePath)}
                    />
                  )}
                  {writable && !place.commit && (
                    <IconButton
                      label={labels.stageDeletionOf(filePath)}
                      icon={<Trash2 size={ICON_SIZE} aria-hidden="true" />}
                      aria-keyshortcuts="Delete"
                      disabled={
                        !canWrite ||
                        builder.staged.some((c) => c.path === filePath && c.kind === 'delete')
                      }
                      onClick={() => builder.deletePath(filePath)}
                    />
                  )}
                </>
              )
            }
          />
        ) : view === 'blame' && filePath ? (
          <BlameView
            repoId={props.repoId}
            path={filePath}
            {...(gitRef ? { gitRef } : {})}
            onSelectCommit={(sha) => go({ commit: sha, view: 'changes' })}
            labels={labels}
          />
        ) : view === 'search' ? (
          <CodeSearch
            repoId={props.repoId}
            {...(gitRef ? { gitRef } : {})}
            defaultQuery={place.query ? { text: place.query } : null}
            onQueryChange={(query) => go({ query: query?.text || undefined })}
            onOpenResult={(path, line) => go({ path, line, view: 'file' })}
            labels={labels}
          />
        ) : view === 'compare' ? (
          <CompareView
            repoId={props.repoId}
            {...(place.base ? { base: place.base } : {})}
            {...(branch ? { head: branch } : {})}
            onChange={({ base, head }) => go({ base, branch: head, commit: undefined })}
            onSelectCommit={(sha) => go({ commit: sha, view: 'changes' })}
            labels={labels}
          />
        ) : view === 'commit' && props.author && branch ? (
          <CommitComposer
            repoId={props.repoId}
            branch={branch}
            author={props.author}
            basePath={folder}
            builder={builder}
            readOnly={props.readOnly ?? false}
            {...(props.onCommitted ? { onCommitted: props.onCommitted } : {})}
            labels={labels}
          />
        ) : view === 'changes' && place.commit ? (
          <CommitView
            repoId={props.repoId}
            sha={place.commit}
            {...(branch ? { branch } : {})}
            onSelectCommit={(sha) => go({ commit: sha, view: 'changes' })}
            onBrowseFiles={(sha) => go({ commit: sha, view: 'file' })}
            labels={labels}
          />
        ) : (
          <CommitHistory
            repoId={props.repoId}
            {...(place.branch ? { branch: place.branch } : {})}
            {...(place.path ? { path: place.path } : {})}
            selectedSha={place.commit ?? null}
            onSelectCommit={(sha) => {
              go({ commit: sha, view: 'changes' });
              props.onSelectCommit?.(sha);
            }}
            labels={labels}
          />
        )}
      </div>
      {editor.editorProps && <TextEditor key={editor.editorKey} {...editor.editorProps} />}
    </div>
  );
}
