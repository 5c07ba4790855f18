/** Blame (PROTOCOL.md §7.6.3): `git blame --line-porcelain` read into one record per line. */
import { pathProblem } from '../../core/paths.js';
import type { WireBlameLine, WireBlameResponse } from '../../core/wire-types.js';
import { inNamespace, queryBool, type RepoContext } from '../context.js';
import { runGit } from '../git.js';
import { fail } from '../http-error.js';

/** At most this many `range` parameters (`git blame -L` specs), as Code Storage allows. */
export const BLAME_MAX_RANGES = 16;

/** An epoch-seconds time and its `+hhmm` zone as an ISO 8601 string in that zone. */
function isoTime(seconds: string, zone: string): string {
  const sign = zone.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  const local = new Date((Number(seconds) + minutes * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${zone.slice(0, 3)}:${zone.slice(3, 5)}`;
}

/** Reads `--line-porcelain` output: a header line, `key value` lines, then the tab-led line. */
export function parseLinePorcelain(out: string): WireBlameLine[] {
  const lines: WireBlameLine[] = [];
  let fields: Record<string, string> = {};
  let head: string[] | null = null;
  for (const row of out.split('\n')) {
    if (head === null) {
      if (row === '') continue;
      head = row.split(' ');
      fields = {};
    } else if (row.startsWith('\t')) {
      const [sha = '', original = '0', final = '0'] = head;
      const previous = fields.previous?.split(' ')[0];
      lines.push({
        line_number: Number(final),
        commit_sha: sha,
        original_line_number: Number(original),
        original_path: fields.filename ?? '',
        ...(previous ? { previous_commit_sha: previous } : {}),
        author_name: fields.author ?? '',
        author_email: (fields['author-mail'] ?? '').replace(/^<|>$/g, ''),
        author_time: isoTime(fields['author-time'] ?? '0', fields['author-tz'] ?? '+0000'),
        committer_name: fields.committer ?? '',
        committer_email: (fields['committer-mail'] ?? '').replace(/^<|>$/g, ''),
        committer_time: isoTime(fields['committer-time'] ?? '0', fields['committer-tz'] ?? '+0000'),
        summary: fields.summary ?? '',
      });
      head = null;
    } else {
      const space = row.indexOf(' ');
      if (space < 0) fields[row] = '';
      else fields[row.slice(0, space)] = row.slice(space + 1);
    }
  }
  return lines;
}

/** GET repos/blame?path=…&ref=…&range=…&detect_moves=true */
export async function blame(ctx: RepoContext) {
  const params = ctx.url.searchParams;
  const git = inNamespace(ctx, queryBool(ctx.url, 'ephemeral'));
  const path = params.get('path')?.trim() ?? '';
  const problem = pathProblem(path);
  if (problem) fail(400, `path: ${problem}`);
  const ranges = params.getAll('range').map((r) => r.trim());
  if (ranges.length > BLAME_MAX_RANGES) fail(400, `at most ${BLAME_MAX_RANGES} ranges`);
  for (const range of ranges) {
    if (!range || /[\0\n]/.test(range)) fail(400, 'range: give a git blame -L spec such as 10,20');
  }
  const ref = params.get('ref')?.trim() || ctx.meta.defaultBranch;
  const sha = await git.resolveCommit(ref);
  if (!sha) fail(404, `ref "${ref}" not found`);
  const file = await ctx.git.objectInfo(`${sha}:${path}`);
  if (file?.type !== 'blob') fail(404, `"${path}" is not a file at ${ref}`);
  // Each range is one argument glued to -L, so a spec is never read as another option.
  const args = ['blame', '--line-porcelain', ...ranges.map((r) => `-L${r}`)];
  if (queryBool(ctx.url, 'detect_moves')) args.push('-M', '-C');
  const result = await runGit(ctx.git.gitDir, [...args, sha, '--', path], {
    okCodes: [0, 128, 129], // 128: a range git cannot apply; 129: one it cannot read
  });
  if (result.code !== 0) {
    fail(400, `blame: ${result.stderr.replace(/^fatal: /, '').split('\n')[0]}`);
  }
  return {
    ref,
    path,
    commit_sha: sha,
    lines: parseLinePorcelain(result.stdout.toString('utf8')),
  } satisfies WireBlameResponse;
}
