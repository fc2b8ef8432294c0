/**
 * Debian's Chromium without the extension (the GUIDE's flags): for pages that embed `<sidekick-contact>`,
 * where nothing of the extension is involved.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from './browser';

export async function launchPlain(opts: { headless?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
