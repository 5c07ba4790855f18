/**
 * The example app: sign in with a name and a role, pick or create a repository, then browse,
 * compare branches and commit. Everything repository-shaped comes from git-storage-kit; this file
 * is the app's own glue (session, a tiny router on the query string, the repository list).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BranchPicker,
  formatLocationHash,
  MergePanel,
  RepositoryBrowser,
  ReviewDiff,
} from 'git-storage-kit/components';
import { useGitStorage, useRepo } from 'git-storage-kit/react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { repoNameProblem } from './repo-name.js';

interface Session {
  name: string;
  role: 'reader' | 'writer';
}

/** The place in the app, in the query string (the hash belongs to the repository browser). */
function usePlace(): [URLSearchParams, (next: Record<string, string>, hash?: string) => void] {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const follow = () => setSearch(window.location.search);
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);
  const go = (next: Record<string, string>, hash = '') => {
    const query = new URLSearchParams(next).toString();
    window.history.pushState(null, '', `${query ? `/?${query}` : '/'}${hash}`);
    setSearch(window.location.search);
  };
  return [new URLSearchParams(search), go];
}

/**
 * `onSessionChange` is called after a sign-in or sign-out: the app then gets a new storage client,
 * so no token, cached read or staged change of the previous user is used again.
 */
export function App(props: { onSessionChange: () => void }) {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session | null> => {
      const response = await fetch('/api/session');
      return response.ok ? ((await response.json()) as Session) : null;
    },
  });
  const signOut = useMutation({
    mutationFn: () => fetch('/api/session', { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.clear();
      props.onSessionChange();
    },
  });
  if (session.isPending) return <p className="app-message">Loading…</p>;
  if (!session.data) return <SignIn onSignedIn={props.onSessionChange} />;
  return <SignedIn session={session.data} onSignOut={() => signOut.mutate()} />;
}

/**
 * The signed-in shell. Signing in replaces the form that had focus: focus goes to the page's
 * heading instead of falling to <body>, so a keyboard user goes on from the top of the app.
 */
function SignedIn(props: { session: Session; onSignOut: () => void }) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body) titleRef.current?.focus();
  }, []);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title" tabIndex={-1} ref={titleRef}>
          <a href="/">git-storage-kit example</a>
        </h1>
        <span className="app-user">
          Signed in as {props.session.name} ({props.session.role}){' '}
          <button type="button" className="gsk-button" onClick={props.onSignOut}>
            Sign out
          </button>
        </span>
      </header>
      <Main session={props.session} />
    </div>
  );
}

function SignIn(props: { onSignedIn: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Session['role']>('writer');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, role }),
    });
    if (!response.ok) {
      setError(((await response.json()) as { error: string }).error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: ['session'] });
    props.onSignedIn();
  };
  return (
    <main className="app-sign-in">
      <h1>Sign in to the example</h1>
      <p>
        A demo sign-in: pick a name and a role. Readers can browse; writers can also commit, and
        create branches and repositories.
      </p>
      <form onSubmit={submit}>
        <label>
          Name
          <input
            className="gsk-input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={64}
          />
        </label>
        <fieldset>
          <legend>Role</legend>
          {(['writer', 'reader'] as const).map((r) => (
            <label key={r}>
              <input
                type="radio"
                name="role"
                value={r}
                checked={role === r}
                onChange={() => setRole(r)}
              />{' '}
              {r === 'writer' ? 'Writer' : 'Reader'}
            </label>
          ))}
        </fieldset>
        {error && (
          <p role="alert" className="gsk-message gsk-message--error">
            {error}
          </p>
        )}
        <button type="submit" className="gsk-button gsk-button--primary">
          Sign in
        </button>
      </form>
    </main>
  );
}

