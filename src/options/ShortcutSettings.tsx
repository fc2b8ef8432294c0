/** Every browser-level command with its key now, and the way to Chrome's page where keys are changed. */
import { CommandTable } from '../widget/CommandTable';
import { t } from '../widget/i18n';

export const SHORTCUTS_URL = 'chrome://extensions/shortcuts';

export function ShortcutSettings() {
  // Extension pages may not navigate to chrome:// URLs by a plain link: Chrome opens it in a tab for us.
  const open = (e: Event) => {
    e.preventDefault();
    void chrome.tabs.create({ url: SHORTCUTS_URL });
  };
  return (
    <section aria-labelledby="shortcuts-title" class="settings-form">
      <h2 id="shortcuts-title">{t('helpTitle')}</h2>
      <p class="hint">{t('shortcutsIntro')}</p>
      <CommandTable labelledBy="shortcuts-title" />
      <p>
        <a href={SHORTCUTS_URL} onClick={open}>
          {t('shortcutsChange')}
        </a>
      </p>
    </section>
  );
}
