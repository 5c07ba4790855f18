/**
 * Buttons that show an icon (lucide-react, imported one by one so only the icons used are
 * bundled) and carry their name as `aria-label` and as a tooltip that shows on hover and on
 * keyboard focus — the tooltip is the visible form of the name, never extra information.
 */
import { Check, Copy } from 'lucide-react';
import { type ButtonHTMLAttributes, type ReactNode, useEffect, useState } from 'react';
import { cx } from './cx.js';

export type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label'> & {
  /** The button's name: read by screen readers, shown as the tooltip. */
  label: string;
  icon: ReactNode;
  /** Text beside the icon (the name stays the label). */
  children?: ReactNode;
  /** Where the tooltip opens (default below). */
  tooltip?: 'below' | 'above' | 'none';
};

export function IconButton({
  label,
  icon,
  children,
  tooltip,
  className,
  ...rest
}: IconButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      className={cx(
        'gsk-button gsk-icon-button',
        children ? null : 'gsk-icon-button--bare',
        className,
      )}
      aria-label={label}
      data-tooltip={tooltip === 'none' ? undefined : label}
      data-tooltip-side={tooltip === 'above' ? 'above' : undefined}
    >
      {icon}
      {children}
    </button>
  );
}

/** The size lucide icons are drawn at in the kit's buttons. */
export const ICON_SIZE = 16;

/**
 * Copies `text` to the clipboard; the icon turns into a check and the name into `copiedLabel`
 * for two seconds (announced, since the name of the focused button changes).
 */
export function CopyButton(props: {
  text: string;
  label: string;
  copiedLabel: string;
  className?: string;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <>
      <IconButton
        label={copied ? props.copiedLabel : props.label}
        className={props.className}
        icon={
          copied ? (
            <Check size={ICON_SIZE} aria-hidden="true" />
          ) : (
            <Copy size={ICON_SIZE} aria-hidden="true" />
          )
        }
        onClick={() => {
          void navigator.clipboard?.writeText(props.text).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      />
      <span className="gsk-visually-hidden" aria-live="polite">
        {copied ? props.copiedLabel : ''}
      </span>
    </>
  );
}
