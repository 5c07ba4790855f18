/**
 * Repositories on disk: one bare git repository per repo id under `<dataDir>/repos/`, named by the
 * URI-encoded id (ids may contain "/"), with a small JSON file of metadata inside it so that the
 * repository and what we know about it are created, kept and deleted together.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from './git.js';
import { POST_RECEIVE_HOOK, PRE_RECEIVE_HOOK } from './ref-policy.js';

export interface RepoMeta {
  id: string;
  defaultBranch: string;
  createdAt: string;
  /**
   * Which repository this is, beyond its name: made at creation, never reused. A name can be
   * deleted and taken again; what points at a repository (a fork's upstream) keeps this.
   * Absent in metadata written before it existed (then `createdAt` stands in).
   */
  uid?: string;
  /** The repository this one was forked from (`pull-upstream` brings its new commits in). */
  base?: RepoBase;
}

export interface RepoBase {
  provider: 'code';
  owner: string;
  name: string;
  operation: 'fork';
  /** The source's {@link repoIdentity} when forked: a re-created source is another repository. */
  sourceIdentity?: string;
  /** Forked at this branch or commit only (else every branch and tag). */
  ref?: string;
  sha?: string;
}

const META_FILE = 'git-storage-kit.json';

/** What tells one repository from a later one of the same name. */
export function repoIdentity(meta: RepoMeta): string {
  return meta.uid ?? meta.createdAt;
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}

export class RepoStore {
  readonly reposDir: string;
  readonly tmpDir: string;
  /** Git hooks the server runs pushes with (the ref-policy pre-receive hook). */
  readonly hooksDir: string;

  constructor(readonly dataDir: string) {
    this.reposDir = join(dataDir, 'repos');
    this.tmpDir = join(dataDir, 'tmp');
    this.hooksDir = join(dataDir, 'hooks');
  }

  async init(): Promise<void> {
    await mkdir(this.reposDir, { recursive: true });
    await mkdir(this.hooksDir, { recursive: true });
    await writeFile(join(this.hooksDir, 'pre-receive'), PRE_RECEIVE_HOOK, { mode: 0o755 });
    await chmod(join(this.hooksDir, 'pre-receive'), 0o755);
    await writeFile(join(this.hooksDir, 'post-receive'), POST_RECEIVE_HOOK, { mode: 0o755 });
    await chmod(join(this.hooksDir, 'post-receive'), 0o755);
    // Anything left in tmp/ belongs to requests of a previous run that never finished.
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  /** The bare repository directory for `id` (whether or not it exists). */
  gitDir(id: string): string {
    return join(this.reposDir, `${encodeURIComponent(id)}.git`);
  }

  /** A fresh private directory for one request's temporary files. */
  async makeTempDir(): Promise<string> {
    const dir = join(this.tmpDir, randomUUID());
    await mkdir(dir);
    return dir;
  }

  async get(id: string): Promise<RepoMeta | null> {
    try {
      const text = await readFile(join(this.gitDir(id), META_FILE), 'utf8');
      return JSON.parse(text) as RepoMeta;
    } catch (error) {
      if (isErrno(error, 'ENOENT', 'ENOTDIR', 'ENAMETOOLONG')) return null; // no such repository can exist
      throw error;
    }
  }

  /**
   * Creates a bare repository; returns null when `id` already exists. `fill` (a fork's fetch)
   * runs on the new repository before it appears under its id: a failed fill leaves nothing.
   */
  async create(
    id: string,
    defaultBranch: string,
    options: { base?: RepoBase; fill?: (gitDir: string) => Promise<void> } = {},
  ): Promise<RepoMeta | null> {
    if (await this.get(id)) return null;
    const staging = join(this.tmpDir, `init-${randomUUID()}.git`);
    const meta: RepoMeta = {
      id,
      defaultBranch,
      createdAt: new Date().toISOString(),
      uid: randomUUID(),
    };
    if (options.base) meta.base = options.base;
    await runGit(staging, ['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`], {
      env: { GIT_DIR: staging },
    });
    try {
      await options.fill?.(staging);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    await writeFile(join(staging, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
    try {
      // rename() onto an existing non-empty directory fails, so two creates of one id race safely.
      await rename(staging, this.gitDir(id));
      return meta;
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (isErrno(error, 'EEXIST', 'ENOTEMPTY')) return null;
      throw error;
    }
  }

  /** Rewrites a repository's metadata (e.g. detaching its base). */
  async update(meta: RepoMeta): Promise<void> {
    const file = join(this.gitDir(meta.id), META_FILE);
    const temp = `${file}.${randomUUID()}`;
    await writeFile(temp, `${JSON.stringify(meta, null, 2)}\n`);
    await rename(temp, file);
  }

  /** Deletes a repository; returns false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    const trash = join(this.tmpDir, `deleted-${randomUUID()}`);
    try {
      await rename(this.gitDir(id), trash);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
    await rm(trash, { recursive: true, force: true });
    return true;
  }

  /** Every repository, sorted by id. */
  async list(): Promise<RepoMeta[]> {
    const names = await readdir(this.reposDir);
    const metas = await Promise.all(
      names
        .filter((n) => n.endsWith('.git'))
        .map((n) => this.get(decodeURIComponent(n.slice(0, -'.git'.length)))),
    );
    return metas
      .filter((m): m is RepoMeta => m !== null)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
