/**
 * The in-page card in a real Chromium: highlighting off by default and switched on in Settings; a click on a
 * highlighted address (or Tab to its mark and Enter) opens the card next to it in an extension-origin iframe;
 * Esc, a click outside and the card's Close button close it. Then a hostile page script (Playwright's
 * page.evaluate runs in the page's own world, exactly like the page's scripts) tries to read the card, restyle
 * it, remove it, cover it, forge its messages and navigate its frame.
 */
import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_DELAY_MS } from '../../src/widget/WriteButton';
import { expectNoViolations } from './axe';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, textBox, type World } from './helpers';

const KNOWN = 'olivia.bennett@northwind-analytics.com';
const UNKNOWN = 'newperson@example.org';
const MARK_PREFIX = 'Show the Intercom card for ';

let w: World;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  w = await startWorld();
  const settings = await configure(w);
  await settings.close();
});
afterAll(() => stopWorld(w));

/** The marks as assistive technology sees them (the full accessibility tree reaches into closed shadow roots). */
async function marks(): Promise<Array<{ name: string; focused: boolean }>> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{ role?: { value: string }; name?: { value: string }; properties?: Array<{ name: string; value: { value: unknown } }>; ignored: boolean }>;
  };
  return nodes
    .filter((n) => !n.ignored && n.role?.value === 'button' && String(n.name?.value ?? '').startsWith(MARK_PREFIX))
    .map((n) => ({
      name: String(n.name!.value).slice(MARK_PREFIX.length),
      focused: n.properties?.some((p) => p.name === 'focused' && p.value.value === true) ?? false,
    }));
}

const cardFrame = (): Frame | undefined => page.frames().find((f) => f.url().includes('/src/card/index.html'));
const hostCount = () => page.evaluate(() => document.querySelectorAll('sidekick-card').length);

/** The card takes input once Chrome has vouched that nothing covers it (its body stops being inert). */
async function interactive(frame: Frame): Promise<Frame> {
  await frame.locator('.in-page-body:not([inert])').waitFor();
  return frame;
}

/**
 * Esc with focus in the card. Key down closes it; the key up is sent only after the frame is gone, because
 * DevTools waits for the frame that had the key down to acknowledge its key up, and a removed frame never does.
 */
async function escapeFromCard(): Promise<void> {
  await page.keyboard.down('Escape');
  await expect.poll(hostCount).toBe(0);
  await page.keyboard.up('Escape');
}

async function openCardByClick(email: string): Promise<Frame> {
  const at = await textBox(page, email);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => cardFrame()?.url() ?? '').toContain(encodeURIComponent(email));
  return interactive(cardFrame()!);
}

describe('highlighting off (the default)', () => {
  it('adds nothing to a scanned page', async () => {
    const opened = await openPanelFor(w, `${w.sandbox.url}/demo`);
    await opened.panel.getByRole('list', { name: 'People on this page' }).waitFor();
    expect(await opened.page.evaluate(() => document.querySelectorAll('sidekick-marks, sidekick-card').length)).toBe(0);
    const session = await opened.page.context().newCDPSession(opened.page);
    cdp = session;
    expect(await marks()).toEqual([]);
    await session.detach();
    await opened.page.close();
    await opened.panel.close();
  });
});

