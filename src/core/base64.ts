/**
 * Base64 encoding straight into a byte buffer, for building NDJSON upload lines.
 *
 * Written by hand because the platform offers no way to base64 a 4 MiB chunk into bytes without
 * detours: `btoa` needs a binary string (built char by char, then re-encoded with TextEncoder),
 * `Buffer` exists only in Node, and `Uint8Array.prototype.toBase64` is not in Node 20 or most
 * browsers yet. A 12-bit lookup table encodes two output characters per step.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAIRS = new Uint16Array(4096);
const SINGLE = new Uint8Array(64);
for (let i = 0; i < 64; i++) SINGLE[i] = ALPHABET.charCodeAt(i);
for (let i = 0; i < 4096; i++) {
  // Little-endian: the first character in the low byte, so one 16-bit store writes both.
  PAIRS[i] = (SINGLE[i >> 6] as number) | ((SINGLE[i & 63] as number) << 8);
}
const PAD = 0x3d; // '='

/** Bytes of base64 text for `n` input bytes. */
export function base64Length(n: number): number {
  return Math.ceil(n / 3) * 4;
}

/** Encodes `src` as base64 into `dst` at `offset`; returns the offset after the last byte. */
export function encodeBase64Into(src: Uint8Array, dst: Uint8Array, offset: number): number {
  let o = offset;
  const whole = src.length - (src.length % 3);
  let i = 0;
  for (; i < whole; i += 3) {
    const n = ((src[i] as number) << 16) | ((src[i + 1] as number) << 8) | (src[i + 2] as number);
    const hi = PAIRS[n >> 12] as number;
    const lo = PAIRS[n & 0xfff] as number;
    dst[o] = hi & 0xff;
    dst[o + 1] = hi >> 8;
    dst[o + 2] = lo & 0xff;
    dst[o + 3] = lo >> 8;
    o += 4;
  }
  const rest = src.length - whole;
  if (rest === 1) {
    const n = (src[i] as number) << 16;
    dst[o++] = SINGLE[n >> 18] as number;
    dst[o++] = SINGLE[(n >> 12) & 63] as number;
    dst[o++] = PAD;
    dst[o++] = PAD;
  } else if (rest === 2) {
    const n = ((src[i] as number) << 16) | ((src[i + 1] as number) << 8);
    dst[o++] = SINGLE[n >> 18] as number;
    dst[o++] = SINGLE[(n >> 12) & 63] as number;
    dst[o++] = SINGLE[(n >> 6) & 63] as number;
    dst[o++] = PAD;
  }
  return o;
}
