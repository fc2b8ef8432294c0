/** A "Copy details" button for an error: puts what Intercom's support asks for on the clipboard (error-details.ts). */
import { useRef, useState } from 'preact/hooks';
import type { ErrorInfo } from '../protocol/schemas';
import { t } from './i18n';

/**
 * `onCopied`: a page with one status region of its own (Settings) says "copied" there; without it the button has
 * its own status beside it.
 */
export function CopyDetails({ error, onCopied }: { error: ErrorInfo; onCopied?: (said: string) => void }) {
  const seenAt = useRef(Date.now());
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [manual, setManual] = useState('');
  const copy = async () => {
    // The wording is loaded on the first click: the page starts without it.
    const text = (await import('./error-details')).errorDetails(error, seenAt.current);
    try {
      await navigator.clipboard.writeText(text);
      if (onCopied) onCopied(t('details_copied'));
      else setState('copied');
    } catch {
      // No clipboard here (a page that does not allow it): the text is shown, selected, to copy by hand.
      setManual(text);
      setState('manual');
    }
  };
  return (
    <>
      <button type="button" class="btn btn-small copy-details" onClick={() => void copy()}>
        {t('details_copy')}
      </button>
      {!onCopied && (
        <span class="muted" role="status">
          {state === 'copied' ? t('details_copied') : ''}
        </span>
      )}
      {state === 'manual' && (
        <textarea class="copy-details-text" readOnly aria-label={t('details_copy')} rows={5} value={manual} ref={(el) => el?.select()} />
      )}
    </>
  );
}
