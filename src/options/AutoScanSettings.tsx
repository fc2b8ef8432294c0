/**
 * Where scanning runs by itself: "Scan every site automatically" (asks Chrome for every http(s) site, in the
 * click), and the sites chosen one by one from the side panel, each with a Remove button. The worker keeps the
 * registered scanner and the permissions in step with what is chosen here.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ALL_SITES } from '../protocol/constants';
import type { SettingsView } from '../protocol/schemas';
import { t } from '../widget/i18n';
import type { Status } from './Settings';
import { useCall } from '../widget/host';

interface Props {
  view: SettingsView | null;
  busy: boolean;
  run: (work: () => Promise<Status>) => Promise<void>;
  onView: (v: SettingsView) => void;
}

export function AutoScanSettings({ view, busy, run, onView }: Props) {
  const call = useCall();
  const origins = view?.autoScanOrigins ?? [];
  const list = useRef<HTMLUListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  /** Where the removed site was: focus goes to the Remove button now there (or the one before), else the heading. */
  const removedAt = useRef<number | null>(null);
  useEffect(() => {
    const at = removedAt.current;
    // Once the buttons are enabled again (a disabled button cannot take focus).
    if (at === null || busy) return;
    removedAt.current = null;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (buttons[Math.min(at, buttons.length - 1)] ?? heading.current)?.focus();
  }, [origins.join(' '), busy]);

  const toggleAll = (e: Event) => {
    const want = (e.currentTarget as HTMLInputElement).checked;
    // The permission prompt needs this click's user gesture: asked before anything is awaited.
    const permission = want ? chrome.permissions.request({ origins: ALL_SITES }) : Promise.resolve(true);
    void run(async () => {
      if (!(await permission)) return { kind: 'error', error: { code: 'no_permission', detail: ALL_SITES.join(' ') } };
      onView(await call('site/auto-scan-all', { enabled: want }));
      return { kind: 'ok', text: t(want ? 'autoScanAllOn' : 'autoScanAllOff') };
    });
  };

  const remove = (origin: string, index: number) =>
    run(async () => {
      const next = await call('site/auto-scan', { origin, enabled: false });
      removedAt.current = index;
      onView(next);
      return { kind: 'ok', text: t('siteRemoved', origin) };
    });

  return (
    <section aria-labelledby="auto-scan-title" class="settings-form">
      <h2 id="auto-scan-title">{t('autoScanTitle')}</h2>
      <div class="form-row">
        <div class="switch-row">
          <input
            id="auto-scan-all"
            type="checkbox"
            role="switch"
            checked={!!view?.autoScanAll}
            disabled={busy || !view}
            aria-describedby="auto-scan-all-help"
            onChange={toggleAll}
          />
          <label for="auto-scan-all">{t('autoScanAll')}</label>
        </div>
        <p id="auto-scan-all-help" class="hint">
          {t('autoScanAllHelp')}
        </p>
      </div>
      <h3 id="auto-scan-sites" ref={heading} tabIndex={-1}>
        {t('autoScanSites')}
      </h3>
      {origins.length ? (
        <ul class="site-list" aria-labelledby="auto-scan-sites" ref={list}>
          {origins.map((origin, i) => (
            <li key={origin}>
              <span class="site-origin">{origin}</span>
              <button
                type="button"
                class="btn btn-small"
                disabled={busy}
                aria-label={t('removeSiteNamed', origin)}
                onClick={() => void remove(origin, i)}
              >
                {t('removeSite')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{t('autoScanNone')}</p>
      )}
    </section>
  );
}
