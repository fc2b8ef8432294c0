/** Settings → "Highlight email addresses on pages": off by default; the worker tells open tabs at once. */
import { useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import type { ErrorInfo, SettingsView } from '../protocol/schemas';
import { errorMessage } from '../widget/errors';
import { t } from '../widget/i18n';
import { useCall } from '../widget/host';

export function HighlightSetting({ view, onChange }: { view: SettingsView | null; onChange: (v: SettingsView) => void }) {
  const call = useCall();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  /** What the user just chose, shown while the worker saves it (then the worker's answer). */
  const [pending, setPending] = useState<boolean | null>(null);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    setPending(enabled);
    try {
      onChange(await call('settings/highlight', { enabled }));
    } catch (e) {
      setError(errorInfo(e));
    } finally {
      setPending(null);
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="highlight-title" class="settings-form">
      <h2 id="highlight-title">{t('inPageTitle')}</h2>
      <label class="check-row">
        <input
          id="highlight-emails"
          type="checkbox"
          role="switch"
          checked={pending ?? view?.highlightEmails ?? false}
          disabled={busy || !view}
          aria-describedby="highlight-help"
          onChange={(e) => void toggle((e.target as HTMLInputElement).checked)}
        />
        {t('highlightEmails')}
      </label>
      <p id="highlight-help" class="hint">{t('highlightEmailsHint')}</p>
      {error && (
        <p class="status status-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </section>
  );
}
