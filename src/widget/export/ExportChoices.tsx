/** The Export menu's choices, loaded with the code that builds the table the first time the menu opens. */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { downloadCsv, exportFileName, peopleText, type PersonRow } from './people';

type Kind = 'csv' | 'tsv' | 'file';

interface Props {
  rows: readonly PersonRow[];
  origin?: string;
  /** The menu closes; `said` is what happened (or why not), for the status beside the button. */
  onDone: (said: string | null) => void;
  id: string;
}

export function ExportChoices({ rows, origin, onDone, id }: Props) {
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => group.current?.querySelector('button')?.focus(), []);
  const run = async (kind: Kind) => {
    try {
      if (kind === 'file') {
        downloadCsv(rows, exportFileName(origin));
        onDone(t('export_downloaded'));
      } else {
        await navigator.clipboard.writeText(peopleText(rows, kind === 'csv' ? ',' : '\t'));
        onDone(t(kind === 'csv' ? 'export_copiedCsv' : 'export_copiedTsv'));
      }
    } catch {
      onDone(t('export_failed'));
    }
  };
  return (
    <div
      id={id}
      class="export-choices"
      role="group"
      aria-label={t('export_open')}
      ref={group}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onDone(null);
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
  );
}
