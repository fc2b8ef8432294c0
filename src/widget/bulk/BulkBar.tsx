/**
 * "Tag all" and "Create leads for all" over the people on the page. A run shares one batchId, sends two
 * actions at a time through the outbox, shows its progress and each item's outcome, and can be cancelled:
 * nothing more is submitted and the worker drops what of the batch it has not sent yet.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ActionInput, OutboxEntry } from '../../protocol/actions';
import { errorInfo } from '../../protocol/client';
import type { ContactView, ErrorInfo } from '../../protocol/schemas';
import { CopyDetails } from '../CopyDetails';
import { errorMessage } from '../errors';
import { num, t, tn } from '../i18n';
import { ErrorState } from '../States';
import { newId, submitAction } from '../submit';
import { useWorkspace } from '../useWorkspace';
import { useCall } from '../host';

export interface BulkBarProps {
  /**
   * Every address on the page with what the lookup found (null: not in Intercom; undefined: not known yet)
   * and the name the page shows beside it, for a new lead.
   */
  rows: Array<{ email: string; contact: ContactView | null | undefined; name?: string }>;
  onContacts: (updates: Record<string, ContactView>) => void;
}

/** How many actions of a run are in flight at once. */
export const BULK_CONCURRENCY = 2;
const NEW_TAG = '__new__';

type ItemState = 'waiting' | 'sending' | 'done' | 'failed' | 'cancelled';
interface Item {
  email: string;
  action: ActionInput;
  state: ItemState;
  error?: ErrorInfo;
}
interface Run {
  kind: 'tag' | 'leads';
  batchId: string;
  items: Item[];
  running: boolean;
  cancelled: boolean;
  /** What stopped the run before it started (a tag that could not be created). */
  error?: ErrorInfo;
}


function entryError(entry: OutboxEntry): ErrorInfo {
  return entry.error ?? { code: entry.state === 'uncertain' ? 'uncertain' : 'internal' };
}

