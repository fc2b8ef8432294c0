/** Loading skeletons, empty states and errors with a way forward. */
import type { ErrorInfo } from '../protocol/schemas';
import { errorMessage, needsSettings } from './errors';
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
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{errorMessage(error)}</p>
      {error.detail && !['unreachable', 'timeout', 'invalid_url', 'no_permission'].includes(error.code) && (
        <p class="notice-detail">{t('intercomSaid', error.detail)}</p>
      )}
      <p class="notice-actions">
        {needsSettings(error) && (
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
      </p>
    </div>
  );
}
