// @vitest-environment jsdom
/**
 * Every fixture page against its answer key, in jsdom: the exact list (order and names) and nothing the key
 * forbids. jsdom's parser has no declarative shadow DOM and loads no frames, so `load` below does what
 * Chromium's parser does: attach `<template shadowrootmode>` as an open shadow root and fill each iframe
 * with its fixture page. test/e2e/detection.test.ts checks the same keys in Chromium with no such help.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { scanPage } from '../../src/content/scanner';
import { fixtureFile, fixturePages } from '../fixtures/pages';

function fill(doc: Document, html: string): void {
  if (!doc.documentElement) doc.append(doc.createElement('html')); // jsdom's blank frame document is empty
  doc.documentElement.innerHTML = html.replace(/^<!doctype[^>]*>/i, '').replace(/<\/?html[^>]*>/gi, '');
  for (const template of [...doc.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]')]) {
    const host = template.parentElement!;
    host.attachShadow({ mode: template.getAttribute('shadowrootmode') as ShadowRootMode }).append(template.content);
    template.remove();
  }
  for (const frame of doc.querySelectorAll('iframe[src]')) {
    const inner = fixtureFile(frame.getAttribute('src')!);
    if (inner) fill((frame as HTMLIFrameElement).contentDocument!, inner);
  }
}

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe.each(fixturePages())('fixture page $name', ({ html, key }) => {
  it('reports exactly the addresses of its answer key, in order, with their names', () => {
    fill(document, html);
    const page = scanPage(document);
    const extra = new Set(key.jsdomAlsoFinds ?? []);
    const list = page.emails.filter((e) => !extra.has(e)).map((email) => (page.names[email] ? { email, name: page.names[email] } : { email }));
    const missed = new Set(key.jsdomMisses ?? []);
    expect(list).toEqual(key.expected.filter((e) => !missed.has(e.email)));
    expect(page.emails.filter((e) => key.mustNot.includes(e) && !extra.has(e))).toEqual([]);
    expect(page.emails.filter((e) => extra.has(e))).toEqual([...extra]);
  });
});
