/** Git-sync credential routes (PROTOCOL.md §7.2): create, update, delete; secrets never returned. */
import { optionalString, type RequestContext, readJsonBody, requiredString } from '../context.js';
import { fail } from '../http-error.js';

const CREDENTIAL_ID = /^cred_[0-9a-f]{32}$/;
/** The `repo` claim of organisation-level tokens. */
const ORG_CLAIM = 'org';

function secret(body: Record<string, unknown>) {
  if (typeof body.password !== 'string' || body.password === '') {
    fail(400, '"password" is required');
  }
  if (body.password.length > 4096) fail(400, '"password" is longer than 4096 characters');
  const username = optionalString(body, 'username');
  return { username, password: body.password };
}

function credentialId(body: Record<string, unknown>): string {
  const id = requiredString(body, 'id');
  if (!CREDENTIAL_ID.test(id)) fail(404, `credential "${id}" not found`);
  return id;
}

/** POST repos/git-credentials — the token's `repo` claim must be the body's `repo_id`. */
export async function createCredential(ctx: RequestContext) {
  const body = await readJsonBody(ctx);
  const repoId = requiredString(body, 'repo_id');
  if (repoId !== ctx.claims.repo) {
    fail(403, `the token is for repository "${ctx.claims.repo}", not "${repoId}"`);
  }
  if (!(await ctx.store.get(repoId))) fail(404, `repository "${repoId}" not found`);
  const { username, password } = secret(body);
  const created = await ctx.credentials.create(repoId, username, password);
  if (!created) fail(409, `repository "${repoId}" already has a credential: update it instead`);
  ctx.res.statusCode = 201;
  return { id: created.id, created_at: created.createdAt };
}

/**
 * The credential `id` names, when the token may change it: an organisation token (`repo: "org"`,
 * what the official SDK mints for updateGitCredential/deleteGitCredential, PROTOCOL.md §3) or a
 * token for the credential's own repository. A credential of another repository is "not found"
 * (as if it did not exist, so ids cannot be probed), whatever the body's `repo_id` says.
 */
async function ownedCredential(ctx: RequestContext, body: Record<string, unknown>) {
  const id = credentialId(body);
  const repoId = optionalString(body, 'repo_id');
  const stored = await ctx.credentials.info(id);
  if (
    !stored ||
    (ctx.claims.repo !== ORG_CLAIM && stored.repoId !== ctx.claims.repo) ||
    (repoId !== undefined && stored.repoId !== repoId)
  ) {
    fail(404, `credential "${id}" not found`);
  }
  return id;
}

/** PUT repos/git-credentials (or /api/repos/{repo}/git-credentials/{id}) */
export async function updateCredential(ctx: RequestContext) {
  const body = await readJsonBody(ctx);
  const id = await ownedCredential(ctx, body);
  const { username, password } = secret(body);
  const updated = await ctx.credentials.update(id, username, password);
  if (!updated) fail(404, `credential "${id}" not found`);
  return { id, created_at: updated.createdAt };
}

/** DELETE repos/git-credentials (or /api/repos/{repo}/git-credentials/{id}) */
export async function deleteCredential(ctx: RequestContext) {
  const id = await ownedCredential(ctx, await readJsonBody(ctx));
  if (!(await ctx.credentials.delete(id))) fail(404, `credential "${id}" not found`);
  return { id, message: 'credential deleted' };
}
