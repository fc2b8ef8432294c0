/** The browser-level commands and their current keys ("Not set" when unbound): in Settings and the help overlay. */
import { t } from './i18n';
import { useCommands } from './useCommands';

export function CommandTable({ labelledBy }: { labelledBy: string }) {
  const commands = useCommands();
  if (!commands) return null;
  return (
    <table class="keys-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">{t('shortcutsCommand')}</th>
          <th scope="col">{t('shortcutsKey')}</th>
        </tr>
      </thead>
      <tbody>
        {commands.map((c) => (
          <tr key={c.name}>
            <td>{c.description}</td>
            <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="muted">{t('shortcutNotSet')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
