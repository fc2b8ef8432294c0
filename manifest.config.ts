import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

/** Intercom's three regional API hosts: the only hosts the production build may reach without asking. */
export const INTERCOM_HOSTS = [
  'https://api.intercom.io',
  'https://api.eu.intercom.io',
  'https://api.au.intercom.io',
] as const;

/** Loopback, where the local Intercom sandbox listens. Only the sandbox flavour (`vite build --mode sandbox`) may reach it. */
const LOOPBACK_HOSTS = ['http://127.0.0.1', 'http://localhost'] as const;

export function buildManifest(mode: string) {
  const sandbox = mode === 'sandbox';
  const connectSrc = [
    "'self'",
    ...INTERCOM_HOSTS,
    // A custom API URL (Settings → Region → Custom) may be any https origin the user names;
    // the worker still needs that origin's host permission, asked for when it is saved.
    'https:',
    ...(sandbox ? LOOPBACK_HOSTS.map((h) => `${h}:*`) : []),
  ];
  return defineManifest({
    manifest_version: 3,
    name: sandbox ? '__MSG_extName__ (sandbox)' : '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    version: pkg.version,
    // The first Chrome where every protection we rely on exists: storage.local.setAccessLevel (102, the token is
    // kept from content scripts) and use_dynamic_url (honoured from 130; before that the in-page card's frame was
    // reachable at its static URL, so any page could load it or detect the extension). Below it they silently don't.
    minimum_chrome_version: '130',
    icons: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' },
    action: {
      default_title: '__MSG_actionTitle__',
      default_icon: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' },
    },
    background: { service_worker: 'src/background/index.ts', type: 'module' },
    side_panel: { default_path: 'src/sidepanel/index.html' },
    options_ui: { page: 'src/options/index.html', open_in_tab: true },
    permissions: [
      // The "Look up … in Intercom" / "Scan this page" items of the right-click menu.
      'contextMenus',
      // Keyboard shortcuts: open the panel, look up the selection, scan the page.
      'commands',
      // Settings, the access token (worker-only, TRUSTED_CONTEXTS) and per-tab scan results.
      'storage',
      // The side panel that lists the people on the current page.
      'sidePanel',
      // Injecting the email scanner into the tab the user is looking at, and registering it for
      // sites the user chose to scan automatically.
      'scripting',
      // Temporary access to the current tab when the user opens the panel, uses the menu or a shortcut,
      // so no site access is needed up front.
      'activeTab',
    ],
    // Only Intercom's API hosts: the worker calls them with the user's token.
    host_permissions: [
      ...INTERCOM_HOSTS.map((h) => `${h}/*`),
      // Sandbox flavour only: the local Intercom sandbox and its demo pages on loopback.
      ...(sandbox ? LOOPBACK_HOSTS.map((h) => `${h}/*`) : []),
    ],
    // Asked for at run time, one origin at a time: sites the user wants scanned automatically,
    // and a custom API URL.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: {
      extension_pages: [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "style-src 'self'",
        "img-src 'self' data: https:",
        `connect-src ${connectSrc.join(' ')}`,
        // Only the in-page card may be framed by a web page: it is the one web-accessible page, and only
        // through its per-session dynamic URL. Every other extension page is not web-accessible, so no site
        // can frame it whatever this says.
        'frame-ancestors *',
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '),
    },
    // The in-page contact card (an extension-origin iframe the content script puts next to a highlighted
    // address). use_dynamic_url: reachable only through a per-session URL, so pages can neither detect the
    // extension by probing for the file nor load the card themselves.
    web_accessible_resources: [{ resources: ['src/card/index.html'], matches: ['<all_urls>'], use_dynamic_url: true }],
    // At most four commands may suggest a key; one that is not free in the user's Chrome is simply left
    // unbound. Every command can be (re)bound at chrome://extensions/shortcuts, which Settings links to.
    // Names must match src/background/commands.ts.
    commands: {
      _execute_action: {
        suggested_key: { default: 'Ctrl+Shift+Y', mac: 'Command+Shift+Y' },
        description: '__MSG_cmdOpenPanel__',
      },
      'lookup-selection': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_cmdLookupSelection__',
      },
      'scan-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_cmdScanPage__',
      },
      // No suggested key: for the user to bind.
      'open-first-card': {
        description: '__MSG_cmdFirstCard__',
      },
    },
  });
}
