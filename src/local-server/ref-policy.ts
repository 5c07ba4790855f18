/**
 * Ref policies carried by tokens (PROTOCOL.md §3.5): an ordered list of `[pattern, ops]` rules in
 * the `refs` claim, first match wins; the legacy `ops` claim folds into the catch-all `*` rule.
 * Ops: `no-push` (no update at all), `no-force-push` (fast-forward only), `verify-sig` (signed
 * commits only — this server has no registry of signing keys, so it refuses such writes rather
 * than let unsigned commits through).
 */
import { failRefUpdate } from './http-error.js';

export type RefRule = readonly [pattern: string, ops: readonly string[]];

export const KNOWN_OPS = new Set(['no-push', 'no-force-push', 'verify-sig']);

/** The rules of a verified token, or undefined when it has none. */
export function parseRefRules(refs: unknown, legacyOps: unknown): RefRule[] | undefined {
  const rules: [string, string[]][] = [];
  if (Array.isArray(refs)) {
    for (const rule of refs) {
      if (!Array.isArray(rule) || typeof rule[0] !== 'string' || !Array.isArray(rule[1])) continue;
      rules.push([
        normalisePattern(rule[0]),
        rule[1].filter((op): op is string => typeof op === 'string'),
      ]);
    }
  }
  const ops = Array.isArray(legacyOps)
    ? legacyOps.filter((op): op is string => typeof op === 'string')
    : [];
  if (ops.length > 0) {
    const catchAll = rules.find(([pattern]) => pattern === '*');
    if (catchAll) catchAll[1].push(...ops.filter((op) => !catchAll[1].includes(op)));
    else rules.push(['*', ops]);
  }
  return rules.length > 0 ? rules : undefined;
}

/** Short names (`main`, `feature/*`) mean branches. */
function normalisePattern(pattern: string): string {
  return pattern === '*' || pattern.startsWith('refs/') ? pattern : `refs/heads/${pattern}`;
}

function matches(pattern: string, ref: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('*') ? ref.startsWith(pattern.slice(0, -1)) : ref === pattern;
}

/** The ops that apply to `ref`: those of the first matching rule. */
export function opsFor(rules: readonly RefRule[] | undefined, ref: string): readonly string[] {
  return rules?.find(([pattern]) => matches(pattern, ref))?.[1] ?? [];
}

/**
 * Refuses a REST write to `branch` (or to a full `refs/…` name, such as a tag) that the token's
 * rules forbid. Server-made commits always fast-forward, so `no-force-push` only stops deletions
 * of existing refs here.
 */
export function assertRefWrite(
  rules: readonly RefRule[] | undefined,
  branch: string,
  kind: 'update' | 'delete',
): void {
  const ref = branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
  const ops = opsFor(rules, ref);
  const denied = ops.includes('no-push')
    ? 'no-push'
    : ops.includes('verify-sig')
      ? 'verify-sig'
      : kind === 'delete' && ops.includes('no-force-push')
        ? 'no-force-push'
        : undefined;
  if (denied) {
    failRefUpdate(403, 'forbidden', `${ref} denied by policy (${denied})`, { branch });
  }
}

/** The rules as lines for the pre-receive hook: `pattern<TAB>op,op`. */
export function rulesForHook(rules: readonly RefRule[]): string {
  return rules.map(([pattern, ops]) => `${pattern}\t${ops.join(',')}`).join('\n');
}

/**
 * The pre-receive hook every `git push` runs (the server's only hook: never the repository's or
 * the host's own): it refuses branch and tag names that are full SHAs, and applies the token's
 * ref rules (given in GSK_REF_RULES; none means no rule). Git relays
 * its stderr to the pushing client as `remote: …`, so the refusal says "denied by policy".
 */
export const PRE_RECEIVE_HOOK = `#!/bin/sh
zero=0000000000000000000000000000000000000000
status=0
while read -r old new ref; do
  # The server's own refs: ephemeral branches (pushed through REPO+ephemeral.git, where git's
  # namespace hides this prefix) and private scratch refs. No push names them directly.
  case "$ref" in
    refs/namespaces/*|refs/local-server-*|refs/notes/local-server-tmp*)
      echo "error: $ref is reserved by the server (push ephemeral branches to REPO+ephemeral.git)" >&2
      status=1; continue ;;
  esac
  # A full SHA always names a commit: no branch or tag may be called one.
  name=\${ref#refs/heads/}
  name=\${name#refs/tags/}
  if [ "$new" != "$zero" ] && [ "$name" != "$ref" ]; then
    case "$name" in
      *[!0-9a-fA-F]*) ;;
      *) if [ \${#name} -eq 40 ] || [ \${#name} -eq 64 ]; then
           echo "error: $ref is named like a commit SHA; a SHA always means the commit it names" >&2
           status=1; continue
         fi ;;
    esac
  fi
  ops=
  matched=
  while IFS="$(printf '\\t')" read -r pattern rule_ops; do
    [ -n "$matched" ] && break
    case "$pattern" in
      '*') matched=1 ;;
      *'*') case "$ref" in "\${pattern%\\*}"*) matched=1 ;; esac ;;
      *) [ "$ref" = "$pattern" ] && matched=1 ;;
    esac
    [ -n "$matched" ] && ops=",$rule_ops,"
  done <<RULES
$GSK_REF_RULES
RULES
  case "$ops" in
    *,no-push,*) echo "error: $ref denied by policy (no-push)" >&2; status=1; continue ;;
    *,verify-sig,*) echo "error: $ref denied by policy (verify-sig is not supported by the local server)" >&2; status=1; continue ;;
  esac
  case "$ops" in
    *,no-force-push,*)
      if [ "$old" != "$zero" ] && { [ "$new" = "$zero" ] || ! git merge-base --is-ancestor "$old" "$new"; }; then
        echo "error: $ref denied by policy (no-force-push)" >&2; status=1
      fi ;;
  esac
done
exit $status
`;

/** The post-receive hook: hands the refs a push moved ("old new ref" lines) to the server. */
export const POST_RECEIVE_HOOK = `#!/bin/sh
if [ -n "$GSK_PUSH_LOG" ]; then cat >> "$GSK_PUSH_LOG"; else cat > /dev/null; fi
`;
