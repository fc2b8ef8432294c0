/** Settings: the token (write-only: the page never reads it back), the region or a custom API URL. */
import { HighlightSetting } from './HighlightSetting';
import { LanguageSetting } from './LanguageSetting';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import type { WorkspaceView } from '../protocol/actions';
import type { ConnectionInfo, ErrorInfo, ReadCheck, Region, SettingsView } from '../protocol/schemas';
import { CopyDetails } from '../widget/CopyDetails';
import { errorMessage } from '../widget/errors';
import { t } from '../widget/i18n';
import { AutoScanSettings } from './AutoScanSettings';
import { ShortcutSettings } from './ShortcutSettings';
import { WorkspaceSettings } from './WorkspaceSettings';
import { useCall } from '../widget/host';

export type Status = { kind: 'ok'; text: string } | { kind: 'error'; error: ErrorInfo } | null;


/** Intercom's own API hosts: any other host gets a warning naming it before the token is sent there. */
const INTERCOM_API_HOST = /(^|\.)intercom\.io$/i;

function hostOf(url: string): string | null {
  try {
    return new URL(url.trim()).host || null;
  } catch {
    return null;
  }
}

/** The origin to ask permission for, or null when the URL is not even a URL (the worker explains why). */
function originOf(url: string): string | null {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return null;
  }
}

