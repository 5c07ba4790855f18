/**
 * Git smart HTTP (`BASE/REPO_ID.git/…`) so that `git clone` and `git push` work against the URL
 * `repo.getRemoteURL()` gives, with HTTP Basic auth: user `t`, password = the JWT.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { basicPassword, requireScopes, type TokenVerifier } from '../auth.js';
import { spawnGit } from '../git.js';
import { fail } from '../http-error.js';
import { rulesForHook } from '../ref-policy.js';
import type { RepoStore } from '../repo-store.js';

type Service = 'git-upload-pack' | 'git-receive-pack';

const GIT_PATH = /^\/(.+)\.git\/(info\/refs|git-upload-pack|git-receive-pack)$/;

/** Matches a smart HTTP path; returns the repository id and what is asked, or null. */
export function matchGitPath(pathname: string): { repoId: string; action: string } | null {
  const match = GIT_PATH.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  try {
    return { repoId: decodeURIComponent(match[1]), action: match[2] };
  } catch {
    return null; // malformed %-escapes: not a repository path
  }
}

function pktLine(text: string): string {
  return (text.length + 4).toString(16).padStart(4, '0') + text;
}

export async function serveGit(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  target: { repoId: string; action: string },
  verifier: TokenVerifier,
  store: RepoStore,
  /** Told of the refs a push moved (from the post-receive hook). */
  onPush: (changes: { ref: string; before: string; after: string }[]) => void,
): Promise<void> {
  const service: string | null =
    target.action === 'info/refs' ? url.searchParams.get('service') : target.action;
  if (service !== 'git-upload-pack' && service !== 'git-receive-pack') {
    fail(403, 'only smart HTTP is served: use git 1.6.6 or newer');
  }
  if (target.repoId.endsWith('+import')) {
    fail(501, 'the +import remote is not served by the local server');
  }
  // `REPO+ephemeral.git` is the same repository with its ephemeral branches as refs/heads/*:
  // git's own namespaces (GIT_NAMESPACE) do exactly that for upload-pack and receive-pack.
  const ephemeral = target.repoId.endsWith('+ephemeral');
  const repoId = ephemeral ? target.repoId.slice(0, -'+ephemeral'.length) : target.repoId;
  const password = basicPassword(req.headers.authorization);
  if (!password) {
    fail(401, 'authentication required: user "t", password = a JWT for this repository', {
      'WWW-Authenticate': 'Basic realm="git-storage-kit"',
    });
  }
  const claims = await verifier.verify(password);
  if (claims.repo !== repoId) fail(403, 'the token is for another repository');
  requireScopes(claims, [service === 'git-upload-pack' ? 'git:read' : 'git:write']);
  if (!(await store.get(repoId))) fail(404, `repository "${repoId}" not found`);
  const gitDir = store.gitDir(repoId);
  const namespace: Record<string, string> = ephemeral ? { GIT_NAMESPACE: 'ephemeral' } : {};
  const command = (service as Service).slice('git-'.length);
  if (target.action === 'info/refs') {
    if (req.method !== 'GET') fail(405, 'info/refs takes GET');
    const child = spawnGit(
      gitDir,
      [command, '--stateless-rpc', '--advertise-refs', gitDir],
      namespace,
    );
    child.stdin.end();
    child.stderr.resume();
    res.writeHead(200, {
      'Content-Type': `application/x-${service}-advertisement`,
      'Cache-Control': 'no-cache',
    });
    res.write(`${pktLine(`# service=${service}\n`)}0000`);
    await pipeline(child.stdout, res);
    return;
  }
  if (req.method !== 'POST') fail(405, `${service} takes POST`);
  // Pushes run the server's own hooks only: pre-receive (ref names, the token's ref policies)
  // and post-receive, which writes the refs it moved to GSK_PUSH_LOG for the webhooks.
  const push = service === 'git-receive-pack';
  const pushLog = push ? join(store.tmpDir, `push-${randomUUID()}.log`) : '';
  const child = spawnGit(
    gitDir,
    [
      ...(push ? ['-c', `core.hooksPath=${store.hooksDir}`] : []),
      command,
      '--stateless-rpc',
      gitDir,
    ],
    push
      ? { ...namespace, GSK_REF_RULES: rulesForHook(claims.refRules ?? []), GSK_PUSH_LOG: pushLog }
      : namespace,
  );
  const exited = once(child, 'close');
  child.stderr.resume();
  res.writeHead(200, {
    'Content-Type': `application/x-${service}-result`,
    'Cache-Control': 'no-cache',
  });
  const body = req.headers['content-encoding'] === 'gzip' ? req.pipe(createGunzip()) : req;
  try {
    await Promise.all([pipeline(body, child.stdin), pipeline(child.stdout, res)]);
  } finally {
    if (push) {
      await exited;
      const moved = await readFile(pushLog, 'utf8').catch(() => '');
      await rm(pushLog, { force: true });
      const changes = moved
        .split('\n')
        .map((line) => line.split(' '))
        .filter((parts): parts is [string, string, string] => parts.length === 3)
        .map(([before, after, ref]) => ({ ref, before, after }));
      // Ephemeral branches are not announced (README: webhooks tell of pushes to real refs).
      if (changes.length > 0 && !ephemeral) onPush(changes);
    }
  }
}
