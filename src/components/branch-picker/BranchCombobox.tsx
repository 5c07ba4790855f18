/**
 * The presentational branch picker: the WAI-ARIA combobox pattern with a listbox popup (list
 * autocomplete, `aria-activedescendant` for the active option, the popup virtualized for repos
 * with thousands of branches). Typing filters; a name that does not exist can be created; the
 * current branch (never the default one) can be deleted after a confirmation dialog.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { branchNameProblem } from '../../core/browser.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import { cx } from '../shared/cx.js';
import { type GitStorageLabels, useLabels } from '../shared/labels.js';
import { useControllable } from '../shared/use-controllable.js';
import { keepRowMounted, rowDomId } from '../shared/virtual-rows.js';
import { type BranchOption, branchOptions } from './branch-options.js';

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
  const labels = useLabels(props.labels);
  const id = useId();
  const listboxId = `${id}-listbox`;
  const optionHeight = props.optionHeight ?? 32;
  const [open, setOpen] = useControllable<boolean>({
    value: props.open,
    defaultValue: props.defaultOpen ?? false,
    onChange: props.onOpenChange,
    name: 'BranchCombobox open',
  });
  const [text, setText] = useState<string | null>(null); // null: not typing, show the value
  const [active, setActive] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const query = text ?? '';
  const canCreate = !!props.onCreate;
  const options = useMemo(
    () => branchOptions(props.branches, query, { canCreate, complete: !props.hasMore }),
    [props.branches, query, canCreate, props.hasMore],
  );
  const problem =
    query && canCreate && !props.branches.includes(query) ? branchNameProblem(query) : null;

  // Filtering looks at every branch: while the popup is open with a filter, pages keep coming.
  const { hasMore, loading, onLoadMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: options.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => optionHeight,
    overscan: 6,
    initialRect: { width: 300, height: optionHeight * 9 },
    rangeExtractor: keepRowMounted(open ? active : -1),
  });
  const lastShown = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
  const needMore =
    open && !!hasMore && !loading && (query !== '' || lastShown >= options.length - 3);
  useEffect(() => {
    if (needMore) onLoadMore?.();
  }, [needMore, onLoadMore]);

  const close = () => {
    setOpen(false);
    setText(null);
    setActive(0);
  };
  const choose = (option: BranchOption | undefined) => {
    if (!option) return;
    if (option.kind === 'create') props.onCreate?.(option.name, props.value);
    else props.onChange(option.name);
    close();
  };
  const move = (index: number) => {
    if (options.length === 0) return;
    const next = Math.max(0, Math.min(options.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        if (!open) setOpen(true);
        else move(event.altKey ? active : active + 1);
        break;
      case 'ArrowUp':
        if (!open) setOpen(true);
        else move(active - 1);
        break;
      case 'Enter':
        if (!open) return;
        choose(options[active]);
        break;
      case 'Escape':
        if (open) close();
        else if (text !== null) setText(null);
        else return;
        break;
      case 'Home':
      case 'End':
        if (!open) return;
        move(event.key === 'Home' ? 0 : options.length - 1);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const activeOption = open ? options[active] : undefined;
  // Ids from what the option is (a branch, or the offer to create one), never its place.
  const optionId = (option: BranchOption) =>
    rowDomId(`${id}-option`, `${option.kind}:${option.name}`);
  const canDelete = !!props.onDelete && props.value !== '' && props.value !== props.defaultBranch;

  return (
    <div className={cx('gsk-branch-combobox', props.className)}>
      <label className="gsk-branch-combobox__label" htmlFor={`${id}-input`}>
        {labels.branch}
      </label>
      <div className="gsk-branch-combobox__row">
        <input
          id={`${id}-input`}
          className="gsk-input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
          autoComplete="off"
          spellCheck={false}
          value={text ?? props.value}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={(e) => e.target.select()}
          onClick={() => setOpen(true)}
          onBlur={(e) => {
            // Clicking an option keeps focus logic simple: mousedown on options is prevented.
            if (!e.currentTarget.parentElement?.parentElement?.contains(e.relatedTarget)) close();
          }}
          onKeyDown={onKeyDown}
        />
        {props.onDelete && (
          <button
            type="button"
            className="gsk-button"
            disabled={!canDelete || props.busy}
            onClick={() => setConfirming(true)}
          >
            {labels.deleteBranch}
          </button>
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
          ref={scrollRef}
          id={listboxId}
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
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard.
                  // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input, options are reached through aria-activedescendant.
                  <div
                    key={`${option.kind}:${option.name}`}
                    id={optionId(options[item.index] as BranchOption)}
                    role="option"
                    aria-selected={option.kind === 'branch' && option.name === props.value}
                    aria-setsize={options.length}
                    aria-posinset={item.index + 1}
                    className={cx(
                      'gsk-branch-combobox__option',
                      option.kind === 'create' && 'gsk-branch-combobox__option--create',
                      item.index === active && 'gsk-branch-combobox__option--active',
                    )}
                    style={{ transform: `translateY(${item.start}px)`, height: optionHeight }}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => setActive(item.index)}
                    onClick={() => choose(option)}
                  >
                    {option.kind === 'create' ? (
                      labels.createBranch(option.name, props.value)
                    ) : (
                      <>
                        <span>{option.name}</span>
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
      {confirming && (
        <ConfirmDialog
          title={labels.deleteBranchTitle(props.value)}
          confirmLabel={labels.confirmDelete}
          cancelLabel={labels.cancel}
          danger
          busy={props.busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            props.onDelete?.(props.value);
          }}
        >
          {labels.deleteBranchBody(props.value)}
        </ConfirmDialog>
      )}
    </div>
  );
}
