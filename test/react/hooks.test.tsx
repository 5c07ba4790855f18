// @vitest-environment jsdom
/**
 * The hooks in jsdom against a started local server over real HTTP (no mocked fetch): loading →
 * data → error, pagination, invalidation after writes, and useCommitBuilder end to end.
 */

import { Blob as NodeBlob } from 'node:buffer';
import { QueryClient, QueryClientProvider, skipToken, useQueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommitResult } from '../../src/core/index.js';
import {
  AuthError,
  type GitStorage,
  NetworkError,
  RefUpdateError,
  ValidationError,
} from '../../src/core/index.js';
import {
  GitStorageProvider,
  storageKeys,
  useBlame,
  useBranches,
  useCommit,
  useCommitBuilder,
  useCommits,
  useCreateBranch,
  useCreateTag,
  useDeleteBranch,
  useDeleteTag,
  useDiff,
  useFile,
  useFileMetadata,
  useFiles,
  useGitStorage,
  useGrep,
  useMerge,
  useNote,
  usePreviewMerge,
  useRepo,
  useTags,
  useWriteNote,
} from '../../src/react/index.js';
import {
  AUTHOR,
  ourClient,
  randomBytesSeeded,
  startTestServer,
  type TestServer,
} from '../helpers/local-server.js';

let server: TestServer;
let client: GitStorage;
const REPO = 'hooks/repo';
let first: string;

beforeAll(async () => {
  server = await startTestServer();
  client = ourClient(server);
  const repo = await client.createRepo({ id: REPO });
  first = (
    await repo
      .createCommit({ targetBranch: 'main', commitMessage: 'first', author: AUTHOR })
      .addFileFromString('README.md', '# Hooks\n')
      .addFileFromString('src/a.ts', 'export const a = 1;\n')
      .addFile('bin/blob.bin', new Uint8Array([1, 2, 0, 3, 4]))
      .addFileFromString('big.txt', 'x'.repeat(5000))
      .send()
  ).commitSha;
  for (const name of ['b1', 'b2', 'b3', 'b4'])
    await repo.createBranch({ baseRef: 'main', targetBranch: name });
});
afterAll(() => server.close());

/** A fresh client per test by default: its drafts (kept per client) start empty. */
function setup(storage: GitStorage = ourClient(server)) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <GitStorageProvider client={storage} queryClient={queryClient}>
      {children}
    </GitStorageProvider>
  );
  return { queryClient, wrapper };
}

