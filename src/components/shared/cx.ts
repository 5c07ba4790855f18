/** Joins class names, dropping the false ones (four lines: not worth a dependency). */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
