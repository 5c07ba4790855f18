/**
 * The branch combobox's model without its markup: the WAI-ARIA combobox pattern with a listbox
 * popup (list autocomplete, `aria-activedescendant`, the popup virtualized for thousands of
 * branches), and the rules that keep a keyboard from doing anything by accident:
 *
 * - the text is selected on focus and after a branch is chosen, so typing replaces it;
 * - the list opens at the current branch, so ArrowDown + Enter moves one branch, not to the top;
 * - "Create branch …" is never the option Enter picks unless the reader moved to it, and choosing
 *   it asks for confirmation (`pendingCreate`) before anything is created;
 * - deleting asks for confirmation too (`pendingDelete`).
 *
 * `BranchCombobox` is this hook and a rendering; spread `inputProps`, `listboxProps` and
 * `optionProps(index)` on your own elements for another look.
 */
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import {
  type ChangeEvent,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { branchNameProblem } from '../../core/browser.js';
import { useControllable } from '../shared/use-controllable.js';
import { keepRowMounted, rowDomId } from '../shared/virtual-rows.js';
import { type BranchOption, branchOptions } from './branch-options.js';

export type { BranchOption };

export interface UseBranchComboboxOptions {
  /** Branch names loaded so far (more may come through `onLoadMore`). */
  branches: readonly string[];
  /** The current branch. */
  value: string;
  onChange: (branch: string) => void;
  /** Never offered for deletion. */
  defaultBranch?: string | undefined;
  loading?: boolean | undefined;
  hasMore?: boolean | undefined;
  onLoadMore?: (() => void) | undefined;
  /** Creating is offered (and confirmed first) when given. */
  onCreate?: ((name: string, from: string) => void) | undefined;
  /** Deleting the current branch is offered (and confirmed first) when given. */
  onDelete?: ((name: string) => void) | undefined;
  optionHeight?: number | undefined;
  open?: boolean | undefined;
  defaultOpen?: boolean | undefined;
  onOpenChange?: ((open: boolean) => void) | undefined;
}

export interface BranchComboboxModel {
  /** What the list shows for the text typed: branches, then maybe the offer to create one. */
  options: readonly BranchOption[];
  /** Index of the active option, or -1 (none: Enter does nothing). */
  active: number;
  open: boolean;
  setOpen: (open: boolean) => void;
  /** What is typed ('' when showing the current branch). */
  query: string;
  /** Why the typed name could not be a branch, when creating is offered; else null. */
  problem: string | null;
  /** A branch name waiting for the reader to confirm its creation. */
  pendingCreate: string | null;
  confirmCreate: () => void;
  cancelCreate: () => void;
  /** The current branch may be deleted (there is `onDelete` and it is not the default). */
  canDelete: boolean;
  pendingDelete: string | null;
  askDelete: () => void;
  confirmDelete: () => void;
  cancelDelete: () => void;
  /** Spread on the `<input>`. */
  inputProps: {
    id: string;
    ref: RefObject<HTMLInputElement | null>;
    role: 'combobox';
    'aria-expanded': boolean;
    'aria-controls': string;
    'aria-autocomplete': 'list';
    'aria-activedescendant': string | undefined;
    autoComplete: 'off';
    spellCheck: false;
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement>) => void;
    onFocus: (event: FocusEvent<HTMLInputElement>) => void;
    onClick: () => void;
    onBlur: (event: FocusEvent<HTMLInputElement>) => void;
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  };
  /** Spread on the scrolling listbox element. */
  listboxProps: {
    id: string;
    ref: RefObject<HTMLDivElement | null>;
    role: 'listbox';
    /** -1: focus stays in the input (Chromium makes a scrollable box a Tab stop otherwise). */
    tabIndex: -1;
  };
  /** Spread on option `index` (as the virtualizer lists it). */
  optionProps: (index: number) => {
    id: string;
    role: 'option';
    'aria-selected': boolean;
    'aria-setsize': number;
    'aria-posinset': number;
    onMouseDown: (event: MouseEvent) => void;
    onMouseMove: () => void;
    onClick: () => void;
  };
  /** Virtualizes `options` in the listbox. */
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** The element around input and popup: focus leaving it closes the popup. */
  rootRef: RefObject<HTMLDivElement | null>;
}

