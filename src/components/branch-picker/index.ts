/**
 * git-storage-kit/components/branch-picker: The branch picker: `BranchPicker` (connected) and `BranchCombobox`. Importing one family
 * bundles only it (and what it uses).
 */
export { BranchCombobox, type BranchComboboxProps } from './BranchCombobox.js';
export { BranchPicker, type BranchPickerProps } from './BranchPicker.js';
export { type BranchOption, branchOptions } from './branch-options.js';
