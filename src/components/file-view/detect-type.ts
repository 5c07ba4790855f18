/**
 * What kind of file some bytes are, from their first bytes (magic numbers) and, for SVG, the
 * name and text. Only what the preview needs: which images a browser can show from an object
 * URL, and a readable name for binary files. Plain TypeScript, no React.
 */

export interface DetectedType {
  /** MIME type to give the Blob of an image preview, or a generic one. */
  mime: string;
  /** A short name for people ("PNG image", "ZIP archive"). */
  description: string;
  /** The preview shows it as an image. */
  image: boolean;
}

const SIGNATURES: { bytes: (number | null)[]; type: DetectedType }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: img('image/png', 'PNG image') },
  { bytes: [0xff, 0xd8, 0xff], type: img('image/jpeg', 'JPEG image') },
  { bytes: [0x47, 0x49, 0x46, 0x38], type: img('image/gif', 'GIF image') },
  {
    // RIFF????WEBP
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
    type: img('image/webp', 'WebP image'),
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], type: bin('application/pdf', 'PDF document') },
  { bytes: [0x50, 0x4b, 0x03, 0x04], type: bin('application/zip', 'ZIP archive') },
  { bytes: [0x1f, 0x8b], type: bin('application/gzip', 'gzip archive') },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], type: bin('application/x-elf', 'ELF executable') },
  { bytes: [0x00, 0x61, 0x73, 0x6d], type: bin('application/wasm', 'WebAssembly module') },
];

function img(mime: string, description: string): DetectedType {
  return { mime, description, image: true };
}

function bin(mime: string, description: string): DetectedType {
  return { mime, description, image: false };
}

/** `null` when nothing is recognised (plain text, or an unknown binary). */
export function detectType(path: string, bytes: Uint8Array, text?: string): DetectedType | null {
  for (const { bytes: sig, type } of SIGNATURES) {
    if (bytes.length >= sig.length && sig.every((b, i) => b === null || bytes[i] === b)) {
      return type;
    }
  }
  if (/\.svg$/i.test(path) && text !== undefined && /<svg[\s>]/i.test(text.slice(0, 4096))) {
    // Shown through <img>, where an SVG's scripts and external loads never run.
    return img('image/svg+xml', 'SVG image');
  }
  return null;
}
