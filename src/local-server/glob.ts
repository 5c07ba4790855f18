/** Path globs for filters (grep, archive). */
/**
 * A glob as a test on paths: `*` and `?` stay within one folder, `**` crosses folders; a glob
 * without "/" is matched against the file name (as .gitignore does). Hand-written: the few lines
 * Node 20 lacks (`path.matchesGlob` is experimental there).
 */
export function globTest(glob: string): (path: string) => boolean {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`);
  return glob.includes('/')
    ? (path) => re.test(path)
    : (path) => re.test(path.slice(path.lastIndexOf('/') + 1));
}
