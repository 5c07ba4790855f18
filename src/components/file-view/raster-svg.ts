/**
 * SVG previews as bitmaps. An object URL typed `image/svg+xml` is safe inside an `<img>`, but
 * "Open image in new tab" opens it at top level, in the app's origin, where its scripts run with
 * the user's session. So an SVG from a repository never gets such a URL: it is decoded from a
 * `data:` URL by an `<img>` that is never attached (scripts never run in an image), drawn on a
 * canvas and handed out as a PNG, which no browser executes.
 */

/** The longest side of the bitmap, in device pixels: enough for any preview, bounded memory. */
const MAX_SIDE = 4096;
/** An SVG with no intrinsic size is drawn at this CSS width (browsers' default replaced size). */
const DEFAULT_WIDTH = 300;
const DEFAULT_HEIGHT = 150;

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(text);
}

/**
 * The SVG `bytes` rendered to a PNG at `scale` device pixels per CSS pixel, with the size (CSS
 * pixels) to show it at: the bitmap is `scale` times larger, so it stays sharp on a dense screen.
 */
export async function rasteriseSvg(
  bytes: Uint8Array,
  scale = 1,
): Promise<{ blob: Blob; width: number; height: number }> {
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;base64,${base64(bytes)}`;
  await image.decode();
  const width = image.naturalWidth || DEFAULT_WIDTH;
  const height = image.naturalHeight || DEFAULT_HEIGHT;
  const factor = Math.min(scale, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * factor));
  canvas.height = Math.max(1, Math.round(height * factor));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (made) => (made ? resolve(made) : reject(new Error('the SVG could not be drawn'))),
      'image/png',
    ),
  );
  return { blob, width, height };
}

/** A Blob of `bytes` with a type browsers never run as a document (for object URLs). */
export function inertBlob(bytes: Blob | Uint8Array, type = 'application/octet-stream'): Blob {
  if (bytes instanceof Blob) return bytes.slice(0, bytes.size, type);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}
