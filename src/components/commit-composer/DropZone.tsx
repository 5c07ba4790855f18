/**
 * Where files come in: drop files or whole folders (react-dropzone, whose file-selector walks
 * dropped folders and reads each directory until it returns nothing), pick files or a folder,
 * paste files or text. Every way in ends in `onFiles` with each file's relative path kept;
 * pasted text goes to `onPasteText` (the composer opens it as a new file).
 */
import { type ClipboardEvent, type ReactElement, type ReactNode, useId, useRef } from 'react';
import { useDropzone } from 'react-dropzone';
import { cx } from '../shared/cx.js';
import type { CommitComposerLabels } from './labels.js';
import type { PickedFile } from './staging.js';

export interface DropZoneProps {
  /** The folder files land in (said in the hint). */
  basePath?: string;
  onFiles: (files: PickedFile[]) => void;
  onPasteText?: (text: string) => void;
  disabled?: boolean;
  labels: CommitComposerLabels;
  /** More buttons beside "Choose files…" and "Choose a folder…". */
  children?: ReactNode;
}

export function DropZone(props: DropZoneProps): ReactElement {
  const { labels } = props;
  const id = useId();
  const folderInput = useRef<HTMLInputElement>(null);
  const { getRootProps, getInputProps, open, isDragActive } = useDropzone({
    onDrop: (files) => {
      if (files.length > 0) props.onFiles(files as PickedFile[]);
    },
    noClick: true,
    noKeyboard: true,
    disabled: props.disabled ?? false,
  });
  const onPaste = (event: ClipboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, [contenteditable="true"]')) return;
    // Files are react-dropzone's (it stages them like a drop); text becomes a new file.
    if (event.clipboardData.types.includes('Files')) return;
    const text = event.clipboardData.getData('text/plain');
    if (text && props.onPasteText && !props.disabled) {
      event.preventDefault();
      props.onPasteText(text);
    }
  };
  const hint = labels.dropZoneHint(props.basePath?.replace(/^\/+|\/+$/g, '') ?? '');
  return (
    <div
      {...getRootProps({
        className: cx('gsk-drop-zone', isDragActive && 'gsk-drop-zone--active'),
        role: 'group',
        'aria-labelledby': `${id}-title`,
        'aria-describedby': `${id}-hint`,
        onPaste,
      })}
    >
      {/* Reached through the "Choose files…" button; hidden from assistive technology. */}
      <input {...getInputProps({ 'aria-hidden': true })} />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        aria-label={labels.chooseFolder}
        {...{ webkitdirectory: '' }}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])] as PickedFile[];
          event.target.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
      <p id={`${id}-title`} className="gsk-drop-zone__title">
        {isDragActive ? labels.dropZoneActive : labels.dropZone}
      </p>
      <p id={`${id}-hint`} className="gsk-drop-zone__hint">
        {hint}
      </p>
      <div className="gsk-drop-zone__actions">
        <button type="button" className="gsk-button" onClick={open} disabled={props.disabled}>
          {labels.chooseFiles}
        </button>
        <button
          type="button"
          className="gsk-button"
          onClick={() => folderInput.current?.click()}
          disabled={props.disabled}
        >
          {labels.chooseFolder}
        </button>
        {props.children}
      </div>
    </div>
  );
}