export function useBranchCombobox(options: UseBranchComboboxOptions): BranchComboboxModel {
  const id = useId();
  const listboxId = `${id}-listbox`;
  const optionHeight = options.optionHeight ?? 32;
  const [open, setOpenState] = useControllable<boolean>({
    value: options.open,
    defaultValue: options.defaultOpen ?? false,
    onChange: options.onOpenChange,
    name: 'BranchCombobox open',
  });
  const [text, setText] = useState<string | null>(null); // null: not typing, show the value
  // The option the reader moved to; null until they move: then it follows what is listed (the
  // current branch, or the first match), also when more branches arrive while they type.
  const [moved, setMoved] = useState<number | null>(null);
  const [pendingCreate, setPendingCreate] = useState<string | null>(null);
  const [pendingDelete, setPendingDelete] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const query = text ?? '';
  const canCreate = !!options.onCreate;
  const list = useMemo(
    () => branchOptions(options.branches, query, { canCreate, complete: !options.hasMore }),
    [options.branches, query, canCreate, options.hasMore],
  );
  const problem =
    query && canCreate && !options.branches.includes(query) ? branchNameProblem(query) : null;

  /** Where the list starts: the current branch when nothing is typed, else the first branch. */
  const startIndex =
    query === ''
      ? Math.max(
          0,
          list.findIndex((o) => o.name === options.value),
        )
      : list[0]?.kind === 'branch'
        ? 0
        : -1;
  const active = moved ?? (list.length > 0 ? startIndex : -1);

  // Filtering looks at every branch: while the popup is open with a filter, pages keep coming.
  const { hasMore, loading, onLoadMore } = options;
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => optionHeight,
    overscan: 6,
    initialRect: { width: 300, height: optionHeight * 9 },
    rangeExtractor: keepRowMounted(open ? active : -1),
  });
  const lastShown = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
  const needMore = open && !!hasMore && !loading && (query !== '' || lastShown >= list.length - 3);
  useEffect(() => {
    if (needMore) onLoadMore?.();
  }, [needMore, onLoadMore]);

  // Opening shows where the list starts (the current branch may be far down).
  const startsAt = open && moved === null ? active : -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the start changes
  useEffect(() => {
    if (startsAt >= 0) virtualizer.scrollToIndex(startsAt, { align: 'auto' });
  }, [startsAt]);

  const show = (index: number) => {
    setMoved(index);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const setOpen = (next: boolean) => {
    if (next === open) return;
    setOpenState(next);
    setMoved(null);
  };
  const close = () => {
    setOpenState(false);
    setText(null);
    setMoved(null);
  };
  // After a choice the text is selected again, so the next keystroke replaces it: once React has
  // written the new value (writing a value drops the selection), before any key is handled.
  const [reselect, setReselect] = useState(0);
  const selectText = () => setReselect((n) => n + 1);
  const showing = text === null ? options.value : null;
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (reselect > 0 && showing !== null && input && document.activeElement === input) {
      input.select();
    }
  }, [reselect, showing]);
  const choose = (option: BranchOption | undefined) => {
    if (!option) return;
    close();
    if (option.kind === 'create') setPendingCreate(option.name);
    else {
      if (option.name !== options.value) options.onChange(option.name);
      selectText();
    }
  };
  const move = (index: number) => {
    if (list.length === 0) return;
    show(Math.max(0, Math.min(list.length - 1, index)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        if (!open) setOpen(true);
        else move(event.altKey ? active : active + 1);
        break;
      case 'ArrowUp':
        if (!open) setOpen(true);
        else move(active < 0 ? list.length - 1 : active - 1);
        break;
      case 'Enter':
        if (!open) return;
        // Nothing active (only "Create …" is left): Enter creates nothing.
        choose(active >= 0 ? list[active] : undefined);
        break;
      case 'Escape':
        if (open) close();
        else if (text !== null) setText(null);
        else return;
        selectText();
        break;
      case 'Home':
      case 'End':
        if (!open) return;
        move(event.key === 'Home' ? 0 : list.length - 1);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const activeOption = open && active >= 0 ? list[active] : undefined;
  // Ids from what the option is (a branch, or the offer to create one), never its place.
  const optionId = (option: BranchOption) =>
    rowDomId(`${id}-option`, `${option.kind}:${option.name}`);
  const canDelete =
    !!options.onDelete && options.value !== '' && options.value !== options.defaultBranch;

  return {
    options: list,
    active: open ? active : -1,
    open,
    setOpen,
    query,
    problem,
    pendingCreate,
    confirmCreate: () => {
      const name = pendingCreate;
      setPendingCreate(null);
      if (name !== null) options.onCreate?.(name, options.value);
    },
    cancelCreate: () => setPendingCreate(null),
    canDelete,
    pendingDelete,
    askDelete: () => {
      if (canDelete) setPendingDelete(options.value);
    },
    confirmDelete: () => {
      const name = pendingDelete;
      setPendingDelete(null);
      if (name !== null) options.onDelete?.(name);
    },
    cancelDelete: () => setPendingDelete(null),
    inputProps: {
      id: `${id}-input`,
      ref: inputRef,
      role: 'combobox',
      'aria-expanded': open,
      'aria-controls': listboxId,
      'aria-autocomplete': 'list',
      'aria-activedescendant': activeOption ? optionId(activeOption) : undefined,
      autoComplete: 'off',
      spellCheck: false,
      value: text ?? options.value,
      onChange: (event) => {
        setText(event.target.value);
        setOpenState(true);
        setMoved(null);
      },
      onFocus: (event) => event.target.select(),
      onClick: () => setOpen(true),
      onBlur: (event) => {
        // Options prevent mousedown, so clicking one keeps focus in the input.
        if (!rootRef.current?.contains(event.relatedTarget)) close();
      },
      onKeyDown,
    },
    listboxProps: { id: listboxId, ref: scrollRef, role: 'listbox', tabIndex: -1 },
    optionProps: (index) => {
      const option = list[index] as BranchOption;
      return {
        id: optionId(option),
        role: 'option',
        'aria-selected': option.kind === 'branch' && option.name === options.value,
        'aria-setsize': list.length,
        'aria-posinset': index + 1,
        onMouseDown: (event) => event.preventDefault(),
        onMouseMove: () => {
          if (index !== active) setMoved(index);
        },
        onClick: () => choose(option),
      };
    },
    virtualizer,
    rootRef,
  };
}
