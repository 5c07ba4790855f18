/**
 * A modal confirmation following the WAI-ARIA dialog pattern: `role="dialog"`, `aria-modal`,
 * named by its title and described by its body; focus moves in (to Cancel, the safe choice),
 * Tab stays inside, Escape cancels, and focus returns to where it was. Hand-written because
 * the pattern is small and the kit ships no UI library.
 */
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useRef,
} from 'react';

const FOCUSABLE = ['button', 'input', 'textarea', 'select']
  .map((tag) => `${tag}:not(:disabled)`)
  .join(', ');

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The confirm button does something destructive (red). */
  danger?: boolean;
  busy?: boolean;
  /** What gets focus when the dialog opens (default: Cancel, the safe choice). */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** The body describes the dialog (default true; false when the body is a form). */
  describe?: boolean;
  className?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const initialFocusRef = props.initialFocusRef;
  // Focus moves in once, when the dialog opens, and back out when it closes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on open
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    (initialFocusRef?.current ?? cancelRef.current)?.focus();
    return () => before?.focus?.();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      props.onCancel();
    } else if (event.key === 'Tab') {
      const focusable = dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE);
      if (!focusable || focusable.length === 0) return;
      const first = focusable[0] as HTMLElement;
      const last = focusable[focusable.length - 1] as HTMLElement;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };
  return (
    <div className="gsk-dialog-backdrop">
      <div
        ref={dialogRef}
        className={props.className ? `gsk-dialog ${props.className}` : 'gsk-dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={props.describe === false ? undefined : `${id}-body`}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="gsk-dialog__title">
          {props.title}
        </h2>
        <div id={`${id}-body`} className="gsk-dialog__body">
          {props.children}
        </div>
        <div className="gsk-dialog__actions">
          <button ref={cancelRef} type="button" className="gsk-button" onClick={props.onCancel}>
            {props.cancelLabel}
          </button>
          <button
            type="button"
            className={
              props.danger ? 'gsk-button gsk-button--danger' : 'gsk-button gsk-button--primary'
            }
            onClick={props.onConfirm}
            disabled={props.busy}
          >
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
