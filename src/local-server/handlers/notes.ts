/**
 * Git notes routes (PROTOCOL.md §7.7): read, add, append, delete, list notes refs.
 *
 * Writes run `git notes` on a private copy of the notes ref (git keeps the notes tree's fan-out
 * right), then move the real ref by compare-and-swap from the tip they started on: a concurrent
 * writer or a stale `expected_ref_sha` can never be overwritten.
 */

import { randomUUID } from 'node:crypto';
import { isFullSha, notesRefName, notesRefProblem } from '../../core/paths.js';
import {
  type WireNoteResponse,
  type WireNotesRefsResponse,
  type WireNoteWriteResponse,
  ZERO_SHA,
} from '../../core/wire-types.js';
import {
  optionalSignature,
  optionalString,
  queryLimit,
  type RepoContext,
  readJsonBody,
  requiredString,
} from '../context.js';
import { runGit, splitZ } from '../git.js';
import type { GitRepo } from '../git-repo.js';
import { SERVER_IDENTITY } from '../git-write.js';
import { fail, HttpError } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';
import { backOff, oneAtATime, refKey } from '../ref-queue.js';

/**
 * Where writes keep their private copy of a notes ref (`git notes` writes only under refs/notes/):
 * one flat ref per write, so no user ref can sit where a scratch folder would have to be. Every
 * ref name starting so is hidden from listings and refused as a target.
 */
const SCRATCH_PREFIX = 'refs/notes/local-server-tmp';

const MAX_ATTEMPTS = 20;

function notesRef(raw: string | undefined): string {
  const ref = notesRefName(raw);
  const problem = notesRefProblem(ref);
  if (problem) fail(400, `ref "${raw}": ${problem}`);
  if (ref.startsWith(SCRATCH_PREFIX)) fail(400, `ref "${raw}" is reserved by the local server`);
  return ref;
}

async function annotatedCommit(git: GitRepo, raw: string): Promise<string> {
  const sha = await git.resolveCommit(raw);
  if (!sha) fail(404, `"${raw}" is not a commit of this repository`);
  return sha;
}

async function tip(git: GitRepo, ref: string): Promise<string | null> {
  return (await git.objectInfo(ref))?.sha ?? null;
}

/** GET repos/notes?sha=&ref= */
export async function getNote(ctx: RepoContext) {
  const raw = ctx.url.searchParams.get('sha')?.trim();
  if (!raw) fail(400, 'query parameter "sha" is required');
  const ref = notesRef(ctx.url.searchParams.get('ref') ?? undefined);
  const sha = await annotatedCommit(ctx.git, raw);
  const refSha = await tip(ctx.git, ref);
  const shown = refSha
    ? await runGit(ctx.git.gitDir, ['notes', `--ref=${ref}`, 'show', sha], { okCodes: [0, 1] })
    : null;
  if (!refSha || !shown || shown.code !== 0) fail(404, `no note for ${sha} in ${ref}`);
  const note = shown.stdout.toString('utf8').replace(/\n$/, '');
  return { sha, note, ref_sha: refSha } satisfies WireNoteResponse;
}

type NoteAction = 'add' | 'append' | 'remove';

/** POST repos/notes — `action` "add" (refused when a note exists) or "append". */
export async function writeNote(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const action = requiredString(body, 'action');
  if (action !== 'add' && action !== 'append') {
    fail(400, `"action" must be "add" or "append", not ${JSON.stringify(action)}`);
  }
  if (typeof body.note !== 'string' || body.note.trim() === '') {
    fail(400, '"note" is required: the text of the note');
  }
  return changeNotes(ctx, body, action, body.note);
}

/** DELETE repos/notes */
export async function deleteNote(ctx: RepoContext) {
  return changeNotes(ctx, await readJsonBody(ctx), 'remove', '');
}

