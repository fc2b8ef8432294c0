/** A quick-action form whose module is loaded the first time it is opened (the card starts without it). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Skeleton } from '../States';
import type { FormProps } from './shared';

type Form = (p: FormProps) => JSX.Element;
/** `preload()` fetches the module ahead of time: the form then opens at once, as if it had never been lazy. */
export type LazyForm = Form & { preload: () => Promise<void> };

export function lazyForm(load: () => Promise<Form>): LazyForm {
  let loaded: Form | null = null;
  const preload = () => load().then((F) => void (loaded = F));
  return Object.assign(function LazyForm(props: FormProps) {
    const [form, setForm] = useState<{ F: Form } | null>(loaded ? { F: loaded } : null);
    useEffect(() => {
      if (form) return;
      let live = true;
      void load().then((F) => {
        loaded = F;
        if (live) setForm({ F });
      });
      return () => {
        live = false;
      };
    }, []);
    if (!form) return <Skeleton rows={1} />;
    const { F } = form;
    return <F {...props} />;
  }, { preload });
}
