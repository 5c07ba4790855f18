/**
 * git-storage-kit/components/branch-picker: The branch picker: `BranchPicker` (connected) and
 * `BranchCombobox` (presentational). Importing one family bundles only it (and what it uses).
 */
export { BranchCombobox, type BranchComboboxProps } from './BranchCombobox.js';
export { BranchPicker, type BranchPickerProps } from './BranchPicker.js';
export type { BranchPickerLabels } from './labels.js';
export {
  type BranchComboboxModel,
  type BranchOption,
  type UseBranchComboboxOptions,
  useBranchCombobox,
} from './use-branch-combobox.js';
