// @vitest-environment node
/**
 * Every catalogue beside English (issue 12): exactly English's keys, the same placeholders with the same
 * contents, every placeholder English uses also used, and no message left in English by mistake (ALLOWED lists
 * what really is the same in that language: brand names, key names, symbols, loanwords Intercom itself uses).
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
  ],
};

const used = (message: string) => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

describe('catalogues', () => {
  it('has the languages our users work in', () => {
    expect(others.sort()).toEqual(['de', 'fa', 'fr', 'ja', 'th']);
  });

  describe.each(others)('%s', (lang) => {
    const cat = read(lang);
    it('has exactly the keys of English', () => {
      expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    });
    it('keeps every placeholder, with the same contents, and uses each one English uses', () => {
      for (const [key, entry] of Object.entries(en)) {
        const mine = cat[key];
        if (!mine) continue;
        const contents = (e: typeof entry) => Object.fromEntries(Object.entries(e.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]));
        expect(contents(mine), `${lang}.${key}`).toEqual(contents(entry));
        expect(used(mine.message), `${lang}.${key}`).toEqual(used(entry.message));
        expect(mine.message.trim(), `${lang}.${key} is empty`).not.toBe('');
      }
    });
    it('leaves nothing in English by mistake', () => {
      const same = Object.keys(en).filter((k) => !NEVER_TRANSLATED.has(k) && cat[k]?.message === en[k]!.message && /[A-Za-z]{3,}/.test(en[k]!.message));
      expect(same.filter((k) => !(ALLOWED[lang] ?? []).includes(k))).toEqual([]);
    });
    it('names its own language', () => {
      expect(cat.langTag?.message).toBe(lang);
    });
  });
});
