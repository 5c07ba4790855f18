/**
 * Every string the components show, English by default. Replace any of them with the `labels`
 * prop of a component or, for a whole app, with `<GitStorageLabelsProvider labels={…}>`; the
 * prop wins over the provider, the provider over the defaults. Functions get the numbers and
 * names they talk about, already formatted for the user's locale where that applies.
 *
 * Each component family keeps its defaults in its own module (`branch-picker/labels.ts`, …), so
 * an app that imports one family bundles only that family's strings; `defaultLabels`
 * (default-labels.ts) is all of them, for apps that want the whole list.
 */
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { BlameLabels } from '../blame/labels.js';
import type { BranchPickerLabels } from '../branch-picker/labels.js';
import type { CodeSearchLabels } from '../code-search/labels.js';
import type { CommitComposerLabels } from '../commit-composer/labels.js';
import type { CommitHistoryLabels } from '../commit-history/labels.js';
import type { CommitViewLabels } from '../commit-view/labels.js';
import type { CompareLabels } from '../compare/labels.js';
import type { DiffViewerLabels } from '../diff-viewer/labels.js';
import type { FileBrowserLabels } from '../file-browser/labels.js';
import type { FileViewLabels } from '../file-view/labels.js';
import type { RepositoryBrowserLabels } from '../repository-browser/labels.js';
import type { ReviewLabels } from '../review/labels.js';

/** Strings more than one family shows. */
export const sharedLabels = {
  retry: 'Retry',
  cancel: 'Cancel',
  fileError: (message: string) => `Could not load the file: ${message}`,
  filterNoMatch: 'No file matches the filter.',
  bidiWarning:
    'This text contains bidirectional Unicode characters, which can make it display in another order than it is read. They are shown as <U+…> marks.',
};

export type SharedLabels = typeof sharedLabels;

/** Every string of every component. */
export type GitStorageLabels = FileBrowserLabels &
  BlameLabels &
  CodeSearchLabels &
  CompareLabels &
  FileViewLabels &
  BranchPickerLabels &
  CommitHistoryLabels &
  CommitViewLabels &
  DiffViewerLabels &
  CommitComposerLabels &
  RepositoryBrowserLabels &
  ReviewLabels;

const LabelsContext = createContext<Partial<GitStorageLabels> | null>(null);
const LocaleContext = createContext<string | undefined>(undefined);

/**
 * The BCP 47 locale numbers, sizes and times are shown in: a component's own `locale` prop, else
 * the nearest labels provider's, else the user's (the runtime default).
 */
export function useLocale(own?: string): string | undefined {
  const provided = useContext(LocaleContext);
  return own ?? provided;
}

/**
 * Replaces strings for every component below it. Providers nest: an inner one changes what it
 * names and keeps what the outer ones set.
 */
export function GitStorageLabelsProvider(props: {
  labels?: Partial<GitStorageLabels>;
  /** One locale for every number, size and time the components below show. */
  locale?: string;
  children?: ReactNode;
}) {
  const outer = useContext(LabelsContext);
  const outerLocale = useContext(LocaleContext);
  const merged = useMemo(() => ({ ...outer, ...props.labels }), [outer, props.labels]);
  return (
    <LabelsContext.Provider value={merged}>
      <LocaleContext.Provider value={props.locale ?? outerLocale}>
        {props.children}
      </LocaleContext.Provider>
    </LabelsContext.Provider>
  );
}

/**
 * The labels in force for one family: its defaults (and the shared ones), then the provider's,
 * then the component's own prop. Typed as the family's labels, so a component cannot read a
 * string its family does not ship.
 */
export function useFamilyLabels<T extends object>(
  defaults: T,
  own?: Partial<GitStorageLabels>,
): T & SharedLabels {
  const provided = useContext(LabelsContext);
  return useMemo(
    () => ({ ...sharedLabels, ...defaults, ...provided, ...own }) as T & SharedLabels,
    [defaults, provided, own],
  );
}
