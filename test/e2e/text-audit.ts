/**
 * What a page shows, read as a reviewer would (issue 12's pseudo-locale and Thai checks):
 * - stray text: a visible text node whose words are neither a catalogue message (in the pseudo-locale every
 *   message is wrapped in ⟦…⟧) nor data (the sandbox's names, addresses, companies, conversation text…) nor
 *   what Intl writes (numbers, dates, relative times);
 * - cut-off text: an element that clips (overflow hidden/clip, or text-overflow: ellipsis) and whose content
 *   does not fit, when what it hides is not only data; and text past the window's edge;
 * - a word broken across lines (`words`: a language written without spaces, Thai): every line break inside a
 *   text must fall where Intl.Segmenter sees a word boundary, as the browser's own line breaking does.
 */
import type { Frame, Page } from 'playwright-core';
import type { Sandbox } from '../sandbox/server';

export interface TextIssue {
  kind: 'stray' | 'cut' | 'break';
  text: string;
  where: string;
}

/** Every string of the sandbox's workspace (and its HTML bodies as text): what pages may show that is data. */
export function sandboxData(sandbox: Sandbox, extra: string[] = []): string[] {
  const out = new Set<string>(extra);
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (!v.trim()) return;
      out.add(v.trim());
      if (/[<&]/.test(v)) {
        const text = v.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
        for (const line of text.split(/\s{2,}|\n/)) if (line.trim()) out.add(line.trim());
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      // Keys too: a workspace's custom attributes are named by the workspace (`plan`, `mrr`).
      for (const [k, value] of Object.entries(v)) {
        if (/^[a-z][a-z0-9_ ]*$/i.test(k) && typeof value !== 'object') out.add(k);
        walk(value);
      }
    }
  };
  walk(sandbox.state);
  const url = new URL(sandbox.url);
  out.add(url.host).add(url.origin).add(url.hostname);
  return [...out];
}

