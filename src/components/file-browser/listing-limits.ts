/**
 * How the tree is read, shared by the file browser and the composer (which must not pull in the
 * tree model just to know the size of the whole-tree request).
 */
/** Repositories with at most this many entries (files and folders) load in one request. */
export const WHOLE_TREE_LIMIT = 5000;
/** Page size when a large repository is read one folder at a time. */
export const FOLDER_PAGE = 1000;
