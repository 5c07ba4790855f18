/** The file preview and file view's strings, English by default (see `GitStorageLabelsProvider` to replace them). */
import type { SharedLabels } from '../shared/labels.js';

export const fileViewLabels = {
  noFileSelected: 'Select a file to see it here.',
  loadingFile: 'Loading file…',
  fileContent: (path: string) => `Contents of ${path}`,
  download: 'Download',
  copyPath: 'Copy path',
  pathCopied: 'Path copied',
  downloading: 'Downloading…',
  downloadFailed: (message: string) => `Download failed: ${message}`,
  binaryFile: (size: string, type: string) => `Binary file (${type}), ${size}. It is not shown.`,
  unknownType: 'unknown type',
  truncated: (shown: string, size: string) => `Showing the first ${shown} of ${size}.`,
  loadAll: 'Load all',
  tooBigToLoad: (size: string) => `The file is ${size}: download it to see all of it.`,
  emptyFile: 'This file is empty.',
  imageAlt: (path: string) => `Preview of ${path}`,
  lastCommit: 'Last commit',
  lines: (count: string) => `${count} lines`,
  imageFailed: 'This image could not be drawn for a preview.',
  /** The Markdown switch: the rendered document or its text. */
  preview: 'Preview',
  source: 'Source',
  markdownView: 'Show as',
  renderedMarkdown: (path: string) => `${path}, rendered`,
  headingLink: (slug: string) => `Link to the section ${slug}`,
  externalImage: (alt: string) =>
    alt ? `Image on another site: ${alt}` : 'Image on another site (not loaded)',
  imageMissing: (alt: string) => (alt ? `Image not found: ${alt}` : 'Image not found'),
  task: (done: boolean) => (done ? 'Done' : 'To do'),
};

export type FileViewLabels = typeof fileViewLabels & SharedLabels;