function Main(props: { session: Session }) {
  const [place, go] = usePlace();
  const repoId = place.get('repo');
  if (!repoId) return <Repositories session={props.session} onOpen={(id) => go({ repo: id })} />;
  const writer = props.session.role === 'writer';
  const author = {
    name: props.session.name,
    email: `${props.session.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`,
  };
  const reviewing = place.get('view') === 'review';
  return (
    <main className="app-repo">
      <nav className="app-tabs" aria-label="Repository">
        <button type="button" className="gsk-button" onClick={() => go({})}>
          All repositories
        </button>
        <button
          type="button"
          className="gsk-button"
          aria-current={reviewing ? undefined : 'page'}
          onClick={() => go({ repo: repoId })}
        >
          Browse
        </button>
        <button
          type="button"
          className="gsk-button"
          aria-current={reviewing ? 'page' : undefined}
          onClick={() => go({ repo: repoId, view: 'review' })}
        >
          Review
        </button>
      </nav>
      {reviewing ? (
        <Review
          repoId={repoId}
          branch={place.get('branch') ?? ''}
          onBranchChange={(branch) => go({ repo: repoId, view: 'review', branch })}
          // The merge's commit opens in the repository browser (its place lives in the hash).
          onOpenCommit={(sha) =>
            go({ repo: repoId }, formatLocationHash({ commit: sha, view: 'changes' }))
          }
          {...(writer ? { author } : {})}
        />
      ) : (
        <RepositoryBrowser
          repoId={repoId}
          syncUrlHash
          author={author}
          readOnly={!writer}
          allowBranchChanges={writer}
        />
      )}
    </main>
  );
}

/**
 * A branch under review against the default branch: its diff with line comments (kept in the
 * repository as git notes, so every reviewer sees them) and the merge panel. Readers read the
 * comments; writers also comment, resolve conflicts and merge.
 */
function Review(props: {
  repoId: string;
  branch: string;
  onBranchChange: (branch: string) => void;
  onOpenCommit: (sha: string) => void;
  author?: { name: string; email: string };
}) {
  const repo = useRepo(props.repoId);
  const base = repo.data?.defaultBranch ?? '';
  return (
    <div className="app-review">
      <div className="app-review__bar">
        <h2>Review</h2>
        <BranchPicker
          repoId={props.repoId}
          {...(props.branch ? { branch: props.branch } : {})}
          onBranchChange={props.onBranchChange}
          allowCreate={false}
          allowDelete={false}
        />
        {base && <span className="app-muted">against {base}</span>}
      </div>
      {!props.branch || !base ? (
        <p>Pick the branch to review.</p>
      ) : props.branch === base ? (
        <p>
          {base} is the default branch: pick another branch to review it against {base}.
        </p>
      ) : (
        <>
          <MergePanel
            repoId={props.repoId}
            sourceBranch={props.branch}
            targetBranch={base}
            onOpenCommit={props.onOpenCommit}
            {...(props.author ? { author: props.author } : {})}
          />
          <ReviewDiff
            repoId={props.repoId}
            branch={props.branch}
            base={base}
            {...(props.author ? { author: props.author } : {})}
          />
        </>
      )}
    </div>
  );
}

function Repositories(props: { session: Session; onOpen: (repoId: string) => void }) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  const repos = useQuery({
    queryKey: ['repositories'],
    queryFn: async () => (await client.listRepos({ limit: 100 })).repos,
  });
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (id: string) => client.createRepo({ id }),
    onSuccess: async (repo) => {
      await queryClient.invalidateQueries({ queryKey: ['repositories'] });
      props.onOpen(repo.id);
    },
  });
  return (
    <main className="app-repos">
      <h2>Repositories</h2>
      {repos.isPending ? (
        <p>Loading repositories…</p>
      ) : repos.error ? (
        <p role="alert">Could not list repositories: {repos.error.message}</p>
      ) : (
        <ul className="app-repo-list">
          {repos.data.map((repo) => (
            <li key={repo.repoId}>
              {/* A link: it opens in a new tab too; a plain click stays in the page. */}
              <a
                className="app-repo-link"
                href={`/?${new URLSearchParams({ repo: repo.repoId })}`}
                onClick={(event) => {
                  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
                    return;
                  event.preventDefault();
                  props.onOpen(repo.repoId);
                }}
              >
                {repo.repoId}
              </a>{' '}
              <span className="app-muted">default branch {repo.defaultBranch}</span>
            </li>
          ))}
        </ul>
      )}
      {props.session.role === 'writer' && (
        <form
          className="app-create"
          onSubmit={(event) => {
            event.preventDefault();
            const problem = repoNameProblem(name.trim());
            setNameProblem(problem);
            if (!problem) create.mutate(`demo/${name.trim()}`);
          }}
          noValidate
        >
          <label>
            New repository: demo/
            <input
              className="gsk-input"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setNameProblem(null);
              }}
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby={nameProblem ? 'app-name-problem' : undefined}
            />
          </label>
          {nameProblem && (
            <p id="app-name-problem" role="alert" className="gsk-message gsk-message--error">
              {nameProblem}
            </p>
          )}
          <button type="submit" className="gsk-button" disabled={create.isPending}>
            Create
          </button>
          {create.error && <p role="alert">Could not create it: {create.error.message}</p>}
        </form>
      )}
    </main>
  );
}
