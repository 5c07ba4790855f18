/**
 * Reads one file's patch as git prints it (`FileDiff.raw`: `diff --git` headers, then hunks) into
 * headers and hunks. The DiffViewer shows exactly these lines: the server computed the diff, and
 * nothing in the browser diffs two files again.
 *
 * Hunk bodies are read by the counts in their `@@ -a,b +c,d @@` line, not by their look, so a
 * removed line that reads `--- x` or an added `+++ y` is content, never a header. A line is kept
 * as its start and end in the patch text and one byte for its kind; its text is cut out only
 * when it is shown. A 200,000-line patch parses in one pass with no string per line.
 */

/** Kind of a patch line. */
export const LineKind = { context: 0, added: 1, removed: 2 } as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

export interface PatchHunk {
  /** The hunk's lines are `from` … `to - 1` of the patch's lines. */
  from: number;
  to: number;
  /** First old line (1-based; 0 when the old side is empty). */
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  /** Text after the second `@@`: the function or section git found (may be empty). */
  section: string;
  /** The old side's last line has no newline ("\ No newline at end of file"). */
  oldNoNewline: boolean;
  newNoNewline: boolean;
}

/** One `diff --git` section. A type change (file ↔ symlink) is printed as two. */
export interface PatchSection {
  oldMode?: string;
  newMode?: string;
  /** `new file mode` given: the file was added. */
  created: boolean;
  /** `deleted file mode` given. */
  deleted: boolean;
  /** Similarity of a rename or copy, in percent. */
  similarity?: number;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  /** Blob ids from the `index` line (full with `--full-index`). */
  oldBlob?: string;
  newBlob?: string;
  /** `Binary files … differ` or a `GIT binary patch`. */
  binary: boolean;
  hunks: PatchHunk[];
}

