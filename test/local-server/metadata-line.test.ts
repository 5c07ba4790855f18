/**
 * The metadata line reader gives what JSON.parse gives, however the text is cut, while keeping
 * only the line's skeleton and the parsed entries; and it refuses what JSON.parse refuses.
 */
import { describe, expect, it } from 'vitest';
import { MetadataLineReader } from '../../src/local-server/metadata-line.js';

function read(pieces: string[]): Record<string, unknown> {
  const reader = new MetadataLineReader();
  for (const piece of pieces) reader.push(piece);
  return reader.finish();
}

const line = JSON.stringify({
  metadata: {
    target_branch: 'main',
    commit_message: 'a "quoted" [message] with {braces}, \\ and \u00e9 \ud83d\ude00',
    author: { name: 'A', email: 'a@example.com', files: ['not', 'the', 'files'] },
    files: [
      { path: 'a/b.txt', content_id: 'c1', operation: 'upsert', mode: '100644' },
      { path: 'we"ird]}{[.txt', content_id: 'c2', operation: 'delete' },
      { path: 'x', content_id: 'c3', extra: { nested: [1, { deeper: true }] } },
    ],
    expected_head_sha: 'a'.repeat(40),
  },
});

describe('MetadataLineReader', () => {
  it('equals JSON.parse for every two-piece cut', () => {
    const expected = JSON.parse(line);
    for (let cut = 0; cut <= line.length; cut++) {
      expect(read([line.slice(0, cut), line.slice(cut)])).toEqual(expected);
    }
  });

  it('equals JSON.parse character by character, with white space between entries', () => {
    const spaced = line
      .replace('"files":[', '"files" : [ \n')
      .replaceAll('},{"path"', '} ,\n {"path"');
    expect(read([...spaced])).toEqual(JSON.parse(spaced));
  });

  it('reads a line without files, and an empty files array', () => {
    expect(read(['{"metadata":{"target_branch":"m"}}'])).toEqual({
      metadata: { target_branch: 'm' },
    });
    expect(read(['{"metadata":{"files":[]}}'])).toEqual({ metadata: { files: [] } });
  });

  it.each([
    ['files of strings', '{"metadata":{"files":["a"]}}', /array of objects/],
    ['files of numbers', '{"metadata":{"files":[1]}}', /array of objects/],
    ['a broken entry', '{"metadata":{"files":[{"path":}]}}', /not valid JSON/],
    ['a broken skeleton', '{"metadata":{"files":[],}}', /not valid JSON/],
    ['an unterminated line', '{"metadata":{"files":[{"path":"a"}', /not valid JSON/],
    [
      'a trailing comma in files',
      '{"metadata":{"files":[{"p":1},]}}',
      /not valid JSON|array of objects/,
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(() => read([text])).toThrow(message);
  });
});
