/** The branch combobox and picker's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const branchPickerLabels = {
  branch: 'Branch',
  branchesLoading: 'Loading branches…',
  branchesError: (message: string) => `Could not load branches: ${message}`,
  noBranchMatch: 'No branch matches.',
  defaultBranch: 'default',
  createBranch: (name: string, from: string) => `Create branch ${name} from ${from}`,
  createBranchTitle: (name: string, from: string) => `Create branch ${name} from ${from}?`,
  createBranchBody: (name: string, from: string) =>
    `A new branch ${name} will start at the latest commit of ${from}.`,
  confirmCreate: 'Create branch',
  invalidBranchName: (reason: string) => `Not a valid branch name: ${reason}`,
  deleteBranch: 'Delete branch…',
  deleteBranchTitle: (name: string) => `Delete branch ${name}?`,
  deleteBranchBody: (name: string) =>
    `The branch ${name} will be removed. Commits only it reaches can no longer be browsed.`,
  confirmDelete: 'Delete',
  branchActionFailed: (message: string) => `That did not work: ${message}`,
};

export type BranchPickerLabels = typeof branchPickerLabels & SharedLabels;
