/**
 * Path and ref-name rules shared by the client (checked before a request is sent) and the local
 * server (checked before any git command runs), so both refuse exactly the same input.
 */

/**
 * Code points HFS+ ignores when comparing names (git's `is_hfs_dotgit`): ".g\u200cit" is ".git"
 * to a Mac.
 */
const HFS_IGNORABLE = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/** Anything that may need the component-by-component check below (else the path is fine). */
const NEEDS_FULL_CHECK =
  /[\\\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]|(?:^|\/)(?:\.|g|G|\/)|\/$/;

/**
 * Whether one path component (split at "/" and "\\", as git does on every platform when it
 * protects NTFS) would be `.git` on some file system: `.git` in any case, with the trailing dots
 * and spaces NTFS drops (`.git `, `.git.`), an NTFS stream suffix (`.git::$DATA`), its 8.3 short
 * name (`git~1`), or with code points HFS+ ignores.
 */
function isDotGitAnywhere(component: string): boolean {
  if (/^(?:\.git|git~1)[. ]*(?::.*)?$/i.test(component)) return true;
  return component.replace(HFS_IGNORABLE, '').toLowerCase() === '.git';
}

/** The same for `.gitmodules`, which git refuses only as a symbolic link. */
function isDotGitmodulesAnywhere(component: string): boolean {
  if (/^(?:\.gitmodules|gitmod~\d+|gi7eba~\d+)[. ]*(?::.*)?$/i.test(component)) return true;
  return component.replace(HFS_IGNORABLE, '').toLowerCase() === '.gitmodules';
}

/**
 * Why `path` is not a valid repository-relative file path, or `null` when it is. Refuses at least
 * everything git's own path verification refuses with its NTFS and HFS protections on (so a
 * change is never accepted here and then silently dropped by git), plus control characters.
 * Pass `symlink: true` for a symbolic link (mode 120000), which may not be named `.gitmodules`.
 */
export function pathProblem(path: string, options: { symlink?: boolean } = {}): string | null {
  if (typeof path !== 'string' || path.length === 0) return 'the path is empty';
  if (path.includes('\0')) return 'the path contains a NUL byte';
  if (/[\x01-\x1f\x7f]/.test(path)) return 'the path contains a control character';
  if (path.startsWith('/')) return 'the path is absolute; give it relative to the repository root';
  if (path.endsWith('/')) return 'the path ends with "/"; name a file, not a directory';
  if (path.length > 4096) return 'the path is longer than 4096 characters';
  // Fast path for the common case (a commit may check 100,000 paths): no backslash or HFS
  // ignorable code point, and no component starting with "." or "g" that could name ".git".
  if (!NEEDS_FULL_CHECK.test(path) && !options.symlink) return null;
  for (const part of path.split('/')) {
    if (part === '') return 'the path contains an empty component ("//")';
    if (part === '.' || part === '..') return `the path contains a "${part}" component`;
    for (const piece of part.split('\\')) {
      if (isDotGitAnywhere(piece)) {
        return `the path component "${part}" names git's own ".git" directory on some file system`;
      }
    }
  }
  if (options.symlink) {
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (last.split('\\').some(isDotGitmodulesAnywhere)) {
      return 'a symbolic link may not be named ".gitmodules"';
    }
  }
  return null;
}

/** Why `name` is not a valid branch name (git check-ref-format rules), or `null` when it is. */
export function branchNameProblem(name: string): string | null {
  return refNameProblem(name, 'branch');
}

/** Why `name` is not a valid tag name (the same rules as branches), or `null` when it is. */
export function tagNameProblem(name: string): string | null {
  return refNameProblem(name, 'tag');
}

/**
 * The full notes ref a `ref` field names: `reviews` → `refs/notes/reviews`, `notes/reviews` and
 * `refs/notes/reviews` as they are; empty → `refs/notes/commits`. Throws nothing: check the result
 * with {@link notesRefProblem}.
 */
export function notesRefName(ref: string | undefined): string {
  const name = ref?.trim() ?? '';
  if (!name) return 'refs/notes/commits';
  if (name.startsWith('refs/')) return name;
  if (name.startsWith('notes/')) return `refs/${name}`;
  return `refs/notes/${name}`;
}

/** Why a full ref is not a valid notes ref (`refs/notes/<name>`), or `null` when it is. */
export function notesRefProblem(ref: string): string | null {
  if (!ref.startsWith('refs/notes/')) return 'a notes ref must be under refs/notes/';
  return refNameProblem(ref.slice('refs/notes/'.length), 'notes ref');
}

function refNameProblem(name: string, kind: 'branch' | 'tag' | 'notes ref'): string | null {
  if (typeof name !== 'string' || name.length === 0) return `the ${kind} name is empty`;
  if (name.startsWith('refs/')) return `give the short ${kind} name, without "refs/"`;
  if (name.length > 255) return `the ${kind} name is longer than 255 characters`;
  if (name.startsWith('-')) return `the ${kind} name starts with "-"`;
  if (name === '@') return `the ${kind} name is "@"`;
  if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(name)) {
    return `the ${kind} name is a full commit SHA; a SHA always means the commit it names`;
  }
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) {
    return `the ${kind} name contains a space, a control character or one of ~ ^ : ? * [ \\`;
  }
  if (name.includes('..') || name.includes('@{') || name.includes('//')) {
    return `the ${kind} name contains "..", "@{" or "//"`;
  }
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) {
    return `the ${kind} name starts or ends with "/" or ends with "."`;
  }
  for (const part of name.split('/')) {
    if (part.startsWith('.') || part.endsWith('.lock')) {
      return `a component of the ${kind} name starts with "." or ends with ".lock"`;
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
  // Stored as one file name (URI-encoded, plus ".git"); file systems allow 255 bytes.
  if (encodeURIComponent(id).length > 250) {
    return 'the repository id is too long: at most 250 bytes once URI-encoded (each non-ASCII character takes 6 to 12)';
  }
  if (id.includes('+')) return 'the repository id contains "+" (reserved for +ephemeral/+import)';
  return null;
}

/** True when `value` is a full 40-hex (SHA-1) or 64-hex (SHA-256) object name. */
export function isFullSha(value: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(value);
}
