/**
 * Reads the first NDJSON line of a commit upload — `{"metadata": {…, "files": [ … ]}}` — as its
 * text arrives, parsing each entry of `metadata.files` on its own. The line of a 100,000-file
 * commit is ~14 MB: held whole (as bytes or as one string) while JSON.parse built every entry,
 * it was the server's memory peak. Here only the small rest of the line (the "skeleton", with the
 * files array left empty) and the parsed entries are kept; JSON.parse still validates every
 * piece, so nothing is accepted that JSON would refuse.
 *
 * Written by hand because it is a structural scan, not a parser: it tracks strings, escapes
 * and nesting to find where the files array and each of its entries start and end, and hands
 * the pieces to JSON.parse.
 */
import { fail } from './http-error.js';

const FILES_KEY = /"files"\s*:\s*$/;

export class MetadataLineReader {
  private skeleton = '';
  private entry = '';
  private readonly entries: unknown[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Depth of the files array's brackets while inside it; -1 outside. */
  private filesDepth = -1;
  private sawFiles = false;
  /** Between entries: 'first' after `[`, 'comma' after an entry, 'next' after a comma. */
  private expect: 'first' | 'comma' | 'next' = 'first';

  /** Where the text being scanned goes: the skeleton, the current entry, or nowhere. */
  private target: 'skeleton' | 'entry' | 'none' = 'skeleton';

  private append(text: string): void {
    if (this.target === 'skeleton') this.skeleton += text;
    else if (this.target === 'entry') this.entry += text;
  }

  /** Feeds the next piece of the line's text. */
  push(text: string): void {
    let from = 0;
    const switchTo = (at: number, next: MetadataLineReader['target']) => {
      if (at > from) this.append(text.slice(from, at));
      from = at;
      this.target = next;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      const betweenEntries = this.filesDepth >= 0 && this.depth === this.filesDepth;
      if (c === 0x22) {
        if (betweenEntries) fail(400, 'metadata.files must be an array of objects');
        this.inString = true;
      } else if (c === 0x7b || c === 0x5b) {
        if (betweenEntries) {
          if (c !== 0x7b) fail(400, 'metadata.files must be an array of objects');
          if (this.expect === 'comma') fail(400, 'NDJSON line 1 is not valid JSON');
          switchTo(i, 'entry');
        } else if (this.filesDepth < 0 && c === 0x5b && this.depth === 2 && !this.sawFiles) {
          switchTo(i, 'skeleton');
          if (FILES_KEY.test(this.skeleton)) {
            this.skeleton += '[]';
            this.sawFiles = true;
            this.depth++;
            this.filesDepth = this.depth;
            this.expect = 'first';
            from = i + 1;
            this.target = 'none';
            continue;
          }
        }
        this.depth++;
      } else if (c === 0x7d || c === 0x5d) {
        if (betweenEntries) {
          if (c !== 0x5d || this.expect === 'next') fail(400, 'NDJSON line 1 is not valid JSON');
          switchTo(i, 'skeleton'); // the files array closes: drop what was between entries
          from = i + 1;
          this.filesDepth = -1;
          this.depth--;
          continue;
        }
        this.depth--;
        if (this.filesDepth >= 0 && this.depth === this.filesDepth) {
          switchTo(i + 1, 'none');
          this.takeEntry();
          this.expect = 'comma';
        }
      } else if (betweenEntries) {
        if (c === 0x2c) {
          if (this.expect !== 'comma') fail(400, 'NDJSON line 1 is not valid JSON');
          this.expect = 'next';
        } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
          fail(400, 'metadata.files must be an array of objects');
        }
      }
    }
    this.append(text.slice(from));
  }

  private takeEntry(): void {
    let value: unknown;
    try {
      value = JSON.parse(this.entry);
    } catch {
      fail(400, 'NDJSON line 1 is not valid JSON');
    }
    this.entry = '';
    this.entries.push(value);
  }

  /** The parsed line, with `metadata.files` holding the entries read on the way. */
  finish(): Record<string, unknown> {
    if (this.filesDepth >= 0 || this.inString || this.depth !== 0) {
      fail(400, 'NDJSON line 1 is not valid JSON');
    }
    let value: unknown;
    try {
      value = JSON.parse(this.skeleton);
    } catch {
      fail(400, 'NDJSON line 1 is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(400, 'NDJSON line 1 is not a JSON object');
    }
    const metadata = (value as { metadata?: unknown }).metadata;
    if (this.sawFiles && typeof metadata === 'object' && metadata !== null) {
      (metadata as { files?: unknown }).files = this.entries;
    }
    return value as Record<string, unknown>;
  }
}
