/** The segments a contact is in (loaded when the card's Segments is opened). */
import { useEffect, useState } from 'preact/hooks';
import { errorInfo } from '../../protocol/client';
import type { SegmentsView } from '../../protocol/picture';
import type { ErrorInfo } from '../../protocol/schemas';
import { useCall } from '../host';
import { t } from '../i18n';
import { ErrorState, Skeleton } from '../States';

export function Segments({ contactId, labelledBy }: { contactId: string; labelledBy: string }) {
  const call = useCall();
  const [view, setView] = useState<SegmentsView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setView(null);
    setError(null);
    call('contact/segments', { contactId })
      .then((v) => live && setView(v))
      .catch((e: unknown) => live && setError(errorInfo(e)));
    return () => {
      live = false;
    };
  }, [contactId, nonce]);
  if (error) return <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />;
  if (!view) return <Skeleton rows={1} />;
  if (view.unavailable) return <p class="muted">{t('segmentsCannot')}</p>;
  if (!view.segments.length) return <p class="muted">{t('segmentsNone')}</p>;
  return (
    <ul class="tags" aria-labelledby={labelledBy}>
      {view.segments.map((s) => (
        <li key={s.id} class="tag">
          <bdi>{s.name || `#${s.id}`}</bdi>
        </li>
      ))}
    </ul>
  );
}
