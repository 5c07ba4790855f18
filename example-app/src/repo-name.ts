/**
 * The rule for a new repository's name in this demo (after `demo/`), shared by the page (it says
 * what is wrong before asking) and the app's server (it mints no token for anything else).
 * Checked in code, not with the input's `pattern`: browsers compile `pattern` with the `v` flag,
 * under which `[A-Za-z0-9._-]` is a syntax error, and then check nothing.
 */
export const REPO_NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Why `name` cannot be a repository name here, or null when it can. */
export function repoNameProblem(name: string): string | null {
  if (name === '') return 'Give the repository a name.';
  if (!REPO_NAME_RULE.test(name)) {
    return 'Use 1 to 64 letters, digits, dots, dashes and underscores, starting with a letter or digit.';
  }
  return null;
}

/** Whether a whole repository id is one this demo lets its users touch. */
export function isDemoRepo(repoId: string): boolean {
  return repoId.startsWith('demo/') && repoNameProblem(repoId.slice(5)) === null;
}
