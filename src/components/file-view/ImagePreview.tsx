/**
 * An image from the repository, shown from an object URL that can never become a document in the
 * app's origin: bitmaps keep their own (inert) type, SVG is drawn to a PNG first (raster-svg.ts).
 */
import { useEffect, useState } from 'react';
import type { FileContent } from '../../react/index.js';
import type { DetectedType } from './detect-type.js';
import { inertBlob, rasteriseSvg } from './raster-svg.js';

/** Bitmap types an object URL may carry: opened at top level they are pictures, nothing runs. */
const BITMAP_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export interface ImageUrl {
  url: string;
  width?: number;
  height?: number;
}

/**
 * An object URL for an image file's bytes (revoked when the content changes or the caller
 * unmounts); `failed` when it cannot be drawn. Made after mount, never during server rendering.
 */
export function useImageUrl(
  content: FileContent | undefined,
  type: DetectedType | null,
): { image: ImageUrl | null; failed: boolean } {
  const [image, setImage] = useState<ImageUrl | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setImage(null);
    setFailed(false);
    if (!content || !type?.image) return;
    let objectUrl: string | null = null;
    let current = true;
    const bytes = content.bytes as Uint8Array;
    const made: Promise<{ blob: Blob; width?: number; height?: number }> = BITMAP_TYPES.has(
      type.mime,
    )
      ? Promise.resolve({ blob: inertBlob(bytes, type.mime) })
      : // SVG (and anything else) is shown as a bitmap drawn from it, never by its own URL.
        rasteriseSvg(bytes, Math.max(1, globalThis.devicePixelRatio || 1));
    made.then(
      ({ blob, width, height }) => {
        if (!current) return;
        objectUrl = URL.createObjectURL(blob);
        setImage({ url: objectUrl, ...(width ? { width, height } : {}) });
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [content, type]);
  return { image, failed };
}

export function ImagePreview(props: {
  content: FileContent;
  type: DetectedType;
  alt: string;
  failedText: string;
}) {
  const { image, failed } = useImageUrl(props.content, props.type);
  return (
    <div className="gsk-file-preview__image">
      {image && <img src={image.url} alt={props.alt} width={image.width} height={image.height} />}
      {failed && <p className="gsk-message">{props.failedText}</p>}
    </div>
  );
}
