/**
 * The presentational branch picker: `useBranchCombobox` (the WAI-ARIA combobox with a virtualized
 * listbox popup, and its rules against accidents) drawn with the kit's look. Typing filters; a
 * name that does not exist can be created, after a confirmation; the current branch (never the
 * default one) can be deleted, after a confirmation.
 */
import { Trash2 } from 'lucide-react';
import { BidiText } from '../shared/bidi.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { cx } from '../shared/cx.js';
import { ICON_SIZE, IconButton } from '../shared/IconButton.js';
import { type GitStorageLabels, useFamilyLabels } from '../shared/labels.js';
import type { BranchOption } from './branch-options.js';
import { branchPickerLabels } from './labels.js';
import { useBranchCombobox } from './use-branch-combobox.js';

export interface BranchComboboxProps {
  /** Branch names loaded so far (more may come through `onLoadMore`). */
  branches: readonly string[];
  /** The current branch. */
  value: string;
  onChange: (branch: string) => void;
  /** Marked "default" and never offered for deletion. */
  defaultBranch?: string;
  loading?: boolean;
  error?: Error | null;
  /** More branches exist on the server; `onLoadMore` is called when they are needed. */
  hasMore?: boolean;
  onLoadMore?: () => void;
  /** Offer "Create branch … from <value>" for a typed name that does not exist. */
  onCreate?: (name: string, from: string) => void;
  /** Offer "Delete branch…" for the current branch (not the default one). */
  onDelete?: (name: string) => void;
  /** A create or delete is running. */
  busy?: boolean;
  /** The last create or delete failed. */
  actionError?: Error | null;
  /** Option height in pixels (default 32). */
  optionHeight?: number;
  /** Whether the list of branches is open (controlled); `defaultOpen` to start it open. */
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function BranchCombobox(props: BranchComboboxProps) {
  const labels = useFamilyLabels(branchPickerLabels, props.labels);
  const optionHeight = props.optionHeight ?? 32;
  const box = useBranchCombobox(props);
  const { options, open, virtualizer, problem } = box;

  return (
    <div className={cx('gsk-branch-combobox', props.className)} ref={box.rootRef}>
      <label className="gsk-branch-combobox__label" htmlFor={box.inputProps.id}>
        {labels.branch}
      </label>
      <div className="gsk-branch-combobox__row">
        <input className="gsk-input" {...box.inputProps} />
        {props.onDelete && (
          <IconButton
            label={labels.deleteBranch}
            icon={<Trash2 size={ICON_SIZE} aria-hidden="true" />}
            disabled={!box.canDelete || props.busy}
            onClick={box.askDelete}
          />
        )}
      </div>
      <div className="gsk-branch-combobox__popup" hidden={!open}>
        {problem && (
          <p
            className="gsk-branch-combobox__status gsk-branch-combobox__status--error"
            role="alert"
          >
            {labels.invalidBranchName(problem)}
          </p>
        )}
        <div
          {...box.listboxProps}
          role="listbox"
          aria-label={labels.branch}
          className="gsk-branch-combobox__listbox"
          style={{ height: open ? Math.min(options.length, 9) * optionHeight : 0 }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {open &&
              virtualizer.getVirtualItems().map((item) => {
                const option = options[item.index] as BranchOption;
                return (
                  // Focus stays in the input: options are reached through aria-activedescendant.
                  <div
                    key={`${option.kind}:${option.name}`}
                    {...box.optionProps(item.index)}
                    className={cx(
                      'gsk-branch-combobox__option',
                      option.kind === 'create' && 'gsk-branch-combobox__option--create',
                      item.index === box.active && 'gsk-branch-combobox__option--active',
                    )}
                    style={{ transform: `translateY(${item.start}px)`, height: optionHeight }}
                  >
                    {option.kind === 'create' ? (
                      labels.createBranch(option.name, props.value)
                    ) : (
                      <>
                        <BidiText text={option.name} ltr />
                        {option.name === props.defaultBranch && (
                          <span className="gsk-badge">{labels.defaultBranch}</span>
                        )}
                      </>
                    )}
                  </div>
                );
              })}
          </div>
        </div>
        {open && options.length === 0 && !problem && (
          <p className="gsk-branch-combobox__status" role="status">
            {props.error
              ? labels.branchesError(props.error.message)
              : props.loading || props.hasMore
                ? labels.branchesLoading
                : labels.noBranchMatch}
          </p>
        )}
      </div>
      {props.actionError && (
        <p className="gsk-branch-combobox__status gsk-branch-combobox__status--error" role="alert">
          {labels.branchActionFailed(props.actionError.message)}
        </p>
      )}
      {box.pendingCreate !== null && (
        <ConfirmDialog
          title={labels.createBranchTitle(box.pendingCreate, props.value)}
          confirmLabel={labels.confirmCreate}
          cancelLabel={labels.cancel}
          busy={props.busy}
          onCancel={box.cancelCreate}
          onConfirm={box.confirmCreate}
        >
          {labels.createBranchBody(box.pendingCreate, props.value)}
        </ConfirmDialog>
      )}
      {box.pendingDelete !== null && (
        <ConfirmDialog
          title={labels.deleteBranchTitle(box.pendingDelete)}
          confirmLabel={labels.confirmDelete}
          cancelLabel={labels.cancel}
          danger
          busy={props.busy}
          onCancel={box.cancelDelete}
          onConfirm={box.confirmDelete}
        >
          {labels.deleteBranchBody(box.pendingDelete)}
        </ConfirmDialog>
      )}
    </div>
  );
}
