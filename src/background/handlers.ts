/** The worker's handlers, one per route: the whole surface the rest of the extension can ask for. */
import { connectionInfo } from './connection';
import { readChecks } from '../core/capabilities';
import { resultAfterVerify, runAction, verifyAction } from '../core/actions';
import { AppError } from '../core/errors';
import { IntercomHttp } from '../core/intercom/http';
import { getMe } from '../core/intercom/admins';
import { Outbox } from './outbox';
import { PageBudget } from './page-budget';
import { noteRefusedWrite } from './refused-writes';
import { contactActivity, conversationDetail, findCompanyRefs } from '../core/reads';
import { companyCard, companyPeople, conversationsOf, eventsOf, notesOfContact, segmentsOf, sitePeople, ticketDetail, ticketsOf } from '../core/picture';
import { contactAttributes } from '../core/attributes';
import { actingAdminId, setActingAdmin, workspaceView } from './acting-admin';
import type { Handlers } from './router';
import { announceHighlight, injectInPage, TabScans, syncAutoScan } from './scan';
import { activeWorkspaceId, limiterFor, resetSession, session } from './session';
import { addWorkspace, removeWorkspace, renameWorkspace, switchWorkspace } from './workspaces';
import { ALL_SITES } from '../protocol/schemas';
import { emit, LANGUAGE_EVENT } from '../protocol/events';
import { apiOriginOf, baseUrlFor, ensureHostPermission, readSettings, settingsView, writeSettings } from './settings';
import { FIRST_WORKSPACE_ID, forgetToken, saveToken, tokenFor } from './vault';

/** The worker's outbox: each action is sent in the workspace it was queued in, as that workspace's acting admin. */
export function createOutbox(): Outbox {
  return new Outbox({
    async run(action, queuedIn) {
      // An entry without a workspace was queued before there were several: the first one is where it belongs.
      const workspaceId = queuedIn ?? FIRST_WORKSPACE_ID;
      const s = await session(workspaceId);
      try {
        return await runAction(s, await actingAdminId(s, workspaceId), action);
      } catch (err) {
        // The app lacks this permission: the card stops offering what the token cannot do.
        if (err instanceof AppError && err.info.code === 'forbidden') noteRefusedWrite(s, action.kind);
        throw err;
      }
    },
    async verify(action, sentAt, queuedIn) {
      const workspaceId = queuedIn ?? FIRST_WORKSPACE_ID;
      const s = await session(workspaceId);
      const applied = await verifyAction(s, await actingAdminId(s, workspaceId), action, sentAt);
      if (applied === null) return null;
      return applied ? { applied: true, result: await resultAfterVerify(s, action) } : { applied: false };
    },
  });
}

