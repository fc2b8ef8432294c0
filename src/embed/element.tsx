/**
 * `<sidekick-contact email="ana@example.com" endpoint="https://tools.acme.test/sidekick">`: the extension's
 * contact card in a team's own page, talking to the team's endpoint (which holds the Intercom token) with a
 * short-lived JWT from the page's backend.
 *
 * - Attributes: `email`, `endpoint`, `auth` (a JWT), `theme` (`light` | `dark`; default: the page's
 *   prefers-color-scheme), `lang` (default: the nearest ancestor's, the document's).
 * - Property `auth`: a JWT string, or a function (sync or async) giving a fresh one before every request.
 * - The card lives in an open shadow root with the extension's own stylesheet: the page's CSS cannot reach in
 *   and the card's cannot leak out. The page never gets the Intercom token: the endpoint does not send it.
 */
import { render } from 'preact';
import * as v from 'valibot';
import type { AuthSource, Call } from '../protocol/client';
import { EmailSchema } from '../protocol/schemas';
import { HostProvider, type Host } from '../widget/host';
import { setCatalogue } from '../widget/i18n';
import styles from '../widget/styles.css?inline';
import { EmbedCard } from './EmbedCard';
import embedStyles from './embed.css?inline';
import { scopeAllowsWrite } from './jwt';
import { bestCatalogue, dirOf, ENGLISH, loadCatalogue, requestedLang, tagOf } from './locale';
import { embedCall } from './transport';

export const TAG = 'sidekick-contact';

/** Where the page's JWT comes from: the `auth` property when set, else the `auth` attribute. */
type AuthProperty = Exclude<AuthSource, null | undefined> | null;

export class SidekickContact extends HTMLElement {
  static readonly observedAttributes = ['email', 'endpoint', 'auth', 'theme', 'lang'];

  readonly #shadow: ShadowRoot;
  readonly #mount: HTMLDivElement;
  #authProperty: AuthProperty = null;
  /** Whether the last JWT seen allows writes (a function's JWT is known once it has been asked for one). */
  #canWrite = false;
  /** A new value each time who is asking may have changed (another auth): the card starts again. */
  #authVersion = 0;
  #call: { endpoint: string; call: Call } | null = null;
  #waiting: number | null = null;
  #lang: string | null = null;
  #scheduled = false;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#shadow, [embedStyles, styles]);
    this.#mount = document.createElement('div');
    this.#mount.className = 'sidekick-root';
    this.#shadow.append(this.#mount);
    // The page may have set `auth` before this element was defined: that set an own property hiding the accessor.
    if (Object.prototype.hasOwnProperty.call(this, 'auth')) {
      const early = (this as { auth?: unknown }).auth;
      delete (this as { auth?: unknown }).auth;
      this.auth = early as AuthProperty;
    }
  }

  get auth(): AuthProperty {
    return this.#authProperty ?? this.getAttribute('auth');
  }

  set auth(value: AuthProperty | undefined) {
    this.#authProperty = typeof value === 'string' || typeof value === 'function' ? value : null;
    this.#authChanged();
  }

  connectedCallback(): void {
    this.#schedule();
  }

  disconnectedCallback(): void {
    // Unmount Preact: effects clean up, and pending answers are dropped by the card's own `live` flags.
    render(null, this.#mount);
    this.#call = null;
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (before === after) return;
    if (name === 'auth' && this.#authProperty === null) this.#authChanged();
    else if (name === 'endpoint') this.#call = null;
    // `theme` is pure CSS (:host([theme])); the rest re-render.
    if (name !== 'theme') this.#schedule();
  }

  #authChanged(): void {
    const source = this.auth;
    this.#canWrite = typeof source === 'string' && scopeAllowsWrite(source);
    this.#authVersion++;
    this.#schedule();
  }

  /** The page's JWT, read afresh for each request; its scope decides whether write controls show. */
  #currentAuth = async (): Promise<string | null> => {
    const source = this.auth;
    const jwt = typeof source === 'function' ? await source() : source;
    const canWrite = !!jwt && scopeAllowsWrite(jwt);
    if (canWrite !== this.#canWrite) {
      this.#canWrite = canWrite;
      this.#schedule();
    }
    return jwt ?? null;
  };

  /** Several attribute changes in one task render once. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) void this.#render();
    });
  }

  async #render(): Promise<void> {
    const folder = bestCatalogue(requestedLang(this));
    if (folder !== this.#lang) {
      this.#lang = folder;
      // One catalogue per page: t() is shared by every card on it (only the last language asked for is used).
      setCatalogue(tagOf(folder), folder === 'en' ? ENGLISH : await loadCatalogue(folder));
      if (!this.isConnected || this.#lang !== folder) return;
    }
    this.#mount.lang = tagOf(folder);
    this.#mount.dir = dirOf(folder);
    const endpoint = usableEndpoint(this.getAttribute('endpoint'));
    const call = endpoint ? this.#callFor(endpoint) : null;
    const host: Host = { call: call ?? unusable, canWrite: this.#canWrite, kind: 'embed' };
    const parsed = v.safeParse(EmailSchema, this.getAttribute('email') ?? '');
    const email = parsed.success ? parsed.output : null;
    render(
      <HostProvider value={host}>
        <EmbedCard
          key={`${email}\n${endpoint}\n${this.#authVersion}`}
          email={email}
          problem={endpoint ? null : 'no_endpoint'}
          waiting={this.#waiting}
        />
      </HostProvider>,
      this.#mount,
    );
  }

  /** One call per endpoint, kept while it stays the same (the workspace it fetched is shared per call). */
  #callFor(endpoint: string): Call {
    if (this.#call?.endpoint !== endpoint) {
      const call = embedCall({
        endpoint,
        auth: () => this.#currentAuth,
        onWaiting: (seconds) => {
          this.#waiting = seconds;
          this.#schedule();
        },
      });
      this.#call = { endpoint, call };
    }
    return this.#call.call;
  }
}

/** An absolute http(s) URL relative to the page, or null. */
function usableEndpoint(raw: string | null): string | null {
  if (!raw?.trim()) return null;
  try {
    const url = new URL(raw.trim(), document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const unusable: Call = () => Promise.reject(new Error('no endpoint'));

/** Constructed stylesheets where the browser has them (not subject to a page's style-src CSP), else <style>. */
function adoptStyles(root: ShadowRoot, sheets: string[]): void {
  try {
    root.adoptedStyleSheets = sheets.map((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
  } catch {
    for (const css of sheets) {
      const style = document.createElement('style');
      style.textContent = css;
      root.append(style);
    }
  }
}

/** Defines `<sidekick-contact>` once, even if the script is loaded twice. */
export function defineSidekickContact(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, SidekickContact);
}

declare global {
  interface HTMLElementTagNameMap {
    'sidekick-contact': SidekickContact;
  }
}
