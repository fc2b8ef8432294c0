/**
 * Export the page's people: copy as CSV or TSV (to paste into a spreadsheet), or download a CSV file. A disclosure
 * button opening a group of three; the code that builds the table is loaded on first use.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { PersonRow } from './people';

type Kind = 'csv' | 'tsv' | 'file';

export function ExportMenu({ rows, origin }: { rows: readonly PersonRow[]; origin?: string }) {
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) group.current?.querySelector('button')?.focus();
  }, [open]);

  const run = async (kind: Kind) => {
    const people = await import('./people');
    const count = String(rows.length);
    try {
      if (kind === 'file') {
        people.downloadCsv(rows, people.exportFileName(origin));
        setSaid(t('export_downloaded', count));
      } else {
        await navigator.clipboard.writeText(people.peopleText(rows, kind === 'csv' ? ',' : '\t'));
        setSaid(t(kind === 'csv' ? 'export_copiedCsv' : 'export_copiedTsv', count));
      }
    } catch {
      setSaid(t('export_failed'));
    }
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div class="export">
      <button
        type="button"
        class="btn btn-small"
        ref={toggle}
        aria-expanded={open}
        aria-controls={open ? `${id}-group` : undefined}
        onClick={() => {
          setSaid('');
          setOpen((o) => !o);
        }}
      >
        {t('export_open')}
      </button>
      {open && (
        <div
          id={`${id}-group`}
          class="export-choices"
          role="group"
          aria-label={t('export_open')}
          ref={group}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            setOpen(false);
            toggle.current?.focus();
          }}
        >
          <button type="button" class="btn btn-small" onClick={() => void run('csv')}>
            {t('export_copyCsv')}
          </button>
          <button type="button" class="btn btn-small" onClick={() => void run('tsv')}>
            {t('export_copyTsv')}
          </button>
          <button type="button" class="btn btn-small" onClick={() => void run('file')}>
            {t('export_download')}
          </button>
        </div>
      )}
      <span class="muted" role="status">
        {said}
      </span>
    </div>
  );
}
