/**
 * git-storage-kit/components/code-search: search a branch's files — `CodeSearch` (connected) and
 * `CodeSearchResults` (presentational). Importing one family bundles only it (and what it uses).
 */
export { CodeSearch, type CodeSearchProps } from './CodeSearch.js';
export { CodeSearchResults, type CodeSearchResultsProps } from './CodeSearchResults.js';
export type { CodeSearchLabels } from './labels.js';
export { escapeExtendedRegex, type SearchQuery } from './search-model.js';