describe('read hooks', () => {
  it('useRepo: loading → data, and null for a missing repository', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useRepo(REPO), { wrapper });
    expect(result.current.isPending).toBe(true);
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatchObject({ id: REPO, defaultBranch: 'main' });
    const missing = renderHook(() => useRepo('hooks/missing'), { wrapper });
    await waitFor(() => expect(missing.result.current.isSuccess).toBe(true));
    expect(missing.result.current.data).toBeNull();
  });

  it('useFiles: one level by default, the whole tree on request, and an error for a bad ref', async () => {
    const { wrapper } = setup();
    const top = renderHook(() => useFiles(REPO, { ref: 'main' }), { wrapper });
    await waitFor(() => expect(top.result.current.isSuccess).toBe(true));
    expect(top.result.current.data?.entries.map((e) => e.path)).toEqual([
      'README.md',
      'big.txt',
      'bin',
      'src',
    ]);
    const all = renderHook(() => useFiles(REPO, { recursive: true }), { wrapper });
    await waitFor(() => expect(all.result.current.isSuccess).toBe(true));
    expect(all.result.current.data?.paths).toEqual([
      'README.md',
      'big.txt',
      'bin/blob.bin',
      'src/a.ts',
    ]);
    const bad = renderHook(() => useFiles(REPO, { ref: 'no-such-branch' }), { wrapper });
    await waitFor(() => expect(bad.result.current.isError).toBe(true));
    expect(bad.result.current.error).toMatchObject({ name: 'ApiError', status: 404 });
  });

  it('useFile: text, binary detection, a size cap, and If-None-Match revalidation', async () => {
    const { wrapper } = setup();
    const text = renderHook(() => useFile(REPO, { path: 'README.md' }), { wrapper });
    await waitFor(() => expect(text.result.current.isSuccess).toBe(true));
    expect(text.result.current.data).toMatchObject({
      text: '# Hooks\n',
      isBinary: false,
      size: 8,
      truncated: false,
    });
    const binary = renderHook(() => useFile(REPO, { path: 'bin/blob.bin' }), { wrapper });
    await waitFor(() => expect(binary.result.current.isSuccess).toBe(true));
    expect(binary.result.current.data?.isBinary).toBe(true);
    expect(binary.result.current.data?.text).toBeUndefined();
    expect([...(binary.result.current.data?.bytes ?? [])]).toEqual([1, 2, 0, 3, 4]);
    const capped = renderHook(() => useFile(REPO, { path: 'big.txt', maxBytes: 1000 }), {
      wrapper,
    });
    await waitFor(() => expect(capped.result.current.isSuccess).toBe(true));
    expect(capped.result.current.data).toMatchObject({ size: 5000, truncated: true });
    expect(capped.result.current.data?.bytes.length).toBe(1000);
    // An unchanged file revalidates to a 304: the very same data object comes back.
    const before = text.result.current.data;
    await act(() => text.result.current.refetch());
    expect(text.result.current.data).toBe(before);
  });

  it('useFileMetadata and useDiff', async () => {
    const { wrapper } = setup();
    const meta = renderHook(() => useFileMetadata(REPO, { path: 'src/a.ts' }), { wrapper });
    await waitFor(() => expect(meta.result.current.isSuccess).toBe(true));
    expect(meta.result.current.data).toMatchObject({ size: 20, lastCommitSha: first });
    const diff = renderHook(() => useDiff(REPO, { sha: first }), { wrapper });
    await waitFor(() => expect(diff.result.current.isSuccess).toBe(true));
    expect(diff.result.current.data?.files.map((f) => f.path)).toEqual([
      'README.md',
      'big.txt',
      'src/a.ts',
    ]);
    expect(diff.result.current.data?.filteredFiles.map((f) => f.path)).toEqual(['bin/blob.bin']);
  });

  it('useBranches pages to the end', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useBranches(REPO, { limit: 2 }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    while (result.current.hasNextPage) {
      await act(() => result.current.fetchNextPage());
    }
    expect(result.current.data?.pages.length).toBe(3);
    expect(result.current.data?.pages.flatMap((p) => p.branches.map((b) => b.name))).toEqual([
      'b1',
      'b2',
      'b3',
      'b4',
      'main',
    ]);
  });
});

