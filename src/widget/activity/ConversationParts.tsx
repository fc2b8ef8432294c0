/** An opened conversation's parts (ConversationRow's View), loaded with DOMPurify only when one is opened. */
import type { ConversationDetail } from '../../protocol/actions';
import { relativeTime } from '../format';
import { t } from '../i18n';
import { sanitizeHtml } from './sanitize';

export function Parts({ detail }: { detail: ConversationDetail }) {
  const parts = detail.parts.filter((p) => p.body.trim());
  if (!parts.length) return <p class="muted">{t('noParts')}</p>;
  return (
    <ol class="parts" aria-label={t('conversationParts')}>
      {parts.map((p) => (
        <li key={p.id} class="part">
          <p class="part-meta">
            <strong>{p.author || t('unknownAuthor')}</strong>
            {p.partType === 'note' && <span class="badge badge-state">{t('partNote')}</span>}
            {p.createdAt !== null && <span class="muted">{relativeTime(p.createdAt)}</span>}
          </p>
          {/* Cleaned by DOMPurify: no scripts, handlers or javascript: links survive. */}
          <div class="part-body" dangerouslySetInnerHTML={{ __html: sanitizeHtml(p.body) }} />
        </li>
      ))}
    </ol>
  );
}
