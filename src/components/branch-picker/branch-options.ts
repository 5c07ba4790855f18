/** The options a branch combobox shows for what is typed. Plain TypeScript, no React. */
import { branchNameProblem } from '../../core/browser.js';

export type BranchOption = { kind: 'branch'; name: string } | { kind: 'create'; name: string };

/**
 * Branches whose name contains `query` (case-insensitive), names starting with it first; then,
 * when allowed and every branch is known, "create <query>" if no branch has exactly that name
 * and the name is valid.
 */
export function branchOptions(
  branches: readonly string[],
  query: string,
  options: { canCreate: boolean; complete: boolean },
): BranchOption[] {
  const needle = query.toLowerCase();
  const starts: BranchOption[] = [];
  const contains: BranchOption[] = [];
  for (const name of branches) {
    const lower = name.toLowerCase();
    if (lower.startsWith(needle)) starts.push({ kind: 'branch', name });
    else if (lower.includes(needle)) contains.push({ kind: 'branch', name });
  }
  const out = [...starts, ...contains];
  if (
    options.canCreate &&
    options.complete &&
    query !== '' &&
    !branches.includes(query) &&
    branchNameProblem(query) === null
  ) {
    out.push({ kind: 'create', name: query });
  }
  return out;
}
