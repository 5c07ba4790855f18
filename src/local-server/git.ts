/**
 * The one place that runs the `git` CLI. Every call names its repository with `--git-dir`, passes
 * arguments as an array (never through a shell) and ends option parsing before user input.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { HttpError } from './http-error.js';

/** A git command exited with a status the caller did not expect. */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (${code}): ${stderr.trim().slice(0, 500)}`);
  }
}

export interface GitOptions {
  /** Written to stdin (an iterable piece by piece, minding back-pressure), then stdin is closed. */
  input?: string | Buffer | Iterable<string>;
  /** Extra environment (GIT_INDEX_FILE, author/committer identity, …). */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (default: only 0). */
  okCodes?: readonly number[];
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/**
 * Git runs isolated from the machine it is on: no system or global config (a developer's
 * `~/.gitconfig` with `diff.noprefix`, `color.ui=always`, `core.hooksPath` or `diff.external`
 * must not change what is parsed or run), every path argument is literal (a request's path is a
 * path, never a pathspec pattern), and paths git would refuse on any platform (NTFS and HFS
 * tricks around ".git") are refused here too. `GIT_CONFIG_COUNT` needs git 2.31, and
 * `GIT_CONFIG_GLOBAL` 2.32.
 */
const ISOLATED_CONFIG: readonly (readonly [string, string])[] = [
  ['core.protectNTFS', 'true'],
  ['core.protectHFS', 'true'],
  // Pushes obey the same object rules as REST writes (no `.git/config` in a pushed tree).
  ['receive.fsckObjects', 'true'],
  ['core.quotePath', 'false'],
  ['color.ui', 'false'],
];

const BASE_ENV: Record<string, string> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_LITERAL_PATHSPECS: '1',
  GIT_NO_REPLACE_OBJECTS: '1',
  GIT_ATTR_NOSYSTEM: '1',
  LC_ALL: 'C',
  GIT_CONFIG_COUNT: String(ISOLATED_CONFIG.length),
  ...Object.fromEntries(
    ISOLATED_CONFIG.flatMap(([key, value], i) => [
      [`GIT_CONFIG_KEY_${i}`, key],
      [`GIT_CONFIG_VALUE_${i}`, value],
    ]),
  ),
};

/** The environment git runs with: the host's, minus every `GIT_*` variable it set, plus ours. */
function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('GIT_')) env[name] = value;
  }
  return { ...env, ...BASE_ENV, ...extra };
}

/**
 * How long the git children of the current request may live. The server runs every request
 * inside {@link withGitLifetime}; {@link spawnGit} reads it from there, so no handler can start
 * a git process that outlives its client or runs without bound, however deep the call.
 */
export interface GitLifetime {
  /** Aborted when the client goes away: every git child of the request is killed. */
  signal: AbortSignal;
  /** Longest life of one git child of this request (ms); none when absent. */
  timeoutMs?: number;
  /** Environment for every git child of this scope (below a call's own `env`). */
  env?: Record<string, string>;
}

const lifetime = new AsyncLocalStorage<GitLifetime>();

/**
 * Runs `work` with its git children bound to `bound` (see {@link GitLifetime}); a nested scope
 * keeps what it does not set from the one around it.
 */
export function withGitLifetime<T>(bound: Partial<GitLifetime>, work: () => T): T {
  const outer = lifetime.getStore();
  const signal = bound.signal ?? outer?.signal ?? new AbortController().signal;
  const timeoutMs = bound.timeoutMs ?? outer?.timeoutMs;
  const env = outer?.env || bound.env ? { ...outer?.env, ...bound.env } : undefined;
  return lifetime.run(
    { signal, ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(env ? { env } : {}) },
    work,
  );
}

/**
 * Runs `work` with the objects its git children write kept in `scratchDir` instead of the
 * repository (which they still read through alternates). For reads that need git to write
 * (a merge preview's merged tree, a filtered archive's tree): a read-only token must not leave
 * objects behind that nothing collects. The caller removes `scratchDir` afterwards.
 */
export async function withScratchObjects<T>(
  gitDir: string,
  scratchDir: string,
  work: () => Promise<T>,
): Promise<T> {
  const objects = join(scratchDir, 'objects');
  await mkdir(join(objects, 'pack'), { recursive: true });
  return withGitLifetime(
    {
      env: {
        GIT_OBJECT_DIRECTORY: objects,
        GIT_ALTERNATE_OBJECT_DIRECTORIES: resolve(gitDir, 'objects'),
      },
    },
    work,
  );
}

type GitChild = ChildProcessByStdio<Writable, Readable, Readable>;
const stopReasons = new WeakMap<GitChild, HttpError>();

/**
 * Why git was stopped before it exited on its own (its client left, or it ran past the request's
 * time bound), as the error to answer with; undefined when it ran to its end.
 */
export function gitStopped(child: GitChild): HttpError | undefined {
  return stopReasons.get(child);
}

/** Starts `git --git-dir=DIR ARGS…` with piped stdio, for callers that stream. */
export function spawnGit(
  gitDir: string,
  args: readonly string[],
  env?: Record<string, string>,
): GitChild {
  const bound = lifetime.getStore();
  const child = spawn('git', [`--git-dir=${gitDir}`, ...args], {
    env: gitEnv({ ...bound?.env, ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (!bound) return child;
  const stop = (reason: HttpError) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopReasons.set(child, reason);
    child.kill('SIGKILL');
  };
  const onAbort = () => stop(new HttpError(499, 'the client went away; git was stopped'));
  if (bound.signal.aborted) onAbort();
  else bound.signal.addEventListener('abort', onAbort, { once: true });
  const timer =
    bound.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          const seconds = Math.round((bound.timeoutMs ?? 0) / 1000);
          stop(
            new HttpError(
              503,
              `git ${args.find((a) => !a.startsWith('-')) ?? ''} ran past this request's ${seconds} s bound and was stopped: ask for less (a narrower path, a simpler pattern)`,
            ),
          );
        }, bound.timeoutMs);
  child.once('close', () => {
    clearTimeout(timer);
    bound.signal.removeEventListener('abort', onAbort);
  });
  return child;
}

