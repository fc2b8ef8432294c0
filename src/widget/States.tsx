/** Loading skeletons, empty states and errors with a way forward. */
import type { ErrorInfo } from '../protocol/schemas';
import { CopyDetails } from './CopyDetails';
import { errorMessage, needsSettings, showsDetail } from './errors';
import { useHost } from './host';
import { t } from './i18n';

export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div class="skeletons" role="status" aria-label={t('loading')}>
      {Array.from({ length: rows }, (_, i) => (
        <div class="skeleton" key={i} aria-hidden="true">
          <span class="skeleton-avatar" />
          <span class="skeleton-lines">
            <span class="skeleton-line" />
            <span class="skeleton-line short" />
          </span>
        </div>
      ))}
    </div>
  );
}

export function Notice({ title, children }: { title: string; children?: preact.ComponentChildren }) {
  return (
    <div class="notice" role="status">
      <p class="notice-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  // An embedded card has no Settings and no chrome.* at all: its sentences say whom to ask instead.
  const { kind } = useHost();
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{errorMessage(error, kind)}</p>
      {showsDetail(error) && <p class="notice-detail">{t('intercomSaid', error.detail!)}</p>}
      <p class="notice-actions">
        {needsSettings(error, kind) && (
          <a
            href={chrome.runtime.getURL('src/options/index.html')}
            onClick={(e) => {
              e.preventDefault();
              void chrome.runtime.openOptionsPage();
            }}
          >
            {t('openSettings')}
          </a>
        )}
        {onRetry && (
          <button type="button" class="btn" onClick={onRetry}>
            {t('retry')}
          </button>
        )}
        <CopyDetails error={error} />
      </p>
    </div>
  );
}