export function createHandlers(scans: TabScans, outbox: Outbox = createOutbox(), pages = new PageBudget()): Handlers {
  return {
    async 'emails/found'(input, caller) {
      // Only the top frame of a tab speaks for that tab; frames and impostors change nothing.
      if (caller.kind !== 'content' || caller.frameId !== 0) return { accepted: 0 };
      await scans.report(caller.tabId, caller.origin, input.emails, input.total, input.names);
      // Highlighting on: the in-page part joins the scanner (the content script itself is never told settings).
      if ((await readSettings()).highlightEmails) void injectInPage(caller.tabId);
      return { accepted: input.emails.length };
    },

    'settings/get': () => settingsView(),

    async 'settings/save'(input) {
      const baseUrl = baseUrlFor(input.region, input.apiUrl);
      const apiUrl = input.region === 'custom' ? baseUrl : null;
      if (apiUrl) await ensureHostPermission(apiUrl);
      const origin = new URL(baseUrl).origin;
      // The workspace in use: its own token, bound to its own origin.
      const workspace = await activeWorkspaceId();
      if (input.token) await saveToken(workspace, input.token, origin);
      // Without a new token, the saved one must already belong to this origin: another host never gets it silently.
      else await tokenFor(workspace, origin, apiOriginOf(await readSettings()));
      const next = await writeSettings({ region: input.region, apiUrl });
      resetSession(workspace);
      return settingsView(next);
    },

    async 'settings/test'(input) {
      const baseUrl = baseUrlFor(input.region, input.apiUrl);
      const workspace = await activeWorkspaceId();
      const token = input.token ?? (await tokenFor(workspace, new URL(baseUrl).origin, apiOriginOf(await readSettings())));
      if (!token) throw new AppError('no_token');
      if (input.region === 'custom') await ensureHostPermission(baseUrl);
      const http = new IntercomHttp({ baseUrl, token }, limiterFor(workspace));
      const info = connectionInfo(input.region, await getMe(http));
      return { ...info, reads: await readChecks(http) };
    },

    async 'settings/forget-token'() {
      const workspace = await activeWorkspaceId();
      await forgetToken(workspace);
      resetSession(workspace);
      return settingsView();
    },

    'tab/scan': (input) => scans.scan(input.tabId),

    async 'tab/state'(input) {
      return (await scans.get(input.tabId)) ?? { status: 'no_access' };
    },

    async 'settings/highlight'(input) {
      const next = await writeSettings({ highlightEmails: input.enabled });
      await announceHighlight(input.enabled, scans);
      return settingsView(next);
    },

    async 'ui/language'() {
      return { language: (await readSettings()).language };
    },

    async 'settings/language'(input) {
      const next = await writeSettings({ language: input.language });
      emit(LANGUAGE_EVENT, { language: input.language });
      return settingsView(next);
    },

    async 'site/auto-scan'(input) {
      const settings = await readSettings();
      const others = settings.autoScanOrigins.filter((o) => o !== input.origin);
      if (input.enabled) {
        const granted = await chrome.permissions.contains({ origins: [`${input.origin}/*`] });
        if (!granted) throw new AppError('no_permission', { detail: input.origin });
      } else {
        await chrome.permissions.remove({ origins: [`${input.origin}/*`] }).catch(() => false);
      }
      const autoScanOrigins = input.enabled ? [...others, input.origin] : others;
      await syncAutoScan(autoScanOrigins, settings.autoScanAll);
      return settingsView(await writeSettings({ autoScanOrigins }));
    },

    async 'site/auto-scan-all'(input) {
      const settings = await readSettings();
      let autoScanOrigins = settings.autoScanOrigins;
      if (input.enabled) {
        const granted = await chrome.permissions.contains({ origins: ALL_SITES });
        if (!granted) throw new AppError('no_permission', { detail: ALL_SITES.join(' ') });
      } else {
        await chrome.permissions.remove({ origins: ALL_SITES }).catch(() => false);
        // Chrome may take sites granted one by one back with the wider grant: keep only those still granted.
        const still = await Promise.all(autoScanOrigins.map((o) => chrome.permissions.contains({ origins: [`${o}/*`] })));
        autoScanOrigins = autoScanOrigins.filter((_, i) => still[i]);
      }
      await syncAutoScan(autoScanOrigins, input.enabled);
      return settingsView(await writeSettings({ autoScanOrigins, autoScanAll: input.enabled }));
    },

    async 'contacts/lookup'(input) {
      const workspace = await activeWorkspaceId();
      const { lookup } = await session(workspace);
      // A page's budget is per workspace: each has its own rate limit.
      const page = input.priority === 'background' && input.page ? `${workspace} ${input.page}` : undefined;
      return { contacts: await lookup.lookup(input.emails, input.priority, page ? (n) => pages.charge(page, n) : undefined) };
    },

    async 'contacts/create-lead'(input) {
      const { lookup } = await session();
      return lookup.createLead(input.email, input.name);
    },

    async 'contacts/search-name'(input) {
      const { lookup } = await session();
      return { contacts: await lookup.searchByName(input.query) };
    },

    // Queued in the workspace in use, and sent there even if another is chosen meanwhile.
    'outbox/submit': async (input) => outbox.submit(input.id, input.action, input.batchId, await activeWorkspaceId()),

    async 'outbox/list'() {
      return { entries: await outbox.list() };
    },

    'outbox/retry': (input) => outbox.retry(input.id),

    async 'outbox/dismiss'(input) {
      return { entries: await outbox.dismiss(input.id) };
    },

    async 'outbox/cancel'(input) {
      return { cancelled: await outbox.cancel(input.batchId) };
    },

    async 'workspace/info'(input) {
      return workspaceView(await session(), input.refresh);
    },

    async 'contact/activity'(input) {
      return contactActivity(await session(), input.contactId);
    },

    async 'conversation/get'(input) {
      return conversationDetail(await session(), input.id);
    },

    async 'companies/find'(input) {
      return findCompanyRefs(await session(), input.name);
    },

    async 'contact/attributes'(input) {
      return contactAttributes(await session(), input.refresh);
    },

    'site/people': async (input) => sitePeople(await session(), input.domain, input.cursor),
    'company/get': async (input) => companyCard(await session(), input.id),
    'company/contacts': async (input) => companyPeople(await session(), input.id, input.cursor),
    'contact/notes': async (input) => notesOfContact(await session(), input.contactId, input.cursor),
    'contact/conversations': async (input) => conversationsOf(await session(), input.contactId, input.filter, input.cursor),
    'contact/events': async (input) => eventsOf(await session(), input.contactId, input.cursor),
    'contact/tickets': async (input) => ticketsOf(await session(), input.contactId, input.cursor),
    'ticket/get': async (input) => ticketDetail(await session(), input.id),
    'contact/segments': async (input) => segmentsOf(await session(), input.contactId),

    'workspaces/add': (input) => addWorkspace(input.name),
    'workspaces/rename': (input) => renameWorkspace(input.id, input.name),
    'workspaces/remove': (input) => removeWorkspace(input.id),
    'workspaces/switch': (input) => switchWorkspace(input.id),

    async 'settings/acting-admin'(input) {
      // Going back to the token's admin needs no connection; naming one is checked against the workspace.
      return setActingAdmin(input.adminId === null ? null : await session(), input.adminId);
    },
  };
}