export function Settings() {
  const call = useCall();
  const [view, setView] = useState<SettingsView | null>(null);
  const [token, setToken] = useState('');
  const [shown, setShown] = useState(false);
  const [region, setRegion] = useState<Region>('us');
  const [apiUrl, setApiUrl] = useState('');
  const [status, setStatus] = useState<Status>(null);
  /** "Details copied" for the error shown (and only that one), said in the page's one status region. */
  const [copied, setCopied] = useState<{ of: ErrorInfo; said: string } | null>(null);
  /** What the tested token could read (checked by the worker, one small read of each part). */
  const [reads, setReads] = useState<ReadCheck[] | null>(null);
  const [busy, setBusy] = useState(false);
  /** Fields the user has changed: a slow settings/get answer must not overwrite them. */
  const touched = useRef({ region: false, apiUrl: false });

  /** The workspace's admins, for "Act as": null until a token answers. */
  const [workspace, setWorkspace] = useState<WorkspaceView | null>(null);
  const loadWorkspace = (refresh = false) =>
    call('workspace/info', { refresh })
      .then((ws) => {
        setWorkspace(ws);
        // A workspace without a name has just taken the Intercom workspace's: show it.
        return call('settings/get', {}).then(setView);
      })
      .catch(() => setWorkspace(null));
  useEffect(() => void loadWorkspace(), []);

  useEffect(() => {
    call('settings/get', {})
      .then((v) => {
        setView(v);
        if (!touched.current.region) setRegion(v.region);
        if (!touched.current.apiUrl) setApiUrl(v.apiUrl ?? '');
      })
      .catch((e: unknown) => setStatus({ kind: 'error', error: errorInfo(e) }));
  }, []);

  /** Another workspace in use (switched, added, removed): the form shows its settings, and its teammates. */
  const shownWorkspace = useRef<string | undefined>(undefined);
  useEffect(() => {
    const id = view?.activeWorkspace;
    if (!id || shownWorkspace.current === id) return;
    const first = shownWorkspace.current === undefined;
    shownWorkspace.current = id;
    if (first) return;
    touched.current = { region: false, apiUrl: false };
    setRegion(view.region);
    setApiUrl(view.apiUrl ?? '');
    setToken('');
    setReads(null);
    setWorkspace(null);
    void loadWorkspace();
  }, [view?.activeWorkspace]);

  const customHost = region === 'custom' ? hostOf(apiUrl) : null;
  const showWarning = !!customHost && !INTERCOM_API_HOST.test(customHost.replace(/:\d+$/, ''));

  const connection = () => ({
    region,
    apiUrl: region === 'custom' ? apiUrl : null,
    ...(token.trim() ? { token: token.trim() } : {}),
  });

  const run = async (work: () => Promise<Status>) => {
    setBusy(true);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (e) {
      setStatus({ kind: 'error', error: errorInfo(e) });
    } finally {
      setBusy(false);
    }
  };

  const save = (e: Event) => {
    e.preventDefault();
    // The permission prompt needs this click's user gesture, so it is asked before anything else is awaited.
    const origin = region === 'custom' ? originOf(apiUrl) : null;
    const permission = origin ? chrome.permissions.request({ origins: [`${origin}/*`] }) : Promise.resolve(true);
    void run(async () => {
      if (!(await permission)) return { kind: 'error', error: { code: 'no_permission', detail: origin ?? '' } };
      const next = await call('settings/save', connection());
      setView(next);
      setToken('');
      void loadWorkspace(true);
      return { kind: 'ok', text: t('saved') };
    });
  };

  const test = () =>
    run(async () => {
      setReads(null);
      const info: ConnectionInfo = await call('settings/test', connection());
      setReads(info.reads ?? null);
      return { kind: 'ok', text: t('connectedAs', [info.workspace, info.admin.name, info.admin.email ?? '']) };
    });

  const forget = () =>
    run(async () => {
      setView(await call('settings/forget-token', {}));
      return { kind: 'ok', text: t('tokenForgotten') };
    });

  const actAs = (adminId: string) =>
    run(async () => {
      const next = await call('settings/acting-admin', { adminId: adminId || null });
      setView(next);
      const admin = workspace?.admins.find((a) => a.id === adminId);
      return { kind: 'ok', text: admin ? t('actingAdminSaved', admin.name) : t('actingAdminCleared') };
    });

  return (
    <main class="settings">
      <h1>{t('settingsTitle')}</h1>
      <WorkspaceSettings view={view} busy={busy} run={run} onView={setView} />
      <form onSubmit={save} class="settings-form">
        <div class="form-row">
          <label for="token">{t('accessToken')}</label>
          <div class="inline">
            <input
              id="token"
              type={(shown ? 'text' : 'password') as 'text'}
              autocomplete="off"
              spellcheck={false}
              value={token}
              placeholder={view?.hasToken ? t('tokenSavedPlaceholder') : t('tokenPlaceholder')}
              aria-describedby="token-help"
              onInput={(e) => setToken((e.target as HTMLInputElement).value)}
            />
            <button type="button" class="btn" aria-pressed={shown} onClick={() => setShown(!shown)}>
              {t('showToken')}
            </button>
          </div>
          <p id="token-help" class="hint">
            {view?.hasToken ? t('tokenSavedHelp') : t('tokenHelp')}
            {view?.tokenHost && <> {t('tokenBoundHelp', view.tokenHost)}</>}
          </p>
        </div>
        <div class="form-row">
          <label for="region">{t('region')}</label>
          <select
            id="region"
            value={region}
            onChange={(e) => {
              touched.current.region = true;
              setRegion((e.target as HTMLSelectElement).value as Region);
            }}
          >
            <option value="us">{t('regionUS')}</option>
            <option value="eu">{t('regionEU')}</option>
            <option value="au">{t('regionAU')}</option>
            <option value="custom">{t('regionCustom')}</option>
          </select>
        </div>
        <div class="form-row">
          <label for="api-url">{t('apiUrl')}</label>
          <input
            id="api-url"
            type="url"
            inputMode="url"
            value={apiUrl}
            disabled={region !== 'custom'}
            placeholder="https://"
            aria-describedby={showWarning ? 'api-url-help api-url-warning' : 'api-url-help'}
            onInput={(e) => {
              touched.current.apiUrl = true;
              setApiUrl((e.target as HTMLInputElement).value);
            }}
          />
          <p id="api-url-help" class="hint">{t('apiUrlHelp')}</p>
          {showWarning && (
            <p id="api-url-warning" class="hint hint-warning">
              {t('customHostWarning', customHost)}
            </p>
          )}
        </div>
        <div class="buttons">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('save')}
          </button>
          <button type="button" class="btn" disabled={busy} onClick={test}>
            {t('testConnection')}
          </button>
          <button type="button" class="btn btn-danger" disabled={busy || !view?.hasToken} onClick={forget}>
            {t('forgetToken')}
          </button>
        </div>
      </form>
      {reads && (
        <section aria-labelledby="reads-title" class="settings-form reads">
          <h2 id="reads-title">{t('tokenReadsTitle')}</h2>
          <ul class="reads-list">
            {reads.map((r) => (
              <li key={r.part} class={r.ok ? 'read-ok' : 'read-no'}>
                {t(r.ok ? 'tokenReadsYes' : 'tokenReadsNo', t(`readPart_${r.part}`))}
              </li>
            ))}
          </ul>
          <p class="hint">{t('tokenReadsHelp')}</p>
        </section>
      )}
      <section aria-labelledby="acting-title" class="settings-form acting">
        <h2 id="acting-title">{t('actingAdminTitle')}</h2>
        {workspace ? (
          <div class="form-row">
            <label for="acting-admin">{t('actAs')}</label>
            <select
              id="acting-admin"
              value={view?.actingAdminId ?? ''}
              disabled={busy}
              aria-describedby="acting-help"
              onChange={(e) => void actAs((e.target as HTMLSelectElement).value)}
            >
              <option value="">{t('actAsTokenAdmin', workspace.me.name)}</option>
              {workspace.admins
                .filter((a) => a.id !== workspace.me.id)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.email ? `${a.name} (${a.email})` : a.name}
                  </option>
                ))}
            </select>
            <p id="acting-help" class="hint">{t('actAsHelp')}</p>
          </div>
        ) : (
          <p class="hint">{t('actAsNeedsToken')}</p>
        )}
      </section>
      <LanguageSetting view={view} onChange={setView} />
      <HighlightSetting view={view} onChange={setView} />
      <AutoScanSettings view={view} busy={busy} run={run} onView={setView} />
      <ShortcutSettings />
      {/*
        Two live regions, on the page from the start so that what appears in them is announced, each once
        (no live region around them): confirmations politely, errors at once.
      */}
      <div class="status-area">
        <div role="status">
          {status?.kind === 'ok' && <p class="status status-ok">{status.text}</p>}
          {status?.kind === 'error' && copied?.of === status.error && <p class="status">{copied.said}</p>}
        </div>
        <div role="alert">{status?.kind === 'error' && <p class="status status-error">{errorMessage(status.error)}</p>}</div>
        {/* Outside the alert region: the sentence is announced alone. */}
        {status?.kind === 'error' && (
          <p class="notice-actions">
            <CopyDetails error={status.error} onCopied={(said) => setCopied({ of: status.error, said })} />
          </p>
        )}
      </div>
      <section aria-labelledby="where-title" class="explainer">
        <h2 id="where-title">{t('whereTokenTitle')}</h2>
        <p>{t('whereTokenBody')}</p>
        <p>
          {/* docs/PRIVACY.md, built into the extension as a page of its own. */}
          <a href="/privacy.html" target="_blank" rel="noopener">
            {t('privacyLink')}
          </a>
        </p>
      </section>
    </main>
  );
}
