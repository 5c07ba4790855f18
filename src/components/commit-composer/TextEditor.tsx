/**
 * A plain text editor in a dialog: a new file (its path typed, checked as it is typed) or the
 * text of a staged or existing file. The text is a textarea's value — never markup.
 */
import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import { pathProblem } from '../../core/browser.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';
import type { CommitComposerLabels } from './labels.js';

export interface TextEditorProps {
  /** The file's path; '' for a new file (the user types it). */
  path: string;
  /** The path can be changed (a new file). */
  pathEditable?: boolean;
  /** The text to start from; undefined while it loads. */
  text: string | undefined;
  /** Why the file cannot be edited (binary, too large, failed to load). */
  problem?: string | undefined;
  onStage: (path: string, text: string) => void;
  onCancel: () => void;
  labels: CommitComposerLabels;
}

export function TextEditor(props: TextEditorProps): ReactElement {
  const { labels } = props;
  const id = useId();
  const [path, setPath] = useState(props.path);
  const [edited, setEdited] = useState<string | undefined>(undefined);
  const text = edited ?? props.text;
  const pathRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const problem = path === '' && !props.pathEditable ? null : pathProblem(path);
  const showProblem = problem && path !== '' ? labels.invalidPath(problem) : null;
  const ready = text !== undefined && !props.problem && !problem;
  // A file still loading when the dialog opened: the text gets focus once it is there.
  const loaded = text !== undefined;
  const pathEditable = props.pathEditable === true;
  useEffect(() => {
    if (loaded && !pathEditable && document.activeElement !== textRef.current) {
      textRef.current?.focus();
    }
  }, [loaded, pathEditable]);
  return (
    <ConfirmDialog
      title={labels.editorTitle(props.pathEditable ? '' : props.path)}
      confirmLabel={labels.stageEdit}
      cancelLabel={labels.cancel}
      onConfirm={() => {
        if (ready) props.onStage(path, text);
      }}
      onCancel={props.onCancel}
      busy={!ready}
      describe={false}
      initialFocusRef={props.pathEditable ? pathRef : textRef}
      className="gsk-text-editor"
    >
      {props.pathEditable && (
        <div className="gsk-field">
          <label htmlFor={`${id}-path`}>{labels.editorPath}</label>
          <input
            ref={pathRef}
            id={`${id}-path`}
            className="gsk-input gsk-text-editor__path"
            value={path}
            spellCheck={false}
            aria-invalid={showProblem ? true : undefined}
            aria-describedby={showProblem ? `${id}-problem` : undefined}
            onChange={(e) => setPath(e.target.value)}
          />
          {showProblem && (
            <p id={`${id}-problem`} className="gsk-message gsk-message--error">
              {showProblem}
            </p>
          )}
        </div>
      )}
      {props.problem ? (
        <p className="gsk-message gsk-message--error" role="alert">
          {props.problem}
        </p>
      ) : text === undefined ? (
        <p className="gsk-message" role="status">
          {labels.editorLoading}
        </p>
      ) : (
        <textarea
          ref={textRef}
          className="gsk-input gsk-text-editor__text"
          aria-label={labels.editorText(props.pathEditable ? path : props.path)}
          value={text}
          spellCheck={false}
          onChange={(e) => setEdited(e.target.value)}
        />
      )}
    </ConfirmDialog>
  );
}
