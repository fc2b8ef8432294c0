/** The foot of a paged list: what failed (with Retry), and "Show more" while there is more. */
import type { ErrorInfo } from '../../protocol/schemas';
import { t } from '../i18n';
import { ErrorState } from '../States';
import type { Paged } from './usePaged';

export function ListFoot<T>({ list, label }: { list: Paged<T>; label: string }) {
  return (
    <>
      {list.error && <ErrorState error={list.error as ErrorInfo} onRetry={list.retry} />}
      {list.hasMore && !list.error && (
        <p class="picture-more">
          <button type="button" class="btn btn-small" onClick={list.more} disabled={list.loadingMore} aria-busy={list.loadingMore || undefined} aria-label={t('showMoreOf', label)}>
            {list.loadingMore ? t('loading') : t('showMore')}
          </button>
        </p>
      )}
    </>
  );
}
