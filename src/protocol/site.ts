/**
 * Pure: the side panel's People at this site decides here which domain to ask about, so the worker carries none of it.
 *
 * A host's registrable domain (`www.acme.co.uk` → `acme.co.uk`), with a small rule set for the common
 * two-part public suffixes instead of the whole Public Suffix List, and the free-mail domains whose people
 * have nothing to do with one another.
 */

/** Second-level labels that, under these country codes, are public suffixes themselves (`co.uk`, `com.au`, …). */
const SECOND_LEVEL: Record<string, readonly string[]> = {
  uk: ['co', 'org', 'me', 'ltd', 'plc', 'net', 'ac', 'gov', 'nhs', 'sch'],
  au: ['com', 'net', 'org', 'edu', 'gov', 'asn', 'id'],
  nz: ['co', 'org', 'net', 'ac', 'govt', 'geek', 'kiwi'],
  jp: ['co', 'ne', 'or', 'ac', 'go', 'ed', 'gr', 'lg'],
  br: ['com', 'net', 'org', 'gov', 'edu', 'art', 'blog', 'eco', 'ind'],
  za: ['co', 'org', 'net', 'gov', 'ac', 'web'],
  in: ['co', 'net', 'org', 'firm', 'gen', 'ind', 'ac', 'edu', 'gov', 'res'],
  kr: ['co', 'or', 'ne', 'ac', 'go', 're'],
  cn: ['com', 'net', 'org', 'gov', 'edu', 'ac'],
  hk: ['com', 'net', 'org', 'edu', 'gov', 'idv'],
  tw: ['com', 'net', 'org', 'edu', 'gov', 'idv'],
  sg: ['com', 'net', 'org', 'edu', 'gov', 'per'],
  my: ['com', 'net', 'org', 'edu', 'gov', 'name'],
  id: ['co', 'or', 'ac', 'go', 'web', 'my', 'biz'],
  th: ['co', 'or', 'ac', 'go', 'in', 'net'],
  il: ['co', 'org', 'net', 'ac', 'gov', 'muni'],
  mx: ['com', 'net', 'org', 'edu', 'gob'],
  ar: ['com', 'net', 'org', 'edu', 'gob', 'int'],
  tr: ['com', 'net', 'org', 'edu', 'gov', 'biz', 'info', 'gen', 'web'],
  ua: ['com', 'net', 'org', 'edu', 'gov', 'in'],
  ng: ['com', 'net', 'org', 'edu', 'gov', 'name'],
  ke: ['co', 'or', 'ne', 'ac', 'go'],
  eg: ['com', 'net', 'org', 'edu', 'gov'],
  pk: ['com', 'net', 'org', 'edu', 'gov'],
  ph: ['com', 'net', 'org', 'edu', 'gov'],
  vn: ['com', 'net', 'org', 'edu', 'gov'],
  sa: ['com', 'net', 'org', 'edu', 'gov', 'med', 'pub', 'sch'],
  ir: ['co', 'org', 'net', 'ac', 'gov', 'id', 'sch'],
  co: ['com', 'net', 'org', 'edu', 'gov'],
  pe: ['com', 'net', 'org', 'edu', 'gob'],
  cy: ['com', 'net', 'org', 'ac', 'gov'],
  mt: ['com', 'net', 'org', 'edu', 'gov'],
};

/** Platforms where each customer has their own subdomain: there the registrable domain is one label further in. */
const PRIVATE_SUFFIXES = new Set(['github.io', 'gitlab.io', 'herokuapp.com', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev', 'blogspot.com', 'appspot.com', 'azurewebsites.net', 'cloudfront.net']);

/** Free and consumer mail: people there share a domain, not an organisation. */
export const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'live.com', 'msn.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.co.jp', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'rocketmail.com', 'aol.com', 'icloud.com', 'me.com',
  'mac.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'freenet.de',
  'yandex.com', 'yandex.ru', 'ya.ru', 'mail.ru', 'qq.com', '163.com', '126.com', 'sina.com', 'naver.com', 'daum.net', 'hanmail.net',
  'zoho.com', 'fastmail.com', 'tutanota.com', 'hey.com', 'orange.fr', 'free.fr', 'laposte.net', 'libero.it', 'rediffmail.com',
  'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'bol.com.br', 'uol.com.br', 'btinternet.com', 'comcast.net', 'verizon.net',
]);

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The registrable domain of a host name, or null for hosts that have none (IP addresses, `localhost`, one label). */
export function registrableDomain(host: string): string | null {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (!h || IPV4.test(h) || h.includes(':') || h.startsWith('[')) return null;
  const labels = h.split('.');
  if (labels.length < 2 || labels.some((l) => !l)) return null;
  const tld = labels[labels.length - 1]!;
  if (['localhost', 'local', 'internal', 'test', 'example', 'invalid', 'lan', 'home', 'corp'].includes(tld)) return null;
  let take = 2;
  const second = labels[labels.length - 2]!;
  if (SECOND_LEVEL[tld]?.includes(second)) take = 3;
  if (PRIVATE_SUFFIXES.has(labels.slice(-2).join('.'))) take = 3;
  if (labels.length < take) return null;
  return labels.slice(-take).join('.');
}

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL.has(domain.toLowerCase());
}
