import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Base64Decoder, Base64Error } from '../../src/local-server/base64-decoder.js';

function decodeInPieces(text: string, cuts: number[]): Buffer {
  const decoder = new Base64Decoder();
  const src = Buffer.from(text, 'latin1');
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, src.length]) {
    out.push(Buffer.from(decoder.push(src.subarray(from, cut))));
    from = cut;
  }
  decoder.end();
  return Buffer.concat(out);
}

describe('Base64Decoder', () => {
  it('matches Buffer.from for every length 0..300, cut anywhere', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = randomBytes(n);
      const text = bytes.toString('base64');
      const cut = Math.floor(text.length / 3);
      const cuts = [cut, Math.min(text.length, cut + 1 + (n % 5))];
      expect(decodeInPieces(text, cuts).equals(bytes)).toBe(true);
    }
  });

  it('decodes a large input fed in socket-sized pieces', () => {
    const bytes = randomBytes(1_000_003);
    const text = bytes.toString('base64');
    const cuts = [];
    for (let at = 65_531; at < text.length; at += 65_536) cuts.push(at);
    expect(decodeInPieces(text, cuts).equals(bytes)).toBe(true);
  });

  it('can be reset between strings', () => {
    const decoder = new Base64Decoder();
    expect(Buffer.from(decoder.push(Buffer.from('YQ=='))).toString()).toBe('a');
    decoder.end();
    decoder.reset();
    expect(Buffer.from(decoder.push(Buffer.from('Yg=='))).toString()).toBe('b');
  });

  it.each([
    ['a character outside the alphabet', 'YW*j', /not base64/],
    ['URL-safe characters', 'YW_j', /not base64/],
    ['data after padding', 'YQ==YQ==', /after "=" padding/],
    ['padding in the middle of a group', 'Y===', /misplaced/],
    ['non-canonical padding bits', 'YR==', /non-canonical/],
    ['a truncated group', 'YWJjZA', /multiple of 4/],
    ['whitespace', 'YW Jj', /not base64/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => decodeInPieces(text, [])).toThrow(Base64Error);
    expect(() => decodeInPieces(text, [])).toThrow(message);
  });
});
