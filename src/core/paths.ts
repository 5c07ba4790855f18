/**
 * Path and ref-name rules shared by the client (checked before a request is sent) and the local
 * server (checked before any git command runs), so both refuse exactly the same input.
 */

/** Why `path` is not a valid repository-relative file path, or `null` when it is. */
export function pathProblem(path: string): string | null {
  if (typeof path !== 'string' || path.length === 0) return 'the path is empty';
  if (path.includes('\0')) return 'the path contains a NUL byte';
  if (path.startsWith('/')) return 'the path is absolute; give it relative to the repository root';
  if (path.endsWith('/')) return 'the path ends with "/"; name a file, not a directory';
  if (path.length > 4096) return 'the path is longer than 4096 characters';
  for (const part of path.split('/')) {
    if (part === '') return 'the path contains an empty component ("//")';
    if (part === '.' || part === '..') return `the path contains a "${part}" component`;
    if (part.toLowerCase() === '.git') return 'the path contains a ".git" component';
  }
  return null;
}

/** Why `name` is not a valid branch name (git check-ref-format rules), or `null` when it is. */
export function branchNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'the branch name is empty';
  if (name.startsWith('refs/')) return 'give the short branch name, without "refs/"';
  if (name.length > 255) return 'the branch name is longer than 255 characters';
  if (name.startsWith('-')) return 'the branch name starts with "-"';
  if (name === '@') return 'the branch name is "@"';
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) {
    return 'the branch name contains a space, a control character or one of ~ ^ : ? * [ \\';
  }
  if (name.includes('..') || name.includes('@{') || name.includes('//')) {
    return 'the branch name contains "..", "@{" or "//"';
  }
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) {
    return 'the branch name starts or ends with "/" or ends with "."';
  }
  for (const part of name.split('/')) {
    if (part.startsWith('.') || part.endsWith('.lock')) {
      return 'a component of the branch name starts with "." or ends with ".lock"';
    }
  }
  return null;
}

/** Why `id` is not a usable repository id, or `null` when it is. Ids may contain "/". */
export function repoIdProblem(id: string): string | null {
  if (typeof id !== 'string' || id.length === 0) return 'the repository id is empty';
  if (id.length > 200) return 'the repository id is longer than 200 characters';
  if (/[\x00-\x1f\x7f]/.test(id)) return 'the repository id contains a control character';
  for (const part of id.split('/')) {
    if (part === '' || part === '.' || part === '..') {
      return 'the repository id has an empty, "." or ".." component';
    }
  }
  if (id.endsWith('.git')) return 'the repository id ends with ".git"';
  if (id.includes('+')) return 'the repository id contains "+" (reserved for +ephemeral/+import)';
  return null;
}

/** True when `value` is a full 40-hex (SHA-1) or 64-hex (SHA-256) object name. */
export function isFullSha(value: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(value);
}
