/** A list read a page at a time: the first page when its key changes, the next one on "Show more". */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorInfo } from '../../protocol/client';
import type { Page } from '../../protocol/picture';
import type { ErrorInfo } from '../../protocol/schemas';

export interface Paged<T> {
  items: T[];
  /** Nothing read yet. */
  loading: boolean;
  /** A further page is being read. */
  loadingMore: boolean;
  hasMore: boolean;
  unavailable: boolean;
  error: ErrorInfo | null;
  more(): void;
  retry(): void;
  /** Replaces an item in place (a change made from the row). */
  replace(match: (x: T) => boolean, next: T): void;
}

/** What a list had read, kept by its key while its part of the panel is closed (a card opened from it). */
export type PagedMemo<T> = Map<string, { items: T[]; next: string | null }>;

export function usePaged<T, P extends Page<T> = Page<T>>(
  key: string,
  read: (cursor?: string) => Promise<P>,
  onFirst?: (p: P) => void,
  memo?: PagedMemo<T>,
): Paged<T> {
  const kept = memo?.get(key);
  const [items, setItems] = useState<T[]>(kept?.items ?? []);
  const [next, setNext] = useState<string | null>(kept?.next ?? null);
  const [loading, setLoading] = useState(!kept);
  const [loadingMore, setLoadingMore] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    // Back to a list read before: it shows what it had, and reads nothing again.
    if (nonce === 0 && memo?.get(key)) return;
    const gen = ++generation.current;
    setItems([]);
    setNext(null);
    setLoading(true);
    setError(null);
    setUnavailable(false);
    read()
      .then((p) => {
        if (gen !== generation.current) return;
        setItems(p.items);
        setNext(p.next);
        setUnavailable(!!p.unavailable);
        if (!p.unavailable) memo?.set(key, { items: p.items, next: p.next });
        onFirst?.(p);
      })
      .catch((e: unknown) => gen === generation.current && setError(errorInfo(e)))
      .finally(() => gen === generation.current && setLoading(false));
  }, [key, nonce]);

  const more = () => {
    if (!next || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    setError(null);
    read(next)
      .then((p) => {
        if (gen !== generation.current) return;
        setItems((prev) => {
          const all = [...prev, ...p.items];
          memo?.set(key, { items: all, next: p.next });
          return all;
        });
        setNext(p.next);
      })
      .catch((e: unknown) => gen === generation.current && setError(errorInfo(e)))
      .finally(() => gen === generation.current && setLoadingMore(false));
  };

  return {
    items,
    loading,
    loadingMore,
    hasMore: !!next,
    unavailable,
    error,
    more,
    retry: () => (items.length && next ? more() : setNonce((n) => n + 1)),
    replace: (match, x) => setItems((prev) => prev.map((it) => (match(it) ? x : it))),
  };
}
