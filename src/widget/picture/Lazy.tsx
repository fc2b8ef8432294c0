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
 * A section behind a disclosure button: nothing is fetched (neither the module nor Intercom's data) until it is
 * opened; `aria-expanded` says whether it is.
 */
export function Disclosure({ id, label, level = 3, children }: { id: string; label: string; level?: 2 | 3; children: () => ComponentChildren }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const [open, setOpen] = useState(false);
  return (
    <section class="picture-section" aria-labelledby={`${id}-toggle`}>
      <Heading class="picture-heading">
        <button type="button" id={`${id}-toggle`} class="btn btn-ghost picture-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen((o) => !o)}>
          <span class="picture-chevron" aria-hidden="true">{open ? '▾' : '▸'}</span> {label}
        </button>
      </Heading>
      <div id={`${id}-body`} hidden={!open}>
        {open && children()}
      </div>
    </section>
  );
}