describe('highlighting on', () => {
  it('is switched on in Settings (off by default)', async () => {
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    const toggle = settings.getByRole('switch', { name: 'Highlight email addresses on pages' });
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await expect.poll(async () => ((await w.browser.worker.evaluate(() => chrome.storage.local.get('settings'))).settings as { highlightEmails?: boolean } | undefined)?.highlightEmails).toBe(true);
    await settings.close();
    const opened = await openPanelFor(w, `${w.sandbox.url}/demo`);
    page = opened.page;
    await opened.panel.getByRole('list', { name: 'People on this page' }).waitFor();
    cdp = await page.context().newCDPSession(page);
  });

  it('marks every address found, each alike, one per occurrence', async () => {
    await expect.poll(async () => (await marks()).length).toBeGreaterThan(0);
    const names = (await marks()).map((m) => m.name);
    expect(names).toContain(KNOWN);
    expect(names).toContain(UNKNOWN);
    // A mailto link whose text is not the address ("Email Marcus") is marked too.
    expect(names).toContain('marcus.reid@northwind-analytics.com');
  });

  it('opens the card of a known contact on a click, next to the address, and closes it on Esc', async () => {
    const frame = await openCardByClick(KNOWN);
    const olivia = contactOf(w.sandbox, KNOWN);
    await frame.getByRole('heading', { name: olivia.name! }).waitFor();
    await frame.getByRole('group', { name: 'Quick actions' }).waitFor();
    // Next to the address and not over it: the address's centre is outside the card, which is within a few
    // pixels of it (below, above or beside).
    const at = await textBox(page, KNOWN);
    const box = (await (await frame.frameElement()).boundingBox())!;
    const inside = at.x >= box.x && at.x <= box.x + box.width && at.y >= box.y && at.y <= box.y + box.height;
    expect(inside).toBe(false);
    // The gap between the address's box and the card's (0 where they overlap on that axis).
    const dx = Math.max(box.x - at.right, at.left - (box.x + box.width), 0);
    const dy = Math.max(box.y - at.bottom, at.top - (box.y + box.height), 0);
    expect(Math.max(dx, dy)).toBeLessThanOrEqual(8);
    expect(Math.max(dx, dy)).toBeGreaterThan(0);
    // The card's frame is a caller of its own: it reads what a card needs, and is refused settings and sites.
    const answers = await frame.evaluate(async () => ({
      lookup: await chrome.runtime.sendMessage({ type: 'workspace/info', input: {} }),
      settings: await chrome.runtime.sendMessage({ type: 'settings/get', input: {} }),
      save: await chrome.runtime.sendMessage({ type: 'settings/save', input: { region: 'custom', apiUrl: 'https://evil.example', token: 'x' } }),
      site: await chrome.runtime.sendMessage({ type: 'site/auto-scan', input: { origin: 'https://evil.example', enabled: true } }),
    }));
    expect(answers.lookup.ok).toBe(true);
    for (const refused of [answers.settings, answers.save, answers.site]) expect(refused).toEqual({ ok: false, error: { code: 'invalid_message' } });
    // Focus moved into the card: Esc there closes it.
    await escapeFromCard();
  });

  it('shows "Not in Intercom" with Create lead for an unknown address, and creates the lead on a second, deliberate press', async () => {
    const frame = await openCardByClick(UNKNOWN);
    await frame.getByText('Not in Intercom').waitFor();
    // Pressed from the keyboard (Playwright's pointer clicks into a frame in a closed shadow root can miss).
    await frame.getByRole('button', { name: 'Create lead' }).press('Enter');
    // One press only arms it: a page that slid the card under the cursor gets nothing from one click.
    const confirm = frame.getByRole('button', { name: 'Click again to confirm: Create lead' });
    await confirm.waitFor();
    await frame.waitForTimeout(CONFIRM_DELAY_MS + 100);
    expect(w.sandbox.state.contacts.some((c) => c.email === UNKNOWN)).toBe(false);
    await confirm.press('Enter');
    await frame.getByRole('heading', { name: UNKNOWN }).or(frame.getByRole('heading', { level: 2 })).first().waitFor();
    await expect.poll(() => w.sandbox.state.contacts.some((c) => c.email === UNKNOWN && c.role === 'lead')).toBe(true);
    // A click outside closes it.
    await page.mouse.click(5, 5);
    await expect.poll(hostCount).toBe(0);
  });

  it('closes instead of following when its address moves (a scroll, or the page shifting it)', async () => {
    // Room to scroll, whatever the window's size.
    await page.evaluate(() => void (document.body.style.paddingBottom = '2000px'));
    await openCardByClick(KNOWN);
    await page.evaluate(() => window.scrollBy(0, 40));
    await expect.poll(hostCount).toBe(0);
    // Back where it was, once the marks have been laid out again (they follow the text on the next frames).
    await page.evaluate(() => new Promise<void>((resolve) => {
      window.scrollTo(0, 0);
      requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
    }));
    // Content inserted above the address, with no scroll at all.
    await openCardByClick(KNOWN);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'shift';
      p.textContent = 'Inserted by the page';
      document.body.prepend(p);
    });
    await expect.poll(hostCount).toBe(0);
    await page.evaluate(() => {
      document.getElementById('shift')?.remove();
      document.body.style.paddingBottom = '';
    });
  });

  it('opens from the keyboard: Tab to a mark, Enter; Esc closes it and puts focus back on the mark', async () => {
    // From the page's last focusable element, the next Tab stops are the marks (their layer comes after <body>).
    await page.evaluate(() => {
      const all = document.body.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]');
      all[all.length - 1]!.focus();
    });
    let focused: string | undefined;
    for (let i = 0; i < 5 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = (await marks()).find((m) => m.focused)?.name;
    }
    expect(focused, 'no mark was reached with Tab').toBeDefined();
    await page.keyboard.press('Enter');
    await expect.poll(() => cardFrame()?.url() ?? '').toContain(encodeURIComponent(focused!));
    const frame = await interactive(cardFrame()!);
    // Focus is in the card (on the contact's name); Esc closes it and focus returns to the mark.
    await frame.getByRole('heading', { level: 2 }).first().waitFor();
    await escapeFromCard();
    await expect.poll(async () => (await marks()).find((m) => m.focused)?.name).toBe(focused);
  });

  it('marks addresses split across elements, obfuscated or behind Cloudflare (text read as the scanner reads it)', async () => {
    const opened = await openPanelFor(w, `${w.sandbox.url}/fixtures/forms.html`);
    await opened.panel.getByRole('list', { name: 'People on this page' }).waitFor();
    const session = await opened.page.context().newCDPSession(opened.page);
    const saved = cdp;
    cdp = session;
    try {
      await expect.poll(async () => (await marks()).map((m) => m.name).sort()).toEqual(
        ['ana.costa@northwind.io', 'help@northwind.io', 'press@northwind.io', 'jobs@northwind.io', 'legal@northwind.co.uk',
          'careers@northwind.io', 'dev@northwind.io', 'drew@northwind.io'].sort(),
      );
    } finally {
      cdp = saved;
      await session.detach();
      await opened.page.close();
      await opened.panel.close();
    }
  });

  describe('against a hostile page', () => {
    let frame: Frame;
    it('(opens a card to attack)', async () => {
      frame = await openCardByClick(KNOWN);
      await frame.getByRole('group', { name: 'Quick actions' }).waitFor();
    });

    it('axe finds nothing in the card, light or dark', async () => {
      await expectNoViolations(page, frame);
    });

    it('cannot read the card or the marks', async () => {
      const seen = await page.evaluate(() => {
        const host = document.querySelector('sidekick-card')!;
        const layer = document.querySelector('sidekick-marks')!;
        return {
          shadow: host.shadowRoot,
          layerShadow: layer.shadowRoot,
          text: host.textContent + layer.textContent,
          html: host.innerHTML + layer.innerHTML,
          // A frame inside a shadow root is not one of window.frames: the page cannot even get its window.
          frames: window.frames.length,
          anyIframeInDocument: document.querySelectorAll('iframe').length,
        };
      });
      expect(seen).toEqual({ shadow: null, layerShadow: null, text: '', html: '', frames: 0, anyIframeInDocument: 0 });
      // What the card shows and the page doesn't: the contact's Intercom id (in its "Open in Intercom" link).
      const olivia = contactOf(w.sandbox, KNOWN);
      expect(await frame.locator(`a[href*="${olivia.id}"]`).count()).toBeGreaterThan(0);
      const body = await page.evaluate(() => document.documentElement.outerHTML);
      expect(body).not.toContain(olivia.id);
    });

    it('cannot restyle it away: stylesheet and inline !important rules leave it on top', async () => {
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.id = 'hostile';
        style.textContent = `sidekick-card, sidekick-card *, sidekick-marks, iframe, :host, ::slotted(*) {
          display: none !important; opacity: 0 !important; visibility: hidden !important; position: static !important;
          width: 0 !important; height: 0 !important; clip-path: inset(50%) !important; }`;
        document.head.append(style);
        const host = document.querySelector<HTMLElement>('sidekick-card')!;
        host.style.setProperty('display', 'none', 'important');
        host.style.setProperty('transform', 'translateX(-9999px)', 'important');
        host.setAttribute('hidden', '');
      });
      const box = (await (await frame.frameElement()).boundingBox())!;
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.localName, [box.x + box.width / 2, box.y + box.height / 2]);
      expect(hit).toBe('sidekick-card');
      await page.evaluate(() => document.getElementById('hostile')!.remove());
    });

    it('refuses clicks while the page covers it, and takes them again when uncovered', async () => {
      await page.evaluate(() => {
        const decoy = document.createElement('div');
        decoy.id = 'decoy';
        decoy.textContent = 'Win a prize — click here';
        decoy.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:rgba(255,255,255,.9)';
        document.documentElement.append(decoy);
      });
      await frame.getByRole('alert').filter({ hasText: 'covers this card' }).waitFor();
      expect(await frame.locator('.in-page-body').getAttribute('inert')).not.toBeNull();
      await page.evaluate(() => document.getElementById('decoy')!.remove());
      await expect.poll(() => frame.locator('.in-page-body').getAttribute('inert')).toBeNull();
    });

    it('comes back when removed, and survives the page re-rendering its body', async () => {
      await page.evaluate(() => document.querySelector('sidekick-card')!.remove());
      await expect.poll(hostCount).toBe(1);
      await page.evaluate(() => {
        document.body.innerHTML = document.body.innerHTML;
      });
      await expect.poll(hostCount).toBe(1);
      await expect.poll(async () => cardFrame()?.getByRole('group', { name: 'Quick actions' }).isVisible() ?? false).toBe(true);
      // The re-rendered page's addresses are marked again.
      await expect.poll(async () => (await marks()).map((m) => m.name)).toContain(KNOWN);
    });

    it('ignores a forged close message; Esc on the page closes it', async () => {
      await page.evaluate(() => window.postMessage('sidekick:close-card', '*'));
      // The content script has seen the message once the page's own listener, added after it, has.
      await page.evaluate(() => new Promise((resolve) => {
        addEventListener('message', resolve, { once: true });
        postMessage('after', '*');
      }));
      expect(await hostCount()).toBe(1);
      await page.evaluate(() => {
        document.body.tabIndex = -1;
        document.body.focus();
      });
      await page.keyboard.press('Escape');
      await expect.poll(hostCount).toBe(0);
    });
  });

  it('switching highlighting off removes the marks from open pages at once', async () => {
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    const toggle = settings.getByRole('switch', { name: 'Highlight email addresses on pages' });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('sidekick-marks').length)).toBe(0);
    expect(await marks()).toEqual([]);
    await settings.close();
  });
});
