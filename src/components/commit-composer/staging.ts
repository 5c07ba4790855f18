/**
 * Turning what the user dropped, picked or typed into staged paths, and describing what is
 * staged: plain TypeScript, no React, so every rule is tested on its own.
 */
import {
  type CommitProgress,
  pathProblem,
  type StagedChange,
  sourceSize,
} from '../../core/browser.js';

/** Files an operating system leaves beside the user's own: never worth committing. */
const JUNK_FILES = new Set(['.DS_Store', 'Thumbs.db', 'ehthumbs.db', 'desktop.ini', 'Icon\r']);
/** Folders that only hold such files (macOS archive metadata, indexes, trash). */
const JUNK_FOLDERS = new Set(['__MACOSX', '.Spotlight-V100', '.Trashes', '.fseventsd']);

/** Why `path` is operating-system junk, or `null` when it is the user's own file. */
export function junkReason(path: string): string | null {
  const parts = path.split('/');
  const folder = parts.slice(0, -1).find((part) => JUNK_FOLDERS.has(part));
  if (folder) return `${folder}/ holds operating-system metadata`;
  const name = parts[parts.length - 1] ?? '';
  if (JUNK_FILES.has(name)) return `${name.trim()} is operating-system metadata`;
  return null;
}

/** A file with the path it had in what was dropped or picked (react-dropzone / file-selector
 * set `relativePath` / `path`; a folder input sets `webkitRelativePath`). */
export type PickedFile = File & { relativePath?: string; path?: string };

/** The file's path inside what was dropped: "photos/2024/a.jpg", or its name alone. */
export function pickedPath(file: PickedFile): string {
  const raw =
    (typeof file.relativePath === 'string' && file.relativePath) ||
    (typeof file.path === 'string' && file.path) ||
    file.webkitRelativePath ||
    file.name;
  // file-selector writes "./name" for a loose file and "/folder/name" for a folder's files.
  return raw.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

/** `name` under `basePath` ("docs" + "a.md" → "docs/a.md"); a name starting with "/" is from
 * the repository root. */
export function targetPath(basePath: string | undefined, name: string): string {
  if (name.startsWith('/')) return name.slice(1);
  const base = (basePath ?? '').replace(/^\/+|\/+$/g, '');
  return base ? `${base}/${name}` : name;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface DropPlan {
  /** Ready for `stageAll`: every path valid. A path dropped twice keeps the last file. */
  files: { path: string; source: File }[];
  /** Junk and files whose path git would refuse, with the reason in words. */
  skipped: SkippedFile[];
}

/** Sorts dropped or picked files into what to stage (under `basePath`) and what to skip. */
export function planDrop(files: Iterable<PickedFile>, basePath?: string): DropPlan {
  const byPath = new Map<string, File>();
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    const relative = pickedPath(file);
    const junk = junkReason(relative);
    if (junk) {
      skipped.push({ path: relative, reason: junk });
      continue;
    }
    const path = targetPath(basePath, relative);
    const problem = pathProblem(path);
    if (problem) skipped.push({ path, reason: problem });
    else byPath.set(path, file);
  }
  return { files: [...byPath].map(([path, source]) => ({ path, source })), skipped };
}

/** How a staged change affects the branch, for its badge. */
export type StagedKind = 'add' | 'replace' | 'edit' | 'delete';

/**
 * `exists`: whether the path is on the branch (undefined while unknown). A text staged over an
 * existing file is an edit; a file over one is a replacement.
 */
export function stagedKind(change: StagedChange, exists: boolean | undefined): StagedKind {
  if (change.kind === 'delete') return 'delete';
  if (!exists) return 'add';
  return typeof change.source === 'string' ? 'edit' : 'replace';
}

/** Bytes a staged change uploads (0 for a deletion; undefined for a stream of unknown size). */
export function stagedBytes(change: StagedChange): number | undefined {
  return change.kind === 'delete' ? 0 : sourceSize(change.source);
}

export interface StagedSummary {
  files: number;
  add: number;
  replace: number;
  edit: number;
  delete: number;
  bytes: number;
}

export function summarize(
  staged: readonly StagedChange[],
  exists: (path: string) => boolean | undefined,
): StagedSummary {
  const summary: StagedSummary = { files: 0, add: 0, replace: 0, edit: 0, delete: 0, bytes: 0 };
  for (const change of staged) {
    summary.files++;
    summary[stagedKind(change, exists(change.path))]++;
    summary.bytes += stagedBytes(change) ?? 0;
  }
  return summary;
}

/** Folders holding the staged paths ('' for the root), for looking up which paths exist. */
export function stagedFolders(staged: readonly StagedChange[]): string[] {
  const folders = new Set<string>();
  for (const change of staged) {
    const slash = change.path.lastIndexOf('/');
    folders.add(slash < 0 ? '' : change.path.slice(0, slash));
  }
  return [...folders].sort();
}

/** Whether a staged file is worth opening in the text editor (text-like and not too big). */
export const EDITABLE_MAX_BYTES = 1024 * 1024;

/**
 * Transfer speed over a sliding window, and the time left at that speed. Fed the progress
 * events as they come; no timer of its own.
 */
export class TransferMeter {
  private samples: { at: number; bytes: number }[] = [];
  constructor(private readonly windowMs = 3000) {}

  /** Records `bytes` sent so far at time `at` (ms). */
  add(bytes: number, at: number): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > this.windowMs) {
      this.samples.shift();
    }
  }

  /** Bytes per second over the window, or undefined before two samples half a second apart. */
  rate(): number | undefined {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 500) return undefined;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  /** Seconds left for `remaining` bytes at the current rate. */
  secondsLeft(remaining: number): number | undefined {
    const rate = this.rate();
    return rate && rate > 0 ? remaining / rate : undefined;
  }
}

/** Percent of the upload sent (0–100), or undefined when the total is unknown. */
export function percentSent(progress: CommitProgress | undefined): number | undefined {
  if (!progress?.totalBytes) return progress?.phase === 'committing' ? 100 : undefined;
  return Math.min(100, Math.floor((progress.bytesSent / progress.totalBytes) * 100));
}
