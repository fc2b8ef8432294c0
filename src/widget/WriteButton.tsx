/**
 * A button that changes something in Intercom with one click. Where the host asks for it (the in-page card,
 * which a web page surrounds and could try to slide under the user's cursor), the first click only arms it:
 * the button then says what it will do, and a second click at least CONFIRM_DELAY_MS later sends it. Esc, leaving
 * the button or five seconds without a click disarm it. Elsewhere it is an ordinary button.
 */
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useHost } from './host';
import { t } from './i18n';

/** A second click sooner than this is not a deliberate one (a double click, or a click the page timed). */
export const CONFIRM_DELAY_MS = 500;
const ARMED_MS = 5000;

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'children' | 'type'> & {
  /** What the button says, and names in its confirmation ("Close the conversation?"). */
  label: string;
  onClick: () => void;
  children?: ComponentChildren;
};

export function WriteButton({ label, onClick, children, ...rest }: Props) {
  const { confirmWrites } = useHost();
  const [armedAt, setArmedAt] = useState<number | null>(null);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (armedAt === null) return;
    const timer = setTimeout(() => setArmedAt(null), ARMED_MS);
    return () => clearTimeout(timer);
  }, [armedAt]);

  if (!confirmWrites) {
    return (
      <button type="button" {...rest} onClick={onClick}>
        {children ?? label}
      </button>
    );
  }
  const armed = armedAt !== null;
  return (
    <button
      type="button"
      {...rest}
      ref={ref}
      class={`${(rest.class as string | undefined) ?? ''}${armed ? ' btn-armed' : ''}`}
      onClick={() => {
        if (armedAt === null) return setArmedAt(Date.now());
        if (Date.now() - armedAt < CONFIRM_DELAY_MS) return;
        setArmedAt(null);
        onClick();
      }}
      onBlur={() => setArmedAt(null)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && armed) {
          e.preventDefault();
          e.stopPropagation();
          setArmedAt(null);
        }
      }}
    >
      {armed ? t('confirmWrite', label) : (children ?? label)}
    </button>
  );
}
