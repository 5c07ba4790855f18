/**
 * Grep (PROTOCOL.md §7.9): `git grep` over a commit's tree. The pattern goes after `-e` and the
 * paths after `--` with literal pathspecs, so nothing a user sends is read as an option or as
 * pathspec magic. git's output is read as it comes and git is stopped once the page is full, so
 * a pattern that matches everything costs one page, not the whole repository.
 */
import { createInterface } from 'node:readline';
import { pathProblem } from '../../core/paths.js';
import type { WireGrepResponse } from '../../core/wire-types.js';
import {
  inNamespace,
  optionalBoolean,
  optionalObject,
  optionalString,
  type RepoContext,
  readJsonBody,
  requiredString,
  stringList,
} from '../context.js';
import { gitStopped, spawnGit } from '../git.js';
import { globTest } from '../glob.js';
import { fail } from '../http-error.js';

const MAX_PATTERN = 1000;
const MAX_CONTEXT = 20;
/** Lines (matches and context) returned in one answer at most. */
export const GREP_MAX_LINES = 10_000;

function count(body: Record<string, unknown>, key: string, max: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(400, `"${key}" must be a whole number`);
  }
  return Math.min(value, max);
}

interface GrepLine {
  line_number: number;
  text: string;
  type: 'match' | 'context';
}

/** POST repos/grep */
export async function grep(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const git = inNamespace(ctx, optionalBoolean(body, 'ephemeral'));
  const query = optionalObject(body, 'query');
  const pattern = requiredString(query, 'pattern');
  if (pattern.length > MAX_PATTERN || pattern.includes('\0')) {
    fail(400, `query.pattern must be at most ${MAX_PATTERN} characters`);
  }
  const caseSensitive = optionalBoolean(query, 'case_sensitive') ?? true;
  const paths = stringList(body, 'paths').map((p) => p.replace(/\/+$/, ''));
  for (const path of paths) {
    const problem = pathProblem(path);
    if (problem) fail(400, `paths: ${JSON.stringify(path)}: ${problem}`);
  }
  const filters = optionalObject(body, 'file_filters');
  const include = stringList(filters, 'include_globs').map(globTest);
  const exclude = stringList(filters, 'exclude_globs').map(globTest);
  const extensions = stringList(filters, 'extension_filters').map(
    (e) => `.${e.replace(/^\*?\./, '')}`,
  );
  const context = optionalObject(body, 'context');
  const before = count(context, 'before', MAX_CONTEXT) ?? 0;
  const after = count(context, 'after', MAX_CONTEXT) ?? 0;
  const limits = optionalObject(body, 'limits');
  const maxLines = count(limits, 'max_lines', GREP_MAX_LINES) ?? 1000;
  const perFile = count(limits, 'max_matches_per_file', GREP_MAX_LINES);
  const pagination = optionalObject(body, 'pagination');
  const cursor = optionalString(pagination, 'cursor') ?? '';
  const pageFiles = Math.max(1, count(pagination, 'limit', 1000) ?? 100);

  const ref = optionalString(body, 'ref') ?? optionalString(body, 'rev') ?? ctx.meta.defaultBranch;
  const sha = await git.resolveCommit(ref);
  if (!sha) fail(404, `ref "${ref}" not found`);

  const wanted = (path: string) =>
    path > cursor &&
    (include.length === 0 || include.some((t) => t(path))) &&
    !exclude.some((t) => t(path)) &&
    (extensions.length === 0 || extensions.some((e) => path.endsWith(e)));

  // --heading/--break: the path on a line of its own, then `N:text` (a match) or `N-text`
  // (context) lines, an empty line between files — so a path never has to be split from a line.
  const args = ['grep', '-n', '--heading', '--break', '-I', '-E', '--no-color'];
  if (!caseSensitive) args.push('-i');
  if (before) args.push(`-B${before}`);
  if (after) args.push(`-A${after}`);
  if (perFile) args.push(`--max-count=${perFile}`);
  args.push('-e', pattern, sha, '--', ...paths);

  const child = spawnGit(ctx.git.gitDir, args);
  child.stdin.end();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d.slice(0, 2000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const prefix = `${sha}:`;
  const matches: { path: string; lines: GrepLine[] }[] = [];
  let lines = 0;
  let hasMore = false;
  let stopped = false;
  let path: string | null = null;
  let skip = false;
  for await (const row of createInterface({
    input: child.stdout,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (row === '') {
      path = null; // a break: the next line names a file
      continue;
    }
    if (path === null) {
      path = row.startsWith(prefix) ? row.slice(prefix.length) : row;
      skip = !wanted(path);
      if (skip) continue;
      if (matches.length === pageFiles || lines >= maxLines) {
        hasMore = true;
        stopped = true;
        break;
      }
      matches.push({ path, lines: [] });
      continue;
    }
    if (skip || row === '--' || lines >= maxLines) continue;
    const sep = /^(\d+)([:-])/.exec(row);
    if (!sep) continue;
    (matches.at(-1) as { lines: GrepLine[] }).lines.push({
      line_number: Number(sep[1]),
      text: row.slice(sep[0].length),
      type: sep[2] === ':' ? 'match' : 'context',
    });
    lines++;
  }
  if (stopped) child.kill();
  const code = await exited;
  const stop = gitStopped(child);
  if (stop) throw stop;
  if (!stopped && code !== 0 && code !== 1) {
    fail(
      400,
      `query.pattern: ${stderr.replace(/^fatal: /, '').split('\n')[0] || 'git grep failed'}`,
    );
  }
  return {
    query: { pattern, case_sensitive: caseSensitive },
    repo: { ref, commit: sha },
    matches,
    next_cursor: hasMore ? (matches.at(-1)?.path ?? null) : null,
    has_more: hasMore,
  } satisfies WireGrepResponse;
}
