/** A hook's result type is part of its API: these fail `npm test` if one drifts. */
import {
  type InfiniteData,
  skipToken,
  useSuspenseInfiniteQuery,
  useSuspenseQuery,
} from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CommitInfo,
  CommitProgress,
  CommitResult,
  GetBranchDiffResult,
  GetCommitDiffResult,
  GitStorage,
  ListBranchesResult,
  ListCommitsResult,
  ListFilesResult,
  Repo,
} from '../../src/core/index.js';
import {
  type CommitError,
  type DiffResult,
  type FileContent,
  storageQueries,
  useBranches,
  useCommit,
  useCommitBuilder,
  useCommits,
  useDiff,
  useFile,
  useFiles,
  useRepo,
} from '../../src/react/index.js';

describe('hook result types', () => {
  it('reads', () => {
    expectTypeOf(useFiles('r').data).toEqualTypeOf<ListFilesResult | undefined>();
    expectTypeOf(useFile('r', { path: 'a' }).data).toEqualTypeOf<FileContent | undefined>();
    expectTypeOf(useRepo('r').data).toEqualTypeOf<
      { id: string; defaultBranch: string; createdAt: string } | null | undefined
    >();
    expectTypeOf(useCommits('r').data).toEqualTypeOf<
      InfiniteData<ListCommitsResult, string> | undefined
    >();
    expectTypeOf(useBranches('r').data).toEqualTypeOf<
      InfiniteData<ListBranchesResult, string> | undefined
    >();
    expectTypeOf(useCommit('r', { sha: 'x' }).data).toEqualTypeOf<CommitInfo | undefined>();
    expectTypeOf(useDiff('r', { sha: 'x' }).data).toEqualTypeOf<GetCommitDiffResult | undefined>();
    expectTypeOf(useDiff('r', { branch: 'b' }).data).toEqualTypeOf<
      GetBranchDiffResult | undefined
    >();
    expectTypeOf(useDiff('r', skipToken).data).toEqualTypeOf<DiffResult | undefined>();
  });

  it('take react-query options; select changes the data type', () => {
    expectTypeOf(
      useFiles('r', { path: 'src' }, { select: (d) => d.paths.length }).data,
    ).toEqualTypeOf<number | undefined>();
    expectTypeOf(
      useFile('r', { path: 'a' }, { select: (f) => f.text, staleTime: 1000, enabled: false }).data,
    ).toEqualTypeOf<string | undefined>();
    expectTypeOf(useFile('r', skipToken).data).toEqualTypeOf<FileContent | undefined>();
    expectTypeOf(useCommit('r', { sha: 'x' }, { select: (c) => c.message }).data).toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf(useDiff('r', { sha: 'x' }, { select: (d) => d.stats.files }).data).toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf(useRepo('r', { select: (r) => r?.defaultBranch ?? 'main' }).data).toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf(
      useBranches('r', {}, { select: (d) => d.pages.flatMap((p) => p.branches.map((b) => b.name)) })
        .data,
    ).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(useFiles('r', {}, { placeholderData: (previous) => previous }).data).toEqualTypeOf<
      ListFilesResult | undefined
    >();
  });

  it('storageQueries.branches yields the same data as useBranches', () => {
    const client = {} as GitStorage;
    expectTypeOf(useSuspenseInfiniteQuery(storageQueries.branches(client, 'r')).data).toEqualTypeOf<
      InfiniteData<ListBranchesResult, string>
    >();
  });

  it('useCommitBuilder', () => {
    const builder = useCommitBuilder('r', { branch: 'main' });
    expectTypeOf(builder.commit).returns.toEqualTypeOf<Promise<CommitResult>>();
    expectTypeOf(builder.error).toEqualTypeOf<CommitError | null>();
    expectTypeOf(builder.phase).toEqualTypeOf<'uploading' | 'committing' | undefined>();
    expectTypeOf(builder.progress).toEqualTypeOf<CommitProgress | undefined>();
    expectTypeOf(builder.abort).toEqualTypeOf<() => boolean>();
    // Every member of the error union is a real class: the union does not collapse to Error.
    expectTypeOf<Error>().not.toMatchTypeOf<CommitError>();
    type Source = Parameters<typeof builder.addFile>[1];
    expectTypeOf<Blob>().toMatchTypeOf<Source>();
    expectTypeOf<string>().toMatchTypeOf<Source>();
    expectTypeOf<ReadableStream<Uint8Array>>().toMatchTypeOf<Source>();
  });

  it('query options work with suspense', () => {
    const client = {} as GitStorage;
    expectTypeOf(
      useSuspenseQuery(storageQueries.files(client, 'r')).data,
    ).toEqualTypeOf<ListFilesResult>();
  });
});

describe('core result types', () => {
  it('Repo methods', () => {
    const repo = {} as Repo;
    expectTypeOf(repo.listFiles).returns.toEqualTypeOf<Promise<ListFilesResult>>();
    expectTypeOf(
      repo.createCommit({
        targetBranch: 'm',
        commitMessage: 'x',
        author: { name: 'a', email: 'e' },
      }).send,
    ).returns.toEqualTypeOf<Promise<CommitResult>>();
    expectTypeOf(repo.iterateCommits).returns.toEqualTypeOf<AsyncGenerator<CommitInfo>>();
  });
});