describe('blame', () => {
  it('useBlame reads who last changed each line', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useBlame(REPO, { ref: 'main', path: 'README.md' }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const lines = result.current.data?.lines ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]?.lineNumber).toBe(1);
    expect(lines[0]?.commitSha).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('grep', () => {
  it('useGrep finds lines, and waits with skipToken', async () => {
    const { wrapper } = setup();
    const { result, rerender } = renderHook(
      ({ pattern }: { pattern: string }) =>
        useGrep(REPO, pattern ? { query: { pattern } } : skipToken),
      { wrapper, initialProps: { pattern: '' } },
    );
    expect(result.current.fetchStatus).toBe('idle');
    rerender({ pattern: '.' });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.matches.length).toBeGreaterThan(0);
    expect(result.current.data?.matches[0]?.lines[0]?.type).toBe('match');
  });
});

describe('tags', () => {
  it('useTags shows a tag made with useCreateTag and loses it after useDeleteTag', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(
      () => ({ tags: useTags(REPO), create: useCreateTag(REPO), remove: useDeleteTag(REPO) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.tags.isSuccess).toBe(true));
    const names = () => result.current.tags.data?.pages.flatMap((p) => p.tags.map((t) => t.name));
    expect(names()).toEqual([]);
    await act(() => result.current.create.mutateAsync({ name: 'hooks-v1', target: 'main' }));
    await waitFor(() => expect(names()).toEqual(['hooks-v1']));
    await act(() => result.current.remove.mutateAsync({ name: 'hooks-v1' }));
    await waitFor(() => expect(names()).toEqual([]));
  });
});

describe('merge', () => {
  it('usePreviewMerge shows what useMerge would do, and refreshes once it did', async () => {
    const repo = client.repo({ id: REPO });
    await repo.createBranch({ baseRef: 'main', targetBranch: 'to-merge' });
    const ahead = await repo
      .createCommit({ targetBranch: 'to-merge', commitMessage: 'ahead', author: AUTHOR })
      .addFileFromString('merged.txt', 'merged\n')
      .send();
    await repo.createBranch({ baseRef: 'main', targetBranch: 'merge-target' });
    const { wrapper } = setup();
    const { result } = renderHook(
      () => ({
        preview: usePreviewMerge(REPO, { sourceBranch: 'to-merge', targetBranch: 'merge-target' }),
        merge: useMerge(REPO),
        files: useFiles(REPO, { ref: 'merge-target' }),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.preview.data?.result).toBe('fast_forward'));
    await waitFor(() => expect(result.current.files.isSuccess).toBe(true));
    expect(result.current.files.data?.entries.map((e) => e.path)).not.toContain('merged.txt');
    let newSha = '';
    await act(async () => {
      const merged = await result.current.merge.mutateAsync({
        sourceBranch: 'to-merge',
        targetBranch: 'merge-target',
        strategy: 'ff_only',
      });
      newSha = merged.target.newSha;
    });
    expect(newSha).toBe(ahead.commitSha);
    await waitFor(() => expect(result.current.preview.data?.result).toBe('no_op'));
    await waitFor(() =>
      expect(result.current.files.data?.entries.map((e) => e.path)).toContain('merged.txt'),
    );
  });
});

describe('notes', () => {
  it('useNote is null until useWriteNote adds one, then follows appends and deletes', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(
      () => ({ note: useNote(REPO, { sha: first, ref: 'hooks' }), write: useWriteNote(REPO) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.note.isSuccess).toBe(true));
    expect(result.current.note.data).toBeNull();
    await act(() =>
      result.current.write.mutateAsync({ action: 'add', sha: first, note: 'LGTM', ref: 'hooks' }),
    );
    await waitFor(() => expect(result.current.note.data?.note).toBe('LGTM'));
    await act(() =>
      result.current.write.mutateAsync({
        action: 'append',
        sha: first,
        note: 'Shipped',
        ref: 'refs/notes/hooks',
        expectedRefSha: result.current.note.data?.refSha,
      }),
    );
    await waitFor(() => expect(result.current.note.data?.note).toBe('LGTM\n\nShipped'));
    await act(() =>
      result.current.write.mutateAsync({ action: 'delete', sha: first, ref: 'hooks' }),
    );
    await waitFor(() => expect(result.current.note.data).toBeNull());
  });
});

describe('provider options', () => {
  it('says once, with what to do, when options change after the first render', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const getToken = ({ repoId, scopes }: { repoId: string; scopes: readonly string[] }) =>
      server.token(repoId, [...scopes]);
    let apiBaseUrl = server.url;
    const view = renderHook(() => useGitStorage(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <GitStorageProvider options={{ name: 'test-org', apiBaseUrl, getToken }}>
          {children}
        </GitStorageProvider>
      ),
    });
    const first = view.result.current;
    view.rerender(); // a new options object saying the same: nothing to say
    expect(warn).not.toHaveBeenCalled();
    apiBaseUrl = 'http://127.0.0.1:1';
    view.rerender();
    view.rerender();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/apiBaseUrl changed .* new `client`.*`key`/);
    expect(view.result.current).toBe(first);
    warn.mockRestore();
  });
});

describe('a new client is a new session', () => {
  it('takes a new client: old tokens cleared, old reads dropped, the new session asked', async () => {
    const asked: string[] = [];
    const clientFor = (user: string, scopes: string[]) =>
      ourClient(server, {
        getToken: async ({ repoId }) => {
          asked.push(user);
          return server.token(repoId, scopes);
        },
      });
    const writer = clientFor('writer', ['git:read', 'git:write']);
    const reader = clientFor('reader', ['git:read']);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let current = writer;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <GitStorageProvider client={current} queryClient={queryClient}>
        {children}
      </GitStorageProvider>
    );
    const seen: (string | undefined)[] = [];
    const view = renderHook(
      () => {
        const files = useFiles(REPO, { ref: 'main' });
        seen.push(files.data ? `data:${asked.length}` : files.status);
        return { files, builder: useCommitBuilder(REPO, { branch: 'main', author: AUTHOR }) };
      },
      { wrapper },
    );
    await waitFor(() => expect(view.result.current.files.isSuccess).toBe(true));
    expect(asked).toEqual(['writer']);
    act(() => view.result.current.builder.addText('staged-by-writer.txt', 'x'));
    expect(view.result.current.builder.staged).toHaveLength(1);
    const tokenSpy = vi.spyOn(writer, 'clearTokens');
    seen.length = 0;
    current = reader;
    view.rerender();
    expect(tokenSpy).toHaveBeenCalled();
    // Not one render of the new session shows what the old one read.
    expect(seen[0]).toBe('pending');
    await waitFor(() => expect(view.result.current.files.isSuccess).toBe(true));
    expect(asked).toEqual(['writer', 'reader']);
    // Nothing the old user staged is in the new session's draft, and it cannot write.
    expect(view.result.current.builder.staged).toHaveLength(0);
    act(() => view.result.current.builder.addText('by-reader.txt', 'x'));
    await expect(view.result.current.builder.commit({ message: 'reader write' })).rejects.toThrow();
  });
});

