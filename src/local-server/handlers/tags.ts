/** Tag routes (PROTOCOL.md §7.5): list, create (lightweight, at a commit or branch), delete. */
import { tagNameProblem } from '../../core/paths.js';
import {
  type WireCreateTagResponse,
  type WireDeleteTagResponse,
  type WireListTagsResponse,
  ZERO_SHA,
} from '../../core/wire-types.js';
import { queryLimit, type RepoContext, readJsonBody, requiredString } from '../context.js';
import { fail } from '../http-error.js';
import { assertRefWrite } from '../ref-policy.js';

function checkName(name: string): void {
  const problem = tagNameProblem(name);
  if (problem) fail(400, `name: ${problem}`);
}

/** GET repos/tags — sorted by name; the cursor is the last name of the previous page. */
export async function listTags(ctx: RepoContext) {
  const limit = queryLimit(ctx.url, 100, 1000);
  const cursor = ctx.url.searchParams.get('cursor') ?? '';
  const all = (await ctx.git.tags()).filter((t) => t.name > cursor);
  const tags = all.slice(0, limit).map((t) => ({ cursor: t.name, name: t.name, sha: t.sha }));
  const hasMore = all.length > limit;
  return {
    tags,
    next_cursor: hasMore ? (tags.at(-1)?.name ?? null) : null,
    has_more: hasMore,
  } satisfies WireListTagsResponse;
}

/** POST repos/tags — a lightweight tag at `target` (a commit SHA, or a branch). */
export async function createTag(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const name = requiredString(body, 'name').trim();
  checkName(name);
  const target = requiredString(body, 'target').trim();
  if (!target) fail(400, 'target (a commit SHA or a branch) is required');
  assertRefWrite(ctx.claims.refRules, `refs/tags/${name}`, 'update');
  const sha = await ctx.git.resolveCommit(target);
  if (!sha) fail(404, `target "${target}" is not a commit of this repository`);
  if (!(await ctx.git.updateRef(`refs/tags/${name}`, sha, ZERO_SHA, `tag: ${name}`))) {
    fail(409, `tag "${name}" already exists`);
  }
  ctx.res.statusCode = 201;
  return { name, sha, message: `tag ${name} created at ${sha}` } satisfies WireCreateTagResponse;
}

/** DELETE repos/tags */
export async function deleteTag(ctx: RepoContext) {
  const body = await readJsonBody(ctx);
  const name = requiredString(body, 'name').trim();
  checkName(name);
  assertRefWrite(ctx.claims.refRules, `refs/tags/${name}`, 'delete');
  const ref = `refs/tags/${name}`;
  const sha = (await ctx.git.objectInfo(ref))?.sha; // the tag object of an annotated tag
  if (!sha) fail(404, `tag "${name}" not found`);
  if (!(await ctx.git.deleteRef(ref, sha))) {
    fail(409, `tag "${name}" moved while deleting it; retry`);
  }
  return { name, message: 'tag deleted' } satisfies WireDeleteTagResponse;
}

/** GET /api/repos/{repo}/tag?name=… (PROTOCOL.md §12.5): `sha` is the commit the tag names. */
export async function getTag(ctx: RepoContext) {
  const name =
    ctx.url.searchParams
      .get('name')
      ?.trim()
      .replace(/^refs\/tags\//, '') ?? '';
  checkName(name);
  const sha = await ctx.git.resolveCommit(`refs/tags/${name}`); // peeled to the commit it names
  if (!sha) fail(404, 'ref not found');
  return { tag: { name, sha } };
}
