/**
 * Settings → Language: the browser's language (as Chrome picks it), or one of the six the extension speaks,
 * each named in itself. The worker stores the choice and tells every open extension page, which shows itself
 * again in it — this page included.
 */
import { useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import { LANGUAGES, PSEUDO } from '../protocol/constants';
import type { ErrorInfo, Language, SettingsView } from '../protocol/schemas';
import { errorMessage } from '../widget/errors';
import { useCall } from '../widget/host';
import { t } from '../widget/i18n';
import { AUTONYMS } from '../widget/language';

export function LanguageSetting({ view, onChange }: { view: SettingsView | null; onChange: (v: SettingsView) => void }) {
  const call = useCall();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const choose = async (value: string) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await call('settings/language', { language: value ? (value as Language) : null }));
    } catch (e) {
      setError(errorInfo(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="language-title" class="settings-form">
      <h2 id="language-title">{t('languageTitle')}</h2>
      <div class="form-row">
        <label for="language">{t('languageLabel')}</label>
        <select id="language" value={view?.language ?? ''} disabled={busy || !view} aria-describedby="language-help" onChange={(e) => void choose(e.currentTarget.value)}>
          <option value="">{t('languageBrowser')}</option>
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {AUTONYMS[lang]}
            </option>
          ))}
          {/* The sandbox build's test language (accented, longer, bracketed); production never offers it. */}
          {__SANDBOX__ && <option value={PSEUDO}>⟦Þšéûðö⟧</option>}
        </select>
        <p id="language-help" class="hint">{t('languageHelp')}</p>
      </div>
      {error && <p class="status status-error" role="alert">{errorMessage(error)}</p>}
    </section>
  );
}