describe('provider and history pages', () => {
  it("uses the app's own QueryClientProvider when there is one", async () => {
    const appClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={appClient}>
        <GitStorageProvider client={client}>{children}</GitStorageProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(
      () => ({ files: useFiles(REPO), queryClient: useQueryClient() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.files.isSuccess).toBe(true));
    expect(result.current.queryClient).toBe(appClient);
    expect(appClient.getQueryData(storageKeys.files(REPO))).toBe(result.current.files.data);
  });

  it('provides its own QueryClient and builds the client from options', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <GitStorageProvider
        options={{
          name: 'test-org',
          apiBaseUrl: server.url,
          getToken: ({ repoId, scopes }) => server.token(repoId, [...scopes]),
        }}
      >
        {children}
      </GitStorageProvider>
    );
    const { result } = renderHook(() => useFiles(REPO), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.entries.map((e) => e.path)).toContain('README.md');
  });

  it('useCommits pages through history to the root', async () => {
    const repo = client.repo({ id: REPO });
    for (let i = 0; i < 5; i++) {
      await repo
        .createCommit({ targetBranch: 'b3', commitMessage: `h${i}`, author: AUTHOR })
        .addFileFromString('h.txt', String(i))
        .send();
    }
    const { wrapper } = setup();
    const { result } = renderHook(() => useCommits(REPO, { branch: 'b3', limit: 2 }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    while (result.current.hasNextPage) await act(() => result.current.fetchNextPage());
    const messages = result.current.data?.pages.flatMap((p) => p.commits.map((c) => c.message));
    expect(messages).toEqual(['h4', 'h3', 'h2', 'h1', 'h0', 'first']);
    expect(result.current.data?.pages).toHaveLength(3);
  });
});

describe('useCommitBuilder', () => {
  it('commits with progress and phases; tree, history and branch hooks update with no manual refetch', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(
      () => ({
        builder: useCommitBuilder(REPO, { branch: 'main', author: AUTHOR }),
        files: useFiles(REPO, { recursive: true }),
        commits: useCommits(REPO, { branch: 'main' }),
        branches: useBranches(REPO),
      }),
      { wrapper },
    );
    await waitFor(() =>
      expect(
        result.current.files.isSuccess &&
          result.current.commits.isSuccess &&
          result.current.branches.isSuccess,
      ).toBe(true),
    );
    const phases: string[] = [];
    const bytes = randomBytesSeeded(6 * 1024 * 1024, 5);
    act(() => {
      result.current.builder.addFile(
        'uploads/data.bin',
        new NodeBlob([new Uint8Array(bytes)]) as unknown as Blob,
      );
      result.current.builder.addText('notes.txt', 'hello\n');
      result.current.builder.deletePath('big.txt');
      result.current.builder.setMessage('from the hook');
    });
    expect(result.current.builder.staged.map((c) => `${c.kind}:${c.path}`)).toEqual([
      'file:uploads/data.bin',
      'file:notes.txt',
      'delete:big.txt',
    ]);
    let pending!: Promise<CommitResult>;
    act(() => {
      pending = result.current.builder.commit();
    });
    await waitFor(() => expect(result.current.builder.phase).toBeDefined());
    phases.push(result.current.builder.phase as string);
    const { commitSha } = await act(() => pending);
    expect(phases[0]).toBe('uploading');
    expect(result.current.builder.status).toBe('success');
    expect(result.current.builder.progress).toMatchObject({
      phase: 'committing',
      bytesSent: bytes.length + 6,
    });
    expect(result.current.builder.staged).toEqual([]);
    // The new head appears without anyone calling refetch.
    await waitFor(() =>
      expect(result.current.commits.data?.pages[0]?.commits[0]?.sha).toBe(commitSha),
    );
    await waitFor(() => expect(result.current.files.data?.paths).toContain('uploads/data.bin'));
    expect(result.current.files.data?.paths).not.toContain('big.txt');
    const main = result.current.branches.data?.pages[0]?.branches.find((b) => b.name === 'main');
    expect(main?.headSha).toBe(commitSha);
  });

  it('aborts an upload: error is an AbortError and the branch has not moved', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useCommitBuilder(REPO, { branch: 'b1', author: AUTHOR }), {
      wrapper,
    });
    const before = (await client.repo({ id: REPO }).listCommits({ branch: 'b1', limit: 1 }))
      .commits[0]?.sha;
    act(() => {
      result.current.addFile(
        'huge.bin',
        new NodeBlob([new Uint8Array(randomBytesSeeded(48 * 1024 * 1024, 6))]) as unknown as Blob,
      );
      result.current.setMessage('never lands');
    });
    let pending!: Promise<unknown>;
    act(() => {
      pending = result.current.commit().catch((e: unknown) => e);
    });
    await waitFor(() => expect((result.current.progress?.bytesSent ?? 0) > 0).toBe(true));
    act(() => result.current.abort());
    expect(((await act(() => pending)) as Error).name).toBe('AbortError');
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.name).toBe('AbortError');
    expect(
      (await client.repo({ id: REPO }).listCommits({ branch: 'b1', limit: 1 })).commits[0]?.sha,
    ).toBe(before);
  });

  it('surfaces a branch that moved as RefUpdateError precondition_failed', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useCommitBuilder(REPO, { branch: 'b2', author: AUTHOR }), {
      wrapper,
    });
    await client
      .repo({ id: REPO })
      .createCommit({ targetBranch: 'b2', commitMessage: 'moves b2', author: AUTHOR })
      .addFileFromString('m', 'm')
      .send();
    act(() => result.current.addText('late.txt', 'late'));
    await act(async () => {
      await result.current.commit({ message: 'late', expectedHeadSha: first }).catch(() => {});
    });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(RefUpdateError));
    expect((result.current.error as RefUpdateError).reason).toBe('precondition_failed');
    expect(result.current.staged.map((c) => c.path)).toEqual(['late.txt']); // kept for a retry
  });
});