export function BulkBar({ rows, onContacts }: BulkBarProps) {
  const call = useCall();
  const { workspace } = useWorkspace();
  const [tagChoice, setTagChoice] = useState('');
  const [newTag, setNewTag] = useState('');
  const [run, setRun] = useState<Run | null>(null);
  const cancelled = useRef(false);
  const mounted = useRef(true);
  const id = useId();
  useEffect(() => () => void (mounted.current = false), []);

  const seen = new Set<string>();
  const found = rows.filter((r): r is { email: string; contact: ContactView } => {
    if (!r.contact || seen.has(r.contact.id)) return false;
    seen.add(r.contact.id);
    return true;
  });
  const unknown = rows.filter((r) => r.contact === null);
  const tags = workspace?.tags ?? [];
  const choice = tagChoice || (tags[0]?.id ?? NEW_TAG);
  const busy = run?.running ?? false;
  const tagReady = choice !== NEW_TAG || newTag.trim().length > 0;

  const update = (batchId: string, change: (r: Run) => Run) =>
    mounted.current && setRun((prev) => (prev && prev.batchId === batchId ? change(prev) : prev));
  const setItem = (batchId: string, index: number, patch: Partial<Item>) =>
    update(batchId, (r) => ({ ...r, items: r.items.map((it, i) => (i === index ? { ...it, ...patch } : it)) }));

  /** Sends the items, BULK_CONCURRENCY at a time, until they are all sent or the run is cancelled. */
  const execute = async (batchId: string, items: Item[]) => {
    let next = 0;
    const worker = async () => {
      while (!cancelled.current && next < items.length) {
        const index = next++;
        const item = items[index]!;
        setItem(batchId, index, { state: 'sending' });
        try {
          const entry = await submitAction(call, item.action, batchId);
          if (entry.state === 'done') {
            setItem(batchId, index, { state: 'done' });
            const contact = entry.result?.contact;
            if (contact && mounted.current) onContacts({ [item.email]: contact });
          } else if (entry.state === 'cancelled') {
            setItem(batchId, index, { state: 'cancelled' });
          } else {
            setItem(batchId, index, { state: 'failed', error: entryError(entry) });
          }
        } catch (e) {
          setItem(batchId, index, { state: 'failed', error: errorInfo(e) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, items.length) }, worker));
    update(batchId, (r) => ({
      ...r,
      running: false,
      items: r.items.map((it) => (it.state === 'waiting' ? { ...it, state: 'cancelled' } : it)),
    }));
  };

  const start = (kind: Run['kind'], items: Item[], batchId: string, prepare?: () => Promise<Item[] | ErrorInfo>) => {
    cancelled.current = false;
    setRun({ kind, batchId, items, running: true, cancelled: false });
    void (async () => {
      let list = items;
      if (prepare) {
        const prepared = await prepare();
        if (!Array.isArray(prepared)) {
          update(batchId, (r) => ({ ...r, running: false, error: prepared, items: [] }));
          return;
        }
        list = prepared;
        update(batchId, (r) => ({ ...r, items: prepared }));
      }
      await execute(batchId, list);
    })();
  };

  const tagAll = () => {
    if (!found.length || !tagReady) return;
    const batchId = newId();
    const itemsFor = (tagId: string): Item[] =>
      found.map((r) => ({ email: r.email, state: 'waiting', action: { kind: 'contact.tag', contactId: r.contact.id, tagId } }));
    if (choice !== NEW_TAG) return start('tag', itemsFor(choice), batchId);
    const name = newTag.trim();
    // The list is shown at once; the items wait for the new tag's id.
    start('tag', itemsFor('pending'), batchId, async () => {
      try {
        const entry = await submitAction(call, { kind: 'tag.create', name }, batchId);
        const tag = entry.state === 'done' ? entry.result?.tag : undefined;
        if (!tag) return entryError(entry);
        setNewTag('');
        setTagChoice(tag.id);
        return itemsFor(tag.id);
      } catch (e) {
        return errorInfo(e);
      }
    });
  };

  const leadsForAll = () => {
    if (!unknown.length) return;
    start(
      'leads',
      unknown.map((r) => ({
        email: r.email,
        state: 'waiting',
        action: { kind: 'contact.create-lead', email: r.email, ...(r.name ? { name: r.name } : {}) },
      })),
      newId(),
    );
  };

  const cancel = () => {
    if (!run?.running) return;
    cancelled.current = true;
    update(run.batchId, (r) => ({ ...r, cancelled: true }));
    void call('outbox/cancel', { batchId: run.batchId }).catch(() => undefined);
  };

  return (
    <div class="bulk" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} class="bulk-title">
        {t('bulkTitle')}
      </p>
      <form
        class="bulk-controls"
        onSubmit={(e) => {
          e.preventDefault();
          tagAll();
        }}
      >
        <label for={`${id}-tag`}>{t('bulkTagLabel')}</label>
        <select id={`${id}-tag`} value={choice} disabled={busy} onChange={(e) => setTagChoice((e.target as HTMLSelectElement).value)}>
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
          <option value={NEW_TAG}>{t('bulkNewTagOption')}</option>
        </select>
        {choice === NEW_TAG && (
          <>
            <label for={`${id}-new`}>{t('bulkNewTagName')}</label>
            <input id={`${id}-new`} type="text" value={newTag} maxLength={255} disabled={busy} onInput={(e) => setNewTag((e.target as HTMLInputElement).value)} />
          </>
        )}
        <button type="submit" class="btn" disabled={busy || !found.length || !tagReady}>
          {t('bulkTagAll')}
        </button>
      </form>
      <div class="buttons">
        <button type="button" class="btn" disabled={busy || !unknown.length} onClick={leadsForAll}>
          {t('bulkCreateLeads')}
        </button>
        {busy && (
          <button type="button" class="btn btn-danger" onClick={cancel} disabled={run?.cancelled}>
            {t('cancel')}
          </button>
        )}
      </div>
      {run && <RunView run={run} />}
    </div>
  );
}

function RunView({ run }: { run: Run }) {
  const id = useId();
  const total = run.items.length;
  const done = run.items.filter((i) => i.state === 'done').length;
  const failed = run.items.filter((i) => i.state === 'failed').length;
  const cancelledCount = run.items.filter((i) => i.state === 'cancelled').length;
  const finished = done + failed + cancelledCount;
  return (
    <div class="bulk-run">
      {run.error && <ErrorState error={run.error} />}
      <div
        role="progressbar"
        class="progress"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={t('bulkProgress', [num(finished), num(total)])}
      >
        <span class="progress-fill" style={{ width: total ? `${(finished / total) * 100}%` : '0%' }} />
      </div>
      <p id={`${id}-label`} class="bulk-status" aria-live="polite">
        {t(run.kind === 'tag' ? 'bulkTagging' : 'bulkCreatingLeads')} {t('bulkProgress', [num(finished), num(total)])}
      </p>
      <p class="bulk-counts">
        {t('bulkCounts', [tn('bulkCountDone', done), tn('bulkCountFailed', failed)])}
        {cancelledCount > 0 && ` ${tn('bulkCancelledCount', cancelledCount)}`}
      </p>
      <ul class="bulk-items" aria-label={t('bulkResults')}>
        {run.items.map((item) => (
          <li key={item.email} class={`bulk-item bulk-${item.state}`}>
            <span class="bulk-email">{item.email}</span> <span class="bulk-outcome">{outcome(item)}</span>
            {item.state === 'failed' && item.error && <CopyDetails error={item.error} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function outcome(item: Item): string {
  switch (item.state) {
    case 'waiting':
      return t('bulkWaiting');
    case 'sending':
      return t('sending');
    case 'done':
      return t('bulkDone');
    case 'cancelled':
      return t('bulkCancelled');
    case 'failed':
      return item.error ? errorMessage(item.error) : t('err_internal');
  }
}
