/**
 * Export the page's people: copy as CSV or TSV (to paste into a spreadsheet), or download a CSV file. A disclosure
 * button opening a group of three choices; the choices and the code that builds the table load on first use.
 */
import type { JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { PersonRow } from './people';

type Choices = (typeof import('./ExportChoices'))['ExportChoices'];
let loaded: Choices | null = null;

export function ExportMenu({ rows, origin }: { rows: readonly PersonRow[]; origin?: string }): JSX.Element {
  const [open, setOpen] = useState(false);
  const [, setReady] = useState(0);
  const [said, setSaid] = useState('');
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const Choices = loaded;

  const onClick = () => {
    setSaid('');
    if (open) return setOpen(false);
    setOpen(true);
    if (!loaded) {
      void import('./ExportChoices').then((m) => {
        loaded = m.ExportChoices;
        setReady((n) => n + 1);
      });
    }
  };
  return (
    <div class="export">
      <button type="button" class="btn btn-small" ref={toggle} aria-expanded={open} aria-controls={open && Choices ? `${id}-group` : undefined} onClick={onClick}>
        {t('export_open')}
      </button>
      {open && Choices && (
        <Choices
          id={`${id}-group`}
          rows={rows}
          origin={origin}
          onDone={(text) => {
            setOpen(false);
            if (text) setSaid(text);
            toggle.current?.focus();
          }}
        />
      )}
      <span class="muted" role="status">
        {said}
      </span>
    </div>
  );
}
