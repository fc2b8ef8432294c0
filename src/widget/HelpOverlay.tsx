/**
 * "?": every shortcut, in a modal dialog. Focus moves in and stays in (Tab wraps), Escape or Close ends it,
 * and focus goes back to where it was.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Fragment, type TargetedKeyboardEvent } from 'preact';
import { CommandTable } from './CommandTable';
import { t } from './i18n';

/** The panel's own keys, as the help lists them: the keys, then what they do. */
export const PANEL_KEYS: Array<[string[], string]> = [
  [['j', '↓'], 'keyNext'],
  [['k', '↑'], 'keyPrev'],
  [['Enter'], 'keyOpen'],
  [['Esc'], 'keyBack'],
  [['t'], 'keyTag'],
  [['m'], 'keyMessage'],
  [['i'], 'keyTicket'],
  [['n'], 'keyNote'],
  [['/'], 'keySearch'],
  [['?'], 'keyHelp'],
];

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  // Taken while rendering, before the rest of the panel is made inert.
  const [returnTo] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('.help-close')?.focus();
    return () => {
      if (returnTo && returnTo !== document.body && returnTo.isConnected) returnTo.focus();
    };
  }, []);

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !e.currentTarget.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !e.currentTarget.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="help" role="dialog" aria-modal="true" aria-labelledby="help-title" ref={dialog} onKeyDown={onKeyDown}>
        <header class="help-header">
          <h2 id="help-title">{t('helpTitle')}</h2>
          <button type="button" class="btn help-close" onClick={onClose}>
            {t('helpClose')}
          </button>
        </header>
        <h3 id="help-panel-keys">{t('helpInPanel')}</h3>
        <p class="hint">{t('helpInPanelHint')}</p>
        <table class="keys-table" aria-labelledby="help-panel-keys">
          <thead>
            <tr>
              <th scope="col">{t('shortcutsKey')}</th>
              <th scope="col">{t('shortcutsCommand')}</th>
            </tr>
          </thead>
          <tbody>
            {PANEL_KEYS.map(([keys, label]) => (
              <tr key={label}>
                <td class="keys-cell">
                  {keys.map((k, i) => (
                    <Fragment key={k}>
                      {i > 0 && ` ${t('keyOr')} `}
                      <kbd>{k}</kbd>
                    </Fragment>
                  ))}
                </td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 id="help-browser-keys">{t('helpBrowser')}</h3>
        <CommandTable labelledBy="help-browser-keys" />
      </div>
    </div>
  );
}
