/** "Scan this site automatically": asks for the site's permission, then the worker registers the scanner. */
import { useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import type { ErrorInfo, SettingsView } from '../protocol/schemas';
import { ErrorState } from './States';
import { t } from './i18n';
import { useCall } from './host';

interface Props {
  origin: string;
  settings: SettingsView;
  onChange: (s: SettingsView) => void;
  onEnabled: () => void;
}

export function SiteToggle({ origin, settings, onChange, onEnabled }: Props) {
  const call = useCall();
  const [error, setError] = useState<ErrorInfo | null>(null);
  if (!/^https?:\/\//.test(origin)) return null;
  const enabled = settings.autoScanOrigins.includes(origin);
  if (settings.autoScanAll) {
    return (
      <footer class="site-toggle">
        <p class="muted">{t('autoScanAllActive')}</p>
      </footer>
    );
  }

  const toggle = async (e: Event) => {
    const want = (e.target as HTMLInputElement).checked;
    setError(null);
    try {
      // Must be the first await: the permission prompt needs the click's user gesture.
      if (want && !(await chrome.permissions.request({ origins: [`${origin}/*`] }))) {
        (e.target as HTMLInputElement).checked = false;
        return;
      }
      onChange(await call('site/auto-scan', { origin, enabled: want }));
      if (want) onEnabled();
    } catch (err) {
      setError(errorInfo(err));
    }
  };

  return (
    <footer class="site-toggle">
      <label>
        <input type="checkbox" checked={enabled} onChange={toggle} />
        {t('autoScanSite')}
      </label>
      <span class="muted">{new URL(origin).host}</span>
      {error && <ErrorState error={error} />}
    </footer>
  );
}