describe('cache keys', () => {
  it('refreshes a commit read by branch name when the branch moves; a SHA stays cached', async () => {
    const storage = ourClient(server);
    const { wrapper } = setup(storage);
    const view = renderHook(
      () => ({
        byName: useCommit(REPO, { sha: 'b1' }),
        builder: useCommitBuilder(REPO, { branch: 'b1', author: AUTHOR }),
      }),
      { wrapper },
    );
    await waitFor(() => expect(view.result.current.byName.isSuccess).toBe(true));
    const before = view.result.current.byName.data?.sha;
    const bySha = renderHook(() => useCommit(REPO, { sha: before as string }), { wrapper });
    await waitFor(() => expect(bySha.result.current.isSuccess).toBe(true));
    let sent!: CommitResult;
    await act(async () => {
      view.result.current.builder.addText('moves-b1.txt', 'x\n');
      sent = await view.result.current.builder.commit({ message: 'move b1' });
    });
    await waitFor(() => expect(view.result.current.byName.data?.sha).toBe(sent.commitSha));
    expect(bySha.result.current.data?.sha).toBe(before);
  });

  it('keeps branch lists of different page sizes apart', async () => {
    const { wrapper, queryClient } = setup();
    const small = renderHook(() => useBranches(REPO, { limit: 2 }), { wrapper });
    const large = renderHook(() => useBranches(REPO, { limit: 50 }), { wrapper });
    await waitFor(() => expect(small.result.current.isSuccess).toBe(true));
    await waitFor(() => expect(large.result.current.isSuccess).toBe(true));
    expect(small.result.current.data?.pages[0]?.branches).toHaveLength(2);
    expect(large.result.current.data?.pages[0]?.branches.length).toBeGreaterThan(2);
    expect(
      queryClient.getQueryCache().findAll({ queryKey: storageKeys.branches(REPO) }),
    ).toHaveLength(2);
  });
});

