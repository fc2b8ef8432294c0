/**
 * Conversation parts come from Intercom as HTML written by anyone who can send a message to the workspace, so
 * they are shown only after DOMPurify has cleaned them, with a stricter profile than its default:
 * - HTML only: no SVG or MathML (their links escape the rules below), no forms, frames, `area`/`map`,
 *   `dialog`, media or styles;
 * - every element that keeps an `href` opens in a new tab with no reference back (`target="_blank"
 *   rel="noopener noreferrer"`), so no part can navigate the panel, or from the in-page card the whole tab;
 * - no `class` or `id`: a part cannot dress itself up as one of the extension's own buttons or notices;
 * - images only from Intercom's own hosts (and inline `data:` images); any other image becomes a plain link,
 *   so a part cannot use an image as a read receipt that tells its sender the card was opened.
 */
import DOMPurify from 'dompurify';

// A private instance, so the hook below never touches anyone else's DOMPurify.
const purify = DOMPurify(window);

/** Hosts Intercom serves attachments and inline images from. */
const INTERCOM_IMAGE_HOST =
  /^(?:[a-z0-9-]+\.)*(?:intercomcdn\.(?:com|eu)|intercom-attachments(?:-\d+)?\.(?:com|eu)|intercomassets\.(?:com|eu)|intercomusercontent\.com)$/i;

export function isIntercomImage(src: string): boolean {
  if (/^data:image\/(?:png|gif|jpe?g|webp);base64,/i.test(src)) return true;
  try {
    const url = new URL(src);
    return url.protocol === 'https:' && !url.username && !url.password && INTERCOM_IMAGE_HOST.test(url.hostname);
  } catch {
    return false;
  }
}

purify.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof Element)) return;
  if (node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  } else {
    node.removeAttribute('target');
  }
});

const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object', 'embed',
    'link', 'meta', 'base', 'area', 'map', 'dialog', 'audio', 'video', 'source', 'track', 'picture', 'portal',
  ],
  FORBID_ATTR: ['style', 'class', 'id', 'srcset', 'formaction', 'action', 'background', 'poster', 'ping', 'usemap', 'popover', 'popovertarget'],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ['target'],
};

export function sanitizeHtml(html: string): string {
  const fragment = purify.sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
  for (const img of [...fragment.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? '';
    if (isIntercomImage(src)) continue;
    // Not fetched: shown as a link the reader may choose to open (http(s) only), or dropped.
    let url: URL | null = null;
    try {
      url = new URL(src);
    } catch {
      url = null;
    }
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
      const a = img.ownerDocument.createElement('a');
      a.setAttribute('href', url.href);
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
      a.textContent = img.getAttribute('alt')?.trim() || url.href;
      img.replaceWith(a);
    } else {
      img.remove();
    }
  }
  // Serialised in the inert document DOMPurify parsed into, so nothing here loads before the part is shown.
  const box = fragment.ownerDocument.createElement('div');
  box.append(fragment);
  return box.innerHTML;
}