/** The issues on the page (or frame) as it is now. `checkStray`: also report text that is not from the catalogue. */
export function auditText(target: Page | Frame, data: string[], opts: { checkStray: boolean; words?: string | undefined }): Promise<TextIssue[]> {
  return target.evaluate(
    ({ data, checkStray, words }) => {
      const issues: Array<{ kind: 'stray' | 'cut' | 'break'; text: string; where: string }> = [];
      const lang = document.documentElement.lang || 'en';
      // What Intl writes in this language: month and weekday names, day periods, relative-time words.
      const vocab = new Set<string>();
      for (const month of ['long', 'short'] as const) {
        for (let m = 0; m < 12; m++) vocab.add(new Intl.DateTimeFormat(lang, { month }).format(new Date(2024, m, 15)));
      }
      for (const weekday of ['long', 'short'] as const) {
        for (let d = 0; d < 7; d++) vocab.add(new Intl.DateTimeFormat(lang, { weekday }).format(new Date(2024, 0, 1 + d)));
      }
      for (const h of [3, 15]) {
        for (const p of new Intl.DateTimeFormat(lang, { hour: 'numeric', dateStyle: undefined, hour12: true }).formatToParts(new Date(2024, 0, 1, h))) {
          if (p.type === 'dayPeriod') vocab.add(p.value);
        }
      }
      const units = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
      for (const numeric of ['auto', 'always'] as const) {
        const rtf = new Intl.RelativeTimeFormat(lang, { numeric });
        for (const u of units) for (const n of [-3, -2, -1, 0, 1, 2, 3]) for (const w of rtf.format(n, u).split(/[\s\d]+/)) if (w) vocab.add(w);
      }
      // Longest first, so a whole address goes before a part of it.
      const known = [...new Set(data)].filter((d) => d.length > 0).sort((a, b) => b.length - a.length);
      const vocabList = [...vocab].filter(Boolean).sort((a, b) => b.length - a.length);
      const outsideBrackets = (s: string) => {
        let depth = 0;
        let out = '';
        for (const ch of s) {
          if (ch === '⟦') depth++;
          else if (ch === '⟧') depth = Math.max(0, depth - 1);
          else if (depth === 0) out += ch;
          else continue;
          if (ch === '⟦' || ch === '⟧') out += ' ';
        }
        return out;
      };
      /** What is left of a text once data and Intl's words are taken out. */
      const withoutData = (s: string) => {
        let rest = s;
        for (const d of known) if (rest.includes(d)) rest = rest.split(d).join(' ');
        for (const word of vocabList) rest = rest.split(word).join(' ');
        return rest;
      };
      /** Is a piece of text data? (a conversation excerpt cut with … is a piece of one) */
      const isExcerpt = (s: string) => {
        const core = s.replace(/[…\s]+$/u, '').trim();
        return core.length >= 12 && known.some((d) => d.includes(core));
      };
      const onlyNeutral = (s: string) => /^[\p{N}\p{P}\p{S}\p{Z}\s]*$/u.test(s);
      const where = (el: Element | null) => {
        const parts: string[] = [];
        for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
          parts.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + (e.classList.length ? `.${[...e.classList].join('.')}` : ''));
        }
        return parts.join(' > ');
      };
      const visible = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
      const width = document.documentElement.clientWidth;

      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        const el = n.parentElement;
        if (!text.trim() || !el || !visible(el) || el.closest('script, style, template, option, kbd, textarea')) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (!rects.length) continue;
        if (rects.some((r) => r.right > width + 1 || r.left < -1)) issues.push({ kind: 'cut', text: text.trim(), where: `${where(el)} (past the window's edge)` });
        if (words && rects.length > 1) {
          // Where each line starts (the first character whose box sits lower than the one before it).
          const bounds = new Set<number>([0, text.length]);
          for (const w of new Intl.Segmenter(words, { granularity: 'word' }).segment(text)) bounds.add(w.index).add(w.index + w.segment.length);
          let lastTop: number | null = null;
          for (const g of new Intl.Segmenter(words, { granularity: 'grapheme' }).segment(text)) {
            const r = document.createRange();
            r.setStart(n, g.index);
            r.setEnd(n, g.index + g.segment.length);
            const box = r.getClientRects()[0];
            if (!box || !g.segment.trim()) continue;
            if (lastTop !== null && box.top > lastTop + 2 && !bounds.has(g.index) && !/\s/.test(text[g.index - 1] ?? ' ')) {
              issues.push({ kind: 'break', text: `${text.slice(Math.max(0, g.index - 12), g.index)}|${text.slice(g.index, g.index + 12)}`, where: where(el) });
            }
            lastTop = box.top;
          }
        }
        if (!checkStray) continue;
        const outside = outsideBrackets(text);
        if (onlyNeutral(outside) || isExcerpt(outside.trim())) continue;
        if (onlyNeutral(withoutData(outside))) continue;
        // Decorative initials (an avatar), hidden from assistive technology: letters of a name that is data.
        if (el.closest('[aria-hidden="true"]') && outside.trim().length <= 3) continue;
        issues.push({ kind: 'stray', text: text.trim(), where: where(el) });
      }
      if (checkStray) {
        // Text a control shows that is no text node: a select's chosen option (a language's own name, marked
        // with its lang, is left as it is), a placeholder, a tooltip.
        const shown: Array<[Element, string]> = [];
        for (const el of document.body.querySelectorAll('select')) {
          const option = el.selectedOptions[0];
          if (option && !option.lang && visible(el)) shown.push([el, option.text]);
        }
        for (const el of document.body.querySelectorAll('[placeholder], [title]')) {
          if (!visible(el)) continue;
          for (const attr of ['placeholder', 'title']) {
            const value = el.getAttribute(attr);
            if (value) shown.push([el, value]);
          }
        }
        for (const [el, text] of shown) {
          const outside = outsideBrackets(text);
          // A URL's scheme (`https://`) reads the same in every language.
          if (/^[a-z]+:\/\/\S*$/.test(text.trim())) continue;
          if (!onlyNeutral(outside) && !onlyNeutral(withoutData(outside))) issues.push({ kind: 'stray', text: text.trim(), where: where(el) });
        }
      }
      for (const el of document.body.querySelectorAll('*')) {
        if (!visible(el) || el.matches('input, textarea, select, option, script, style, svg, svg *')) continue;
        if (el.clientWidth <= 1 || el.clientHeight <= 1) continue; // visually hidden (read by screen readers only)
        const cs = getComputedStyle(el);
        const clipsX = /hidden|clip/.test(cs.overflowX) || cs.textOverflow === 'ellipsis';
        const clipsY = /hidden|clip/.test(cs.overflowY) || !['none', ''].includes(cs.getPropertyValue('-webkit-line-clamp'));
        const over = (clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1);
        if (!over) continue;
        const text = (el as HTMLElement).innerText ?? el.textContent ?? '';
        if (!text.trim()) continue;
        const rest = withoutData(text);
        if (onlyNeutral(rest) || isExcerpt(text.trim())) continue;
        issues.push({ kind: 'cut', text: text.trim().slice(0, 160), where: where(el) });
      }
      return issues;
    },
    { data, checkStray: opts.checkStray, words: opts.words },
  );
}

/** How many visible texts in `script` (a regular expression's class, e.g. Thai's) run over more than one line. */
export function wrappedTexts(target: Page | Frame, script: string): Promise<number> {
  return target.evaluate((script) => {
    const re = new RegExp(`[${script}]`);
    let count = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!re.test(n.textContent ?? '') || !n.parentElement?.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) count++;
    }
    return count;
  }, script);
}