describe('drafts outlive the component, sessions and authors', () => {
  it('keeps what was staged on a branch while another branch is looked at, and back', async () => {
    const { wrapper } = setup(ourClient(server));
    const view = renderHook(
      ({ branch }: { branch: string }) => useCommitBuilder(REPO, { branch, author: AUTHOR }),
      { wrapper, initialProps: { branch: 'b1' } },
    );
    act(() => {
      view.result.current.addText('kept.txt', 'kept\n');
      view.result.current.setMessage('Keep me');
    });
    view.rerender({ branch: 'b2' });
    expect(view.result.current.staged).toEqual([]);
    view.rerender({ branch: 'b1' });
    expect(view.result.current.staged.map((c) => c.path)).toEqual(['kept.txt']);
    expect(view.result.current.message).toBe('Keep me');
    view.unmount();
    // A component mounted later finds it too: the draft lives on the client.
    const again = renderHook(() => useCommitBuilder(REPO, { branch: 'b1', author: AUTHOR }), {
      wrapper,
    });
    expect(again.result.current.staged.map((c) => c.path)).toEqual(['kept.txt']);
  });

  it('takes an author that arrives after staging began', async () => {
    const { wrapper } = setup(ourClient(server));
    const view = renderHook(
      ({ author }: { author?: { name: string; email: string } }) =>
        useCommitBuilder(REPO, { branch: 'b3', ...(author ? { author } : {}) }),
      { wrapper, initialProps: {} as { author?: { name: string; email: string } } },
    );
    act(() => view.result.current.addText('late-author.txt', 'x\n'));
    expect(view.result.current.author).toBeUndefined();
    view.rerender({ author: { name: 'Late Lovelace', email: 'late@example.com' } });
    await waitFor(() => expect(view.result.current.author?.name).toBe('Late Lovelace'));
    let sent!: CommitResult;
    await act(async () => {
      sent = await view.result.current.commit({ message: 'by a late author' });
    });
    const commit = await client.repo({ id: REPO }).getCommit({ sha: sent.commitSha });
    expect(commit.commit.authorName).toBe('Late Lovelace');
  });

  it('reset() during an upload leaves the draft idle and empty, not failed', async () => {
    const { wrapper } = setup(ourClient(server));
    const view = renderHook(() => useCommitBuilder(REPO, { branch: 'b4', author: AUTHOR }), {
      wrapper,
    });
    const tip = (await client.repo({ id: REPO }).getCommit({ sha: 'b4' })).commit.sha;
    act(() =>
      view.result.current.addFile(
        'big.bin',
        new NodeBlob([randomBytesSeeded(24 << 20, 9)]) as Blob,
      ),
    );
    let sending!: Promise<CommitResult>;
    act(() => {
      sending = view.result.current.commit({ message: 'never' });
    });
    await waitFor(() => expect(view.result.current.phase).toBe('uploading'));
    act(() => view.result.current.reset());
    await expect(sending).rejects.toMatchObject({ name: 'AbortError' });
    expect(view.result.current.status).toBe('idle');
    expect(view.result.current.error).toBeNull();
    expect(view.result.current.staged).toEqual([]);
    expect((await client.repo({ id: REPO }).getCommit({ sha: 'b4' })).commit.sha).toBe(tip);
  });

  it('says it is too late to abort once the body is sent, and the commit lands', async () => {
    const { wrapper } = setup(ourClient(server));
    const view = renderHook(() => useCommitBuilder(REPO, { branch: 'b4', author: AUTHOR }), {
      wrapper,
    });
    expect(view.result.current.abort()).toBe(false); // nothing to stop
    act(() => view.result.current.addText('too-late.txt', 'landed\n'));
    const draft = view.result.current.draft;
    let stopped: boolean | undefined;
    const unsubscribe = draft.subscribe(() => {
      if (draft.getSnapshot().phase === 'committing' && stopped === undefined) {
        stopped = draft.abort();
      }
    });
    let sent!: CommitResult;
    await act(async () => {
      sent = await view.result.current.commit({ message: 'too late to stop' });
    });
    unsubscribe();
    expect(stopped).toBe(false);
    const text = await (
      await client.repo({ id: REPO }).getFileStream({ path: 'too-late.txt', ref: sent.commitSha })
    ).text();
    expect(text).toBe('landed\n');
  });
});

