/**
 * Incremental standard-base64 decoder working on bytes, for the upload path.
 *
 * Written by hand because Node 20 can only decode base64 from a JS string: every socket read of a
 * multi-gigabyte upload would become a string first, and those strings were most of the server's
 * garbage (and of its peak RSS) while receiving. This decodes straight from the socket's bytes
 * into a reused output buffer, and refuses anything that is not canonical base64 with padding.
 */

const INVALID = 255;
const PAD = 254;
const TABLE = new Uint8Array(256).fill(INVALID);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
for (let i = 0; i < ALPHABET.length; i++) TABLE[ALPHABET.charCodeAt(i)] = i;
TABLE['='.charCodeAt(0)] = PAD;

export class Base64Error extends Error {
  override readonly name = 'Base64Error';
}

export class Base64Decoder {
  private acc = 0;
  /** Characters of the current 4-character group seen so far. */
  private count = 0;
  /** '=' characters seen (then only more '=' may follow, up to the group's end). */
  private padding = 0;
  private readonly scratch = Buffer.allocUnsafeSlow(128 * 1024);

  /** Starts a new base64 string. */
  reset(): void {
    this.acc = 0;
    this.count = 0;
    this.padding = 0;
  }

  /**
   * Decodes `src` (a piece of the string, cut anywhere). Returns the decoded bytes as a view into
   * a buffer this decoder reuses: consume or copy it before the next call.
   */
  push(src: Uint8Array): Buffer {
    const need = Math.floor((src.length + 3) / 4) * 3 + 3;
    // Socket-sized pieces reuse one buffer; a rare whole-line decode gets its own.
    const out = need <= this.scratch.length ? this.scratch : Buffer.allocUnsafe(need);
    let o = 0;
    let acc = this.acc;
    let count = this.count;
    let padding = this.padding;
    for (let i = 0; i < src.length; i++) {
      const v = TABLE[src[i] as number] as number;
      if (v < 64) {
        if (padding > 0) throw new Base64Error('characters after "=" padding');
        acc = (acc << 6) | v;
        if (++count === 4) {
          out[o++] = (acc >>> 16) & 0xff;
          out[o++] = (acc >>> 8) & 0xff;
          out[o++] = acc & 0xff;
          acc = 0;
          count = 0;
        }
      } else if (v === PAD) {
        if (padding === 4) throw new Base64Error('characters after "=" padding');
        if (padding === 0) {
          if (count < 2) throw new Base64Error('misplaced "=" padding');
          // Emit the group's bytes now; the remaining '=' only close the group.
          if (count === 2) {
            if ((acc & 0xf) !== 0) throw new Base64Error('non-canonical padding bits');
            out[o++] = (acc >>> 4) & 0xff;
          } else {
            if ((acc & 0x3) !== 0) throw new Base64Error('non-canonical padding bits');
            out[o++] = (acc >>> 10) & 0xff;
            out[o++] = (acc >>> 2) & 0xff;
          }
        }
        padding++;
        if (++count === 4) {
          acc = 0;
          count = 0;
          padding = 4; // group closed: nothing may follow
        }
      } else {
        throw new Base64Error(`character 0x${(src[i] as number).toString(16)} is not base64`);
      }
    }
    this.acc = acc;
    this.count = count;
    this.padding = padding;
    return out.subarray(0, o);
  }

  /** Checks the string ended on a group boundary. */
  end(): void {
    if (this.count !== 0) throw new Base64Error('length is not a multiple of 4');
  }
}