/** Runs git to completion and collects its output. Throws {@link GitError} on unexpected exits. */
export function runGit(
  gitDir: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(gitDir, args, options.env);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.stdin.on('error', () => {
      // git may exit before reading all input (e.g. on a bad object); its exit code says why.
    });
    child.on('close', (code) => {
      const stopped = gitStopped(child);
      if (stopped) {
        reject(stopped);
        return;
      }
      const stderr = Buffer.concat(err).toString('utf8');
      const ok = options.okCodes ?? [0];
      if (code !== null && ok.includes(code)) {
        resolve({ stdout: Buffer.concat(out), stderr, code });
      } else {
        reject(new GitError(args, code, stderr));
      }
    });
    const input = options.input ?? '';
    if (typeof input === 'string' || Buffer.isBuffer(input)) {
      child.stdin.end(input);
    } else {
      void (async () => {
        for (const piece of input) {
          if (!child.stdin.write(piece)) await once(child.stdin, 'drain');
          if (child.stdin.destroyed) return;
        }
        child.stdin.end();
      })().catch(() => {}); // A failed write shows in git's exit code.
    }
  });
}

/** Runs git and returns stdout as UTF-8 text without the trailing newline. */
export async function gitText(
  gitDir: string,
  args: readonly string[],
  options?: GitOptions,
): Promise<string> {
  const { stdout } = await runGit(gitDir, args, options);
  return stdout.toString('utf8').replace(/\n$/, '');
}

/** Splits NUL-terminated git output (`-z`) into records, dropping the empty tail. */
export function splitZ(text: string): string[] {
  const parts = text.split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** The oldest git the server runs on: `GIT_CONFIG_GLOBAL` (isolation from the host) needs 2.32. */
export const MIN_GIT_VERSION: readonly [number, number] = [2, 32];

let versionSeen: readonly [number, number] | undefined;

/** Whether the git found by {@link assertGitVersion} is at least `major.minor`. */
export function gitAtLeast(major: number, minor: number): boolean {
  const [m = 0, n = 0] = versionSeen ?? [];
  return m > major || (m === major && n >= minor);
}

/** Checks that git is installed and new enough; throws an Error that says what to install. */
export async function assertGitVersion(): Promise<string> {
  let text: string;
  try {
    text = await gitText('.', ['--version']);
  } catch (error) {
    throw new Error(
      `git is needed by the local server and could not be run (${(error as Error).message}): install git ${MIN_GIT_VERSION.join('.')} or newer`,
    );
  }
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(text) ?? []).slice(1).map(Number);
  versionSeen = [major, minor];
  const [needMajor, needMinor] = MIN_GIT_VERSION;
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new Error(
      `${text} is too old for the local server: it needs git ${needMajor}.${needMinor} or newer`,
    );
  }
  return text;
}