describe('the commit draft', () => {
  it('commits what was staged in the same handler, and what was staged after an await', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useCommitBuilder(REPO, { branch: 'b2', author: AUTHOR }), {
      wrapper,
    });
    let sameTick!: CommitResult;
    await act(async () => {
      result.current.addText('same-tick.txt', 'staged and committed in one handler\n');
      sameTick = await result.current.commit({ message: 'same tick' });
    });
    expect(sameTick.blobCount).toBe(1);
    const repo = client.repo({ id: REPO });
    const text = async (path: string) => (await repo.getFileStream({ path, ref: 'b2' })).text();
    expect(await text('same-tick.txt')).toBe('staged and committed in one handler\n');

    let afterAwait!: CommitResult;
    await act(async () => {
      const builder = result.current;
      await Promise.resolve();
      builder.addText('after-await.txt', 'later\n');
      afterAwait = await builder.commit({ message: 'after an await' });
    });
    expect(afterAwait.blobCount).toBe(1);
    expect(await text('after-await.txt')).toBe('later\n');
    expect(result.current.staged).toEqual([]);
  });

  it('refuses to commit nothing, with a ValidationError and no request', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useCommitBuilder(REPO, { branch: 'b3', author: AUTHOR }), {
      wrapper,
    });
    const before = (await client.repo({ id: REPO }).listCommits({ branch: 'b3', limit: 1 }))
      .commits[0]?.sha;
    let error: unknown;
    await act(async () => {
      error = await result.current.commit({ message: 'empty' }).catch((e: unknown) => e);
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(result.current.status).toBe('error');
    const after = (await client.repo({ id: REPO }).listCommits({ branch: 'b3', limit: 1 }))
      .commits[0]?.sha;
    expect(after).toBe(before);
    // The one-shot builder refuses too, unless asked.
    const builder = () =>
      client
        .repo({ id: REPO })
        .createCommit({ targetBranch: 'b3', commitMessage: 'empty', author: AUTHOR });
    await expect(builder().send()).rejects.toBeInstanceOf(ValidationError);
    const empty = await builder().send({ allowEmpty: true });
    expect(empty.commitSha).not.toBe(before);
  });

  it('stages a folder of files in one update, all or none, and commits them in one upload', async () => {
    const { wrapper } = setup();
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders++;
        return useCommitBuilder(REPO, { branch: 'b5', author: AUTHOR });
      },
      { wrapper },
    );
    const files = Array.from({ length: 2000 }, (_, i) => ({
      path: `bulk/f${i}.txt`,
      source: `${i}\n`,
    }));
    // One bad path: nothing is staged.
    expect(() =>
      act(() => result.current.addFiles([...files.slice(0, 10), { path: 'a/../b', source: 'x' }])),
    ).toThrow(ValidationError);
    expect(result.current.staged).toEqual([]);
    const before = renders;
    act(() => result.current.addFiles(files));
    expect(result.current.staged).toHaveLength(2000);
    expect(renders - before).toBeLessThanOrEqual(2);
    // Staging a path again replaces it where it was.
    act(() => result.current.addFiles([{ path: 'bulk/f1.txt', source: 'one\n' }]));
    expect(result.current.staged).toHaveLength(2000);
    expect(result.current.staged[1]).toMatchObject({ path: 'bulk/f1.txt', source: 'one\n' });
    let committed!: CommitResult;
    await act(async () => {
      committed = await result.current.commit({ message: 'bulk', baseBranch: 'main' });
    });
    expect(committed.blobCount).toBe(2000);
    const text = await (
      await client.repo({ id: REPO }).getFileStream({ path: 'bulk/f1.txt', ref: 'b5' })
    ).text();
    expect(text).toBe('one\n');
  });

  it('records the branch head when staging begins', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useCommitBuilder(REPO, { branch: 'b4', author: AUTHOR }), {
      wrapper,
    });
    const head = (await client.repo({ id: REPO }).listCommits({ branch: 'b4', limit: 1 }))
      .commits[0]?.sha;
    expect(result.current.baseHeadSha).toBeUndefined();
    act(() => result.current.addText('x.txt', 'x'));
    await waitFor(() => expect(result.current.baseHeadSha).toBe(head));
  });
});

