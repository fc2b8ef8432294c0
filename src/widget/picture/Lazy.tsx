/**
 * A part of the card or panel that is not needed for the first paint: its module is fetched with import() the
 * first time it is shown (as DOMPurify is), so the side panel starts without it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Skeleton } from '../States';

type Loader<M> = () => Promise<M>;

export function Lazy<M>({ load, render }: { load: Loader<M>; render: (m: M) => ComponentChildren }) {
  const [mod, setMod] = useState<M | null>(null);
  const [failed, setFailed] = useState(false);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setFailed(false);
    load()
      .then((m) => live && setMod(() => m))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [nonce]);
  if (failed) return <ErrorState error={{ code: 'internal' }} onRetry={() => setNonce((n) => n + 1)} />;
  return mod ? <>{render(mod)}</> : <Skeleton rows={1} />;
}

/**
 * A part behind a disclosure button: nothing is fetched (neither the module nor Intercom's data) until it is
 * opened; `aria-expanded` says whether it is. On a card the button is the part's heading (h3); in the panel's
 * list, where the lists name themselves, it is a plain button.
 */
export function Disclosure({ id, label, heading = true, open: shown, onToggle, children }: {
  id: string;
  label: string;
  heading?: boolean;
  /** Kept by the host (the panel keeps People at this site open while a card opened from it is shown). */
  open?: boolean;
  onToggle?: (open: boolean) => void;
  children: () => ComponentChildren;
}) {
  const [own, setOwn] = useState(false);
  const open = shown ?? own;
  const setOpen = (f: (o: boolean) => boolean) => (onToggle ? onToggle(f(open)) : setOwn(f));
  const button = (
    <button type="button" id={`${id}-toggle`} class="btn btn-ghost picture-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen((o) => !o)}>
      <span class="picture-chevron icon-flip" aria-hidden="true">{open ? '▾' : '▸'}</span> {label}
    </button>
  );
  return (
    <div class="picture-section">
      {heading ? <h3 class="picture-heading">{button}</h3> : button}
      <div id={`${id}-body`} hidden={!open}>
        {open && children()}
      </div>
    </div>
  );
}