async function changeNotes(
  ctx: RepoContext,
  body: Record<string, unknown>,
  action: NoteAction,
  note: string,
) {
  const ref = notesRef(optionalString(body, 'ref'));
  const expected = optionalString(body, 'expected_ref_sha');
  if (expected && !isFullSha(expected)) {
    fail(400, '"expected_ref_sha" must be the full SHA the notes ref is expected at');
  }
  const author = optionalSignature(body, 'author') ?? SERVER_IDENTITY;
  assertRefWrite(ctx.claims.refRules, ref, action === 'remove' ? 'delete' : 'update');
  const sha = await annotatedCommit(ctx.git, requiredString(body, 'sha'));
  const gitDir = ctx.git.gitDir;
  const env = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  return oneAtATime(refKey(gitDir, ref), async () => {
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      const old = await tip(ctx.git, ref);
      const answer = (success: boolean, status: string, message: string, newSha = old ?? '') =>
        ({
          sha,
          target_ref: ref,
          notes_ref: ref,
          ...(old ? { base_commit: old } : {}),
          new_ref_sha: newSha,
          result: { success, status, message },
        }) satisfies WireNoteWriteResponse;
      if (expected && expected !== (old ?? ZERO_SHA)) {
        throw new HttpError(
          409,
          `${ref} is at ${old ?? 'nothing'}, not the expected ${expected}`,
          answer(false, 'precondition_failed', `${ref} is at ${old ?? 'nothing'}, not ${expected}`),
        );
      }
      const scratch = `${SCRATCH_PREFIX}-${randomUUID()}`;
      let next: string;
      try {
        if (old) await runGit(gitDir, ['update-ref', scratch, old]);
        const args = [
          'notes',
          `--ref=${scratch}`,
          action,
          ...(action === 'remove' ? [] : ['-F', '-']),
        ];
        const run = await runGit(gitDir, [...args, sha], { input: note, env, okCodes: [0, 1] });
        if (run.code !== 0) {
          if (action === 'add')
            fail(409, `${sha} already has a note in ${ref}: append to it instead`);
          fail(404, `${sha} has no note in ${ref}`);
        }
        next = (await tip(ctx.git, scratch)) ?? '';
      } finally {
        await runGit(gitDir, ['update-ref', '-d', scratch], { okCodes: [0, 1] });
      }
      const verb = { add: 'added', append: 'appended', remove: 'deleted' }[action];
      if (await ctx.git.updateRef(ref, next, old ?? ZERO_SHA, `notes: ${action} ${sha}`)) {
        return answer(true, 'ok', `note ${verb}`, next);
      }
      if (expected || attempt >= MAX_ATTEMPTS || !(await backOff(attempt, startedAt))) {
        throw new HttpError(
          409,
          `${ref} moved while writing the note; retry`,
          answer(false, expected ? 'precondition_failed' : 'conflict', `${ref} moved; retry`),
        );
      }
    }
  });
}

/** GET repos/notes/refs — `prefix` (`reviews/` → `refs/notes/reviews/`), paged by ref name. */
export async function listNotesRefs(ctx: RepoContext) {
  const rawPrefix = ctx.url.searchParams.get('prefix')?.trim() ?? '';
  const prefix = rawPrefix ? notesRefName(rawPrefix) : 'refs/notes/';
  if (!prefix.startsWith('refs/notes/'))
    fail(400, `prefix "${rawPrefix}" is not under refs/notes/`);
  const limit = queryLimit(ctx.url, 20, 1000);
  const cursor = ctx.url.searchParams.get('cursor') ?? '';
  const { stdout } = await runGit(ctx.git.gitDir, [
    'for-each-ref',
    '--sort=refname',
    '--format=%(refname)%00%(objectname)%00',
    'refs/notes/',
  ]);
  const fields = splitZ(stdout.toString('utf8').replace(/\n/g, ''));
  const all: { cursor: string; ref: string; sha: string }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const ref = fields[i] as string;
    if (ref > cursor && !ref.startsWith(SCRATCH_PREFIX) && ref.startsWith(prefix)) {
      all.push({ cursor: ref, ref, sha: fields[i + 1] as string });
    }
  }
  const refs = all.slice(0, limit);
  const hasMore = all.length > limit;
  return {
    refs,
    next_cursor: hasMore ? (refs.at(-1)?.ref ?? null) : null,
    has_more: hasMore,
    prefix,
  } satisfies WireNotesRefsResponse;
}