describe('one retry policy', () => {
  it("shows a missing file's error after one request", async () => {
    const urls: string[] = [];
    const counting = ourClient(server, {
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    const { wrapper } = setup(counting);
    const { result } = renderHook(() => useFile(REPO, { path: 'no/such/file.txt' }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(urls.filter((u) => u.includes('repos/file?'))).toHaveLength(1);
  });
});

describe('errors a new user hits first', () => {
  it('a server that is not there: a NetworkError that names the URL', async () => {
    const nowhere = ourClient(server, {
      apiBaseUrl: 'http://127.0.0.1:9',
      retry: { retries: 0 },
    });
    const { wrapper } = setup(nowhere);
    const { result } = renderHook(() => useFiles(REPO), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(NetworkError);
    expect(result.current.error?.message).toMatch(/127\.0\.0\.1:9.*apiBaseUrl/);
  });

  it('a token endpoint that refuses: an AuthError that carries its reason', async () => {
    const refused = ourClient(server, {
      getToken: async () => {
        const res = new Response(JSON.stringify({ error: 'not a member of team/app' }), {
          status: 403,
        });
        if (!res.ok) throw new Error((await res.json()).error);
        return res.text();
      },
    });
    const { wrapper } = setup(refused);
    const { result } = renderHook(() => useFiles(REPO), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(AuthError);
    expect(result.current.error?.message).toMatch(/not a member of team\/app/);
    const nothing = ourClient(server, { getToken: async () => '' });
    await expect(nothing.repo({ id: REPO }).listFiles()).rejects.toThrow(
      /getToken returned "" instead of a token/,
    );
  });
});

describe('branch mutations and keys', () => {
  it('useCreateBranch and useDeleteBranch refresh the branch list', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(
      () => ({
        branches: useBranches(REPO),
        create: useCreateBranch(REPO),
        remove: useDeleteBranch(REPO),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.branches.isSuccess).toBe(true));
    await act(() =>
      result.current.create.mutateAsync({ targetBranch: 'made-by-hook', baseRef: 'main' }),
    );
    await waitFor(() =>
      expect(result.current.branches.data?.pages[0]?.branches.map((b) => b.name)).toContain(
        'made-by-hook',
      ),
    );
    await act(() => result.current.remove.mutateAsync({ name: 'made-by-hook' }));
    await waitFor(() =>
      expect(result.current.branches.data?.pages[0]?.branches.map((b) => b.name)).not.toContain(
        'made-by-hook',
      ),
    );
  });

  it('nests keys so that one invalidation covers a branch', () => {
    const ref = storageKeys.ref(REPO, 'main');
    for (const key of [
      storageKeys.files(REPO, { ref: 'main', path: 'src' }),
      storageKeys.file(REPO, { ref: 'main', path: 'a' }),
      storageKeys.commits(REPO, { branch: 'main' }),
      storageKeys.branchDiff(REPO, { branch: 'main', base: 'x' }),
    ]) {
      expect(key.slice(0, ref.length)).toEqual([...ref]);
    }
    expect(storageKeys.files(REPO).slice(0, 4)).toEqual([...storageKeys.ref(REPO, undefined)]);
  });
});

describe('token refresh during a session', () => {
  it('is invisible to hooks', async () => {
    let issued = 0;
    const shortLived = ourClient(server, {
      getToken: async ({ repoId, scopes }) => {
        issued++;
        return {
          token: await server.token(repoId, [...scopes], { ttl: 2 }),
          expiresAt: Date.now() + 1500,
        };
      },
    });
    const { wrapper, queryClient } = setup(shortLived);
    const { result } = renderHook(() => useFiles(REPO, { ref: 'main' }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    // Move the clock past the refresh point instead of sleeping through it.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 1700);
      await act(() => queryClient.invalidateQueries({ queryKey: storageKeys.repo(REPO) }));
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(result.current.isFetching).toBe(false));
    expect(result.current.isError).toBe(false);
    expect(result.current.data?.paths).toContain('README.md');
    expect(issued).toBe(2);
  });
});
