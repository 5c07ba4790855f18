/**
 * The body of a diff file whose lines are not shown (binary, or left out for size): its real
 * size before and after, and for images both versions side by side ("2-up"), each read from its
 * own side of the diff and shown through the file view's inert object URLs.
 */
import { useEffect, useMemo, useState } from 'react';
import type { FileContent } from '../../react/index.js';
import { detectType } from '../file-view/detect-type.js';
import { useImageUrl } from '../file-view/ImagePreview.js';
import { formatBytes } from '../shared/format.js';
import type { DiffEntry } from './diff-model.js';
import type { DiffViewerLabels } from './labels.js';

/** Names read whole to be drawn (up to the limit below); other files only for their size. */
const IMAGE_NAME = /\.(png|jpe?g|gif|webp|svg)$/i;
export const IMAGE_DIFF_MAX_BYTES = 16 * 1024 * 1024;

export type ReadSide = (path: string, ref: string, maxBytes: number) => Promise<FileContent>;

type Side = FileContent | null | undefined; // undefined: loading; null: not on that side

export function UnshownFile(props: {
  entry: DiffEntry;
  read: ReadSide;
  /** The old side's commit (unknown: only the new side is shown). */
  oldRef?: string | undefined;
  newRef: string;
  labels: DiffViewerLabels;
  locale?: string | undefined;
}) {
  const { entry, read, oldRef, newRef, labels } = props;
  const [sides, setSides] = useState<{ old: Side; new: Side }>({ old: undefined, new: undefined });
  const image = IMAGE_NAME.test(entry.path);
  useEffect(() => {
    let current = true;
    // Others: enough to tell binary from text the way git does (a NUL in the first 8,000 bytes).
    const maxBytes = image ? IMAGE_DIFF_MAX_BYTES : 8000;
    const load = (path: string, ref: string | undefined, absent: boolean): Promise<Side> =>
      absent || !ref ? Promise.resolve(null) : read(path, ref, maxBytes).catch(() => null);
    Promise.all([
      load(entry.oldPath ?? entry.path, oldRef, entry.state === 'added'),
      load(entry.path, newRef, entry.state === 'deleted'),
    ]).then(([before, after]) => {
      if (current) setSides({ old: before, new: after });
    });
    return () => {
      current = false;
    };
  }, [entry, read, oldRef, newRef, image]);

  const size = (side: Side) => (side ? formatBytes(side.size, props.locale) : null);
  if (sides.old === undefined && sides.new === undefined) {
    return <p className="gsk-diff-file__placeholder">{labels.binaryLoading}</p>;
  }
  const text = [sides.old, sides.new].every((side) => !side?.isBinary) && !image;
  const sizes = (text ? labels.largeSizes : labels.binarySizes)(size(sides.old), size(sides.new));
  if (!image || (!drawable(sides.old) && !drawable(sides.new))) {
    return <p className="gsk-diff-file__placeholder">{sizes}</p>;
  }
  return (
    <div className="gsk-diff-image">
      <p className="gsk-diff-image__sizes">{sizes}</p>
      <div className="gsk-diff-image__sides">
        {(['old', 'new'] as const).map((which) => (
          <figure key={which} className={`gsk-diff-image__side gsk-diff-image__side--${which}`}>
            <figcaption>{which === 'old' ? labels.before : labels.after}</figcaption>
            <SideImage
              content={sides[which]}
              alt={which === 'old' ? labels.imageBefore(entry.path) : labels.imageAfter(entry.path)}
              none={labels.noImageOnSide}
            />
          </figure>
        ))}
      </div>
    </div>
  );
}

function drawable(side: Side): side is FileContent {
  return !!side && !side.truncated;
}

function SideImage(props: { content: Side; alt: string; none: string }) {
  const content = drawable(props.content) ? props.content : undefined;
  const type = useMemo(
    () => (content ? detectType(content.path, content.bytes, content.text) : null),
    [content],
  );
  const { image } = useImageUrl(content, type);
  if (!content || !type?.image) return <p className="gsk-diff-image__none">{props.none}</p>;
  return image ? (
    <img src={image.url} alt={props.alt} width={image.width} height={image.height} />
  ) : (
    <span className="gsk-diff-image__pending" />
  );
}
