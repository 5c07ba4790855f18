/**
 * The one place that runs the `git` CLI. Every call names its repository with `--git-dir`, passes
 * arguments as an array (never through a shell) and ends option parsing before user input.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

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
  /** Written to stdin, then stdin is closed. */
  input?: string | Buffer;
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

const BASE_ENV: Record<string, string> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_NO_REPLACE_OBJECTS: '1',
  LC_ALL: 'C',
};

function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...BASE_ENV, ...extra };
}

/** Starts `git --git-dir=DIR ARGS…` with piped stdio, for callers that stream. */
export function spawnGit(
  gitDir: string,
  args: readonly string[],
  env?: Record<string, string>,
): ChildProcessByStdio<Writable, Readable, Readable> {
  return spawn('git', [`--git-dir=${gitDir}`, ...args], {
    env: gitEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
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
      const stderr = Buffer.concat(err).toString('utf8');
      const ok = options.okCodes ?? [0];
      if (code !== null && ok.includes(code)) {
        resolve({ stdout: Buffer.concat(out), stderr, code });
      } else {
        reject(new GitError(args, code, stderr));
      }
    });
    child.stdin.end(options.input ?? '');
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
