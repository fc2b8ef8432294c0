/** Look up an address typed by hand. */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { RpcError } from '../protocol/client';
import type { ContactView, ErrorInfo } from '../protocol/schemas';
import { CopyDetails } from './CopyDetails';
import { errorMessage } from './errors';
import { t } from './i18n';

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u;

interface Props {
  /** The panel's "/" key focuses the field. */
  inputRef?: Ref<HTMLInputElement>;
  lookupOne: (email: string) => Promise<ContactView | null>;
  onResult: (email: string | null) => void;
}

export function SearchBox({ inputRef, lookupOne, onResult }: Props) {
  const [value, setValue] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The failed lookup behind the hint, for Copy details. */
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const email = value.trim().toLowerCase();
    if (!email) return onResult(null);
    if (!LOOKS_LIKE_EMAIL.test(email)) {
      setFailure(null);
      return setHint(t('searchHint'));
    }
    setHint(null);
    setFailure(null);
    setBusy(true);
    try {
      await lookupOne(email);
      onResult(email);
    } catch (err) {
      setHint(err instanceof RpcError ? errorMessage(err.info) : t('err_internal'));
      setFailure(err instanceof RpcError ? err.info : { code: 'internal' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="search" role="search" onSubmit={submit}>
      <input
        ref={inputRef}
        type="text"
        inputMode="email"
        autocomplete="off"
        spellcheck={false}
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        aria-describedby={hint ? 'search-hint' : undefined}
        aria-invalid={hint ? true : undefined}
        value={value}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
      />
      <button type="submit" class="btn" disabled={busy}>
        {t('lookUp')}
      </button>
      {hint && (
        <p id="search-hint" class="hint" role="alert">
          {hint} {failure && <CopyDetails error={failure} />}
        </p>
      )}
    </form>
  );
}
