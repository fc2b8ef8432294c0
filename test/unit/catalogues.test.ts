// @vitest-environment node
/**
 * Every catalogue beside English (issue 12): exactly English's keys, the same placeholders with the same
 * contents, every placeholder English uses also used, and no message left in English by mistake (ALLOWED lists
 * what really is the same in that language: brand names, key names, symbols, loanwords Intercom itself uses).
 * A message that carries a count comes in plural forms, `key_<category>`. Every catalogue carries the same
 * forms (the categories any of our languages uses: one, many, other), so the keys stay exactly English's;
 * each language words the categories Intl.PluralRules gives it (English one/other, French one/many/other,
 * Japanese and Thai other…), and a form its language never selects says exactly what its `_other` says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/widget/i18n';

const DIR = path.resolve(import.meta.dirname, '../../public/_locales');
const read = (lang: string) => JSON.parse(fs.readFileSync(path.join(DIR, lang, 'messages.json'), 'utf8')) as Catalogue;
const en = read('en');
const others = fs.readdirSync(DIR).filter((l) => l !== 'en');

/** In every language: the product's name, a technical token, a symbol with a placeholder, the language tag. */
const NEVER_TRANSLATED = new Set(['langTag', 'extName', 'extShortName', 'panelTitle', 'apiUrl', 'tokenReadsYes']);
/** Words that really are the same in that language (Intercom's own terms there, and loanwords). */
const ALLOWED: Record<string, string[]> = {
  // Lead, Tag(s), Ticket(s), Team(s), Region, Name: German uses the same words (Intercom's German UI too).
  de: ['roleLead', 'fieldTags', 'region', 'readPart_tickets', 'readPart_tags', 'readPart_teams', 'ticketsTitle', 'ticketNumber', 'ticketUntitled', 'teams', 'bulkTagLabel', 'qa_ticket', 'qa_tagOptions', 'qa_name'],
  // Tag(s), Ticket(s), Contacts, Conversation(s), Note, Message(s), Description: the same words in French.
  fr: [
    'fieldTags', 'readPart_contacts', 'readPart_conversations', 'readPart_tickets', 'readPart_tags', 'ticketsTitle', 'ticketNumber',
    'ticketUntitled', 'conversationUntitled', 'actNote', 'actTag', 'conversationParts', 'partNote', 'bulkTagLabel', 'qa_tag', 'qa_message',
    'qa_ticket', 'qa_note', 'qa_tagOptions', 'qa_body', 'qa_noteLabel', 'qa_ticketDescription',
    // Notes, Conversations, Segments: Intercom's French UI says the same.
    'historyNotes', 'historyConversations', 'segmentsTitle', 'readPart_segments',
  ],
};

const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
/** The plural messages' base keys: those English has an `_other` form of. */
const pluralBases = new Set(Object.keys(en).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length)));
const pluralForm = (key: string) => {
  const m = /^(.+)_(zero|one|two|few|many|other)$/.exec(key);
  return m && pluralBases.has(m[1]!) ? { base: m[1]!, category: m[2]! } : null;
};
/** Keys that are not plural forms, and each plural message's categories. */
const shape = (cat: Catalogue) => {
  const plain: string[] = [];
  const plurals: Record<string, string[]> = {};
  for (const key of Object.keys(cat)) {
    const p = pluralForm(key);
    if (p) (plurals[p.base] ??= []).push(p.category);
    else plain.push(key);
  }
  for (const list of Object.values(plurals)) list.sort();
  return { plain: plain.sort(), plurals };
};
/** English's entry a key of this language corresponds to (a plural form: English's `_other`). */
const englishOf = (key: string) => en[key] ?? (pluralForm(key) ? en[`${pluralForm(key)!.base}_other`] : undefined);
const categoriesOf = (lang: string): string[] => [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
/** The forms every catalogue carries: the categories any of our languages uses. */
const LANGS = ['en', ...fs.readdirSync(DIR).filter((l) => l !== 'en')];
const ALL_FORMS = [...new Set(LANGS.flatMap(categoriesOf))].sort();

const used = (message: string) => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

describe('catalogues', () => {
  it('has the languages our users work in', () => {
    expect(others.sort()).toEqual(['de', 'fa', 'fr', 'ja', 'th']);
  });

  it('gives every message that carries a count plural forms, and English exactly its own', () => {
    expect([...pluralBases].sort()).toEqual(
      ['andMore', 'bulkCancelledCount', 'bulkCountDone', 'bulkCountFailed', 'count', 'embedWaiting', 'err_rate_limited', 'qa_metadataFull'],
    );
    expect(ALL_FORMS).toEqual(['many', 'one', 'other']);
    for (const categories of Object.values(shape(en).plurals)) expect(categories).toEqual(ALL_FORMS);
  });

  describe.each(others)('%s', (lang) => {
    const cat = read(lang);
    it('has exactly the keys of English, and a form its language never selects says what _other says', () => {
      expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
      const mine = shape(cat);
      expect(Object.keys(mine.plurals).sort()).toEqual([...pluralBases].sort());
      for (const [base, categories] of Object.entries(mine.plurals)) {
        expect(categories, `${lang}.${base}`).toEqual(ALL_FORMS);
        expect(categories, `${lang}.${base}`).toEqual(expect.arrayContaining(categoriesOf(lang)));
        for (const unused of categories.filter((c) => !categoriesOf(lang).includes(c))) {
          expect(cat[`${base}_${unused}`]!.message, `${lang}.${base}_${unused}`).toBe(cat[`${base}_other`]!.message);
        }
      }
      expect(CATEGORIES).toEqual(expect.arrayContaining(categoriesOf(lang)));
    });
    it('keeps every placeholder, with the same contents, and uses each one English uses', () => {
      for (const [key, mine] of Object.entries(cat)) {
        const entry = englishOf(key);
        if (!entry) continue;
        const contents = (e: typeof entry) => Object.fromEntries(Object.entries(e.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]));
        expect(contents(mine), `${lang}.${key}`).toEqual(contents(entry));
        expect(used(mine.message), `${lang}.${key}`).toEqual(used(entry.message));
        expect(mine.message.trim(), `${lang}.${key} is empty`).not.toBe('');
      }
    });
    it('leaves nothing in English by mistake', () => {
      const same = Object.keys(cat).filter((k) => !NEVER_TRANSLATED.has(k) && cat[k]!.message === englishOf(k)?.message && /[A-Za-z]{3,}/.test(cat[k]!.message.replace(/\$[A-Za-z0-9_@]+\$/g, '')));
      expect(same.filter((k) => !(ALLOWED[lang] ?? []).includes(k))).toEqual([]);
    });
    it('names its own language', () => {
      expect(cat.langTag?.message).toBe(lang);
    });
  });
});
