/** The extension's browser-level commands with the keys Chrome has for them now (chrome.commands.getAll). */
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

export interface CommandKey {
  name: string;
  description: string;
  /** Empty when the user has not bound one (or the suggested key was taken). */
  shortcut: string;
}

/** Our words for each command, in the order they are listed (Chrome gives `_execute_action` no description). */
const DESCRIPTIONS: Array<[string, string]> = [
  ['_execute_action', 'cmdOpenPanel'],
  ['lookup-selection', 'cmdLookupSelection'],
  ['scan-page', 'cmdScanPage'],
  ['open-first-card', 'cmdFirstCard'],
];

export function commandKeys(list: chrome.commands.Command[]): CommandKey[] {
  const order = (name: string) => {
    const i = DESCRIPTIONS.findIndex(([n]) => n === name);
    return i < 0 ? DESCRIPTIONS.length : i;
  };
  return list
    .filter((c): c is chrome.commands.Command & { name: string } => !!c.name)
    .sort((a, b) => order(a.name) - order(b.name))
    .map((c) => {
      const key = DESCRIPTIONS.find(([n]) => n === c.name)?.[1];
      return { name: c.name, description: key ? t(key) : (c.description ?? c.name), shortcut: c.shortcut ?? '' };
    });
}

/** null until Chrome answers. Read again each time a page mounts it (keys change at chrome://extensions/shortcuts). */
export function useCommands(): CommandKey[] | null {
  const [commands, setCommands] = useState<CommandKey[] | null>(null);
  useEffect(() => {
    const api = (globalThis.chrome as typeof chrome | undefined)?.commands;
    if (!api?.getAll) return;
    let live = true;
    const load = () =>
      void api
        .getAll()
        .then((list) => live && setCommands(commandKeys(list)))
        .catch(() => undefined);
    load();
    // Back from chrome://extensions/shortcuts: show the keys as they are now.
    const onVisible = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return commands;
}
