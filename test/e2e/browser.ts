/**
 * Launches Debian's Chromium with the built extension (the GUIDE's verified recipe) and gives tests a few
 * handles: the extension's id, its service worker, and helpers to open its pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Browser {
  ctx: BrowserContext;
  worker: Worker;
  id: string;
  pageUrl(p: string): string;
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** `lang`: the browser's UI language (needs Debian's chromium-l10n; LANGUAGE and --lang together, as the GUIDE found). */
export async function launchExtension(opts: { dist?: string; headless?: boolean; extraArgs?: string[]; lang?: string } = {}): Promise<Browser> {
  const dist = path.resolve(ROOT, opts.dist ?? process.env.SIDEKICK_DIST ?? 'dist-sandbox');
  if (!fs.existsSync(path.join(dist, 'manifest.json'))) {
    throw new Error(`${dist} has no built extension: run "npm run build:sandbox" first.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekick-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1100, height: 800 },
    ...(opts.lang ? { env: { ...process.env, LANGUAGE: opts.lang }, locale: opts.lang } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
      ...(opts.extraArgs ?? []),
    ],
  });
  // Waiting bounds, not speed assertions: a step that never happens fails with Playwright's message.
  ctx.setDefaultTimeout(20_000);
  const worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  return {
    ctx,
    worker,
    id,
    pageUrl: (p) => `chrome-extension://${id}/${p.replace(/^\//, '')}`,
    async open(url) {
      const page = await ctx.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      await ctx.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The id Chrome gave a tab, as the extension sees it (looked up by URL from the worker). */
export async function tabIdOf(b: Browser, url: string): Promise<number> {
  return b.worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    if (!tab?.id) throw new Error(`no tab at ${u}`);
    return tab.id;
  }, url);
}
