/** A hook's result type is part of its API: these fail `npm test` if one drifts. */
import { type InfiniteData, useSuspenseQuery } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CommitInfo,
  CommitProgress,
  CommitResult,
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
    expectTypeOf(useCommit('r', 'sha').data).toEqualTypeOf<CommitInfo | undefined>();
    expectTypeOf(useDiff('r', { sha: 'x' }).data).toEqualTypeOf<DiffResult | undefined>();
  });

  it('useCommitBuilder', () => {
    const builder = useCommitBuilder('r', { branch: 'main' });
    expectTypeOf(builder.commit).returns.toEqualTypeOf<Promise<CommitResult>>();
    expectTypeOf(builder.error).toEqualTypeOf<CommitError | null>();
    expectTypeOf(builder.phase).toEqualTypeOf<'uploading' | 'committing' | undefined>();
    expectTypeOf(builder.progress).toEqualTypeOf<CommitProgress | undefined>();
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