export interface ParsedPatch {
  /** The patch text the offsets point into. */
  raw: string;
  /** Where each hunk line's text (after its ` `, `+` or `-`) starts and ends in `raw`. */
  starts: Uint32Array;
  ends: Uint32Array;
  /** One `LineKind` per line. */
  kinds: Uint8Array;
  sections: PatchSection[];
  /** All hunks of all sections, in order. */
  hunks: PatchHunk[];
  additions: number;
  deletions: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
const SYMLINK_MODE = '120000';

/** True when a mode says symbolic link. */
export function isSymlinkMode(mode: string | undefined): boolean {
  return mode === SYMLINK_MODE;
}

function newSection(): PatchSection {
  return { created: false, deleted: false, binary: false, hunks: [] };
}

/** Headers git prints between `diff --git` and the first hunk (git's own spelling). */
function readHeader(section: PatchSection, line: string): void {
  const space = line.indexOf(' ');
  const word = space < 0 ? line : line.slice(0, space);
  const rest = space < 0 ? '' : line.slice(space + 1);
  if (word === 'old' && rest.startsWith('mode ')) section.oldMode = rest.slice(5);
  else if (word === 'new' && rest.startsWith('mode ')) section.newMode = rest.slice(5);
  else if (word === 'new' && rest.startsWith('file mode ')) {
    section.created = true;
    section.newMode = rest.slice(10);
  } else if (word === 'deleted' && rest.startsWith('file mode ')) {
    section.deleted = true;
    section.oldMode = rest.slice(10);
  } else if (word === 'similarity' && rest.startsWith('index ')) {
    section.similarity = Number.parseInt(rest.slice(6), 10);
  } else if (word === 'rename' && rest.startsWith('from ')) section.renameFrom = rest.slice(5);
  else if (word === 'rename' && rest.startsWith('to ')) section.renameTo = rest.slice(3);
  else if (word === 'copy' && rest.startsWith('from ')) section.copyFrom = rest.slice(5);
  else if (word === 'copy' && rest.startsWith('to ')) section.copyTo = rest.slice(3);
  else if (word === 'index') {
    const [blobs = '', mode] = rest.split(' ');
    const [oldBlob, newBlob] = blobs.split('..');
    section.oldBlob = oldBlob;
    section.newBlob = newBlob;
    if (mode && !section.oldMode && !section.newMode) {
      section.oldMode = mode;
      section.newMode = mode;
    }
  } else if (word === 'Binary' || line === 'GIT binary patch') section.binary = true;
}

/** Parses one file's patch (one or two `diff --git` sections). Never throws: odd input gives fewer hunks. */
export function parsePatch(raw: string): ParsedPatch {
  const sections: PatchSection[] = [];
  const hunks: PatchHunk[] = [];
  // Typed arrays sized by a first count of newlines: growing plain arrays line by line was the
  // slowest part of parsing a 200,000-line patch (allocation, not the scan).
  let newlines = 0;
  for (let at = raw.indexOf('\n'); at >= 0; at = raw.indexOf('\n', at + 1)) newlines++;
  const starts = new Uint32Array(newlines + 1);
  const ends = new Uint32Array(newlines + 1);
  const kinds = new Uint8Array(newlines + 1);
  let count = 0;
  let additions = 0;
  let deletions = 0;
  let section: PatchSection | null = null;
  let pos = 0;
  const end = raw.length;

  const nextLine = (): string => {
    let nl = raw.indexOf('\n', pos);
    if (nl < 0) nl = end;
    const line = raw.slice(pos, nl);
    pos = nl + 1;
    return line;
  };
  /** The end of the line at `pos` (its newline, or the end of the text). */
  const lineEnd = (): number => {
    const nl = raw.indexOf('\n', pos);
    return nl < 0 ? end : nl;
  };

  while (pos < end) {
    const line = nextLine();
    if (line.startsWith('diff --git ')) {
      section = newSection();
      sections.push(section);
      continue;
    }
    if (!section) continue;
    const header = line.startsWith('@@ ') ? HUNK_HEADER.exec(line) : null;
    if (!header) {
      if (!line.startsWith('--- ') && !line.startsWith('+++ ')) readHeader(section, line);
      continue;
    }
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const newCount = header[4] === undefined ? 1 : Number(header[4]);
    const from = count;
    let oldLeft = oldCount;
    let newLeft = newCount;
    let oldNoNewline = false;
    let newNoNewline = false;
    let lastKind = -1;
    while (pos < end && (oldLeft > 0 || newLeft > 0 || raw.charCodeAt(pos) === 92) /* \\ */) {
      const stop = lineEnd();
      const sign = raw.charCodeAt(pos);
      let kind: LineKind;
      if (sign === 92) {
        if (lastKind === LineKind.removed || lastKind === LineKind.context) oldNoNewline = true;
        if (lastKind === LineKind.added || lastKind === LineKind.context) newNoNewline = true;
        pos = stop + 1;
        continue;
      }
      if (sign === 43 /* + */) {
        kind = LineKind.added;
        newLeft--;
        additions++;
      } else if (sign === 45 /* - */) {
        kind = LineKind.removed;
        oldLeft--;
        deletions++;
      } else if (sign === 32 /* space */ || stop === pos) {
        // An empty line in a hunk is an empty context line whose space some tools strip.
        kind = LineKind.context;
        oldLeft--;
        newLeft--;
      } else {
        break; // not a hunk line: the hunk was shorter than its header said
      }
      starts[count] = stop === pos ? pos : pos + 1;
      ends[count] = stop;
      kinds[count] = kind;
      count++;
      lastKind = kind;
      pos = stop + 1;
    }
    const hunk: PatchHunk = {
      oldStart: Number(header[1]),
      oldCount,
      newStart: Number(header[3]),
      newCount,
      section: header[5] ?? '',
      from,
      to: count,
      oldNoNewline,
      newNoNewline,
    };
    section.hunks.push(hunk);
    hunks.push(hunk);
  }
  return {
    raw,
    starts: starts.subarray(0, count),
    ends: ends.subarray(0, count),
    kinds: kinds.subarray(0, count),
    sections,
    hunks,
    additions,
    deletions,
  };
}

/** The text of line `i` of the patch (without its ` `, `+` or `-`). */
export function lineText(patch: ParsedPatch, i: number): string {
  return patch.raw.slice(patch.starts[i], patch.ends[i]);
}

/** The lines of one side of a hunk (`old`: context and removed; `new`: context and added). */
export function hunkSide(patch: ParsedPatch, hunk: PatchHunk, side: 'old' | 'new'): string[] {
  const skip = side === 'old' ? LineKind.added : LineKind.removed;
  const out: string[] = [];
  for (let i = hunk.from; i < hunk.to; i++) {
    if (patch.kinds[i] !== skip) out.push(lineText(patch, i));
  }
  return out;
}
