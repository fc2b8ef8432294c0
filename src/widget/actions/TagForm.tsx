/** Tag: pick a workspace tag (or create one) for the contact, and take tags off. */
import { useState } from 'preact/hooks';
import type { NamedRef } from '../../protocol/schemas';
import { t } from '../i18n';
import { ErrorState } from '../States';
import { useWorkspace } from '../useWorkspace';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { changeTag, Problem, send, type FormProps } from './shared';
import { useCall } from '../host';

type Option = { kind: 'tag'; tag: NamedRef } | { kind: 'create'; name: string };

const LIST_ID = 'qa-tag-options';

export function TagForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const { workspace, error } = useWorkspace();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Option | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [active, setActive] = useState(0);
  const { busy, problem, track, clear } = useOutcome();
  const [hint, setHint] = useState<string | null>(null);

  const has = new Set(contact.tags.map((x) => x.id));
  const q = query.trim().toLowerCase();
  const all = workspace?.tags ?? [];
  const exact = q ? all.find((x) => x.name.toLowerCase() === q) : undefined;
  const options: Option[] = [
    ...all
      .filter((x) => !has.has(x.id) && x.name.toLowerCase().includes(q))
      .slice(0, 50)
      .map((tag): Option => ({ kind: 'tag', tag })),
    ...(q && !exact ? [{ kind: 'create', name: query.trim() } as Option] : []),
  ];
  const showList = expanded && options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);
  const optionLabel = (o: Option) => (o.kind === 'tag' ? o.tag.name : t('qa_createTag', o.name));

  const choose = (o: Option) => {
    setChosen(o);
    setQuery(o.kind === 'tag' ? o.tag.name : o.name);
    setExpanded(false);
  };

  const submit = async () => {
    if (busy) return;
    if (!workspace) return setHint(t('qa_waitForTags'));
    const target: Option | null =
      chosen ?? (exact ? { kind: 'tag', tag: exact } : q ? { kind: 'create', name: query.trim() } : null);
    setHint(null);
    if (!target) return setHint(t('qa_chooseTag'));
    if (target.kind === 'tag' && has.has(target.tag.id)) {
      clear();
      return setHint(t('qa_alreadyTagged'));
    }
    const outcome = await track(async () => {
      let tag: NamedRef;
      if (target.kind === 'create') {
        const created = await send(call, { kind: 'tag.create', name: target.name });
        if (!created.ok) return created;
        const made = created.entry.result?.tag;
        if (!made) return { ok: false, error: { code: 'internal' }, uncertain: false };
        tag = made;
      } else {
        tag = target.tag;
      }
      const tagged = await changeTag(call, 'contact.tag', contact, tag, onContact);
      return tagged;
    });
    if (outcome.ok && outcome.entry.action.kind === 'contact.tag') {
      const tagId = outcome.entry.action.tagId;
      const tag = target.kind === 'tag' ? target.tag : { id: tagId, name: target.name };
      onDone({ text: t('qa_tagAdded'), undoTag: tag });
    } else if (outcome.ok) {
      onDone({ text: t('qa_tagAdded') });
    }
  };

  const untag = async (tag: NamedRef) => {
    const outcome = await track(() => changeTag(call, 'contact.untag', contact, tag, onContact));
    if (outcome.ok) onDone({ text: t('qa_tagRemoved') });
  };

  return (
    <ActionForm label={t('qa_tagTitle')} onSubmit={() => void submit()}>
      {error ? <ErrorState error={error} /> : !workspace && <p class="muted">{t('loading')}</p>}
      {workspace?.unavailable?.includes('tags') && <p class="muted">{t('cannotReadTags')}</p>}
      <div class="qa-row qa-combo">
        <label for="qa-tag-input">{t('qa_tagLabel')}</label>
        <input
          id="qa-tag-input"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={LIST_ID}
          aria-activedescendant={showList ? `${LIST_ID}-${activeIndex}` : undefined}
          value={query}
          maxLength={255}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setChosen(null);
            setExpanded(true);
            setActive(0);
          }}
          onFocus={() => setExpanded(true)}
          onBlur={() => setExpanded(false)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              if (!showList) return setExpanded(true);
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((activeIndex + step + options.length) % options.length);
            } else if (e.key === 'Enter' && showList && !e.ctrlKey && !e.metaKey) {
              const o = options[activeIndex];
              if (!o) return;
              e.preventDefault();
              choose(o);
            } else if (e.key === 'Escape' && showList) {
              e.preventDefault();
              e.stopPropagation();
              setExpanded(false);
            }
          }}
        />
        <ul id={LIST_ID} role="listbox" aria-label={t('qa_tagOptions')} class="qa-listbox" hidden={!showList}>
          {showList &&
            options.map((o, i) => (
              <li
                key={o.kind === 'tag' ? o.tag.id : `new:${o.name}`}
                id={`${LIST_ID}-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                class={i === activeIndex ? 'qa-option qa-active' : 'qa-option'}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o)}
              >
                {optionLabel(o)}
              </li>
            ))}
        </ul>
      </div>
      <div class="qa-buttons">
        <SubmitButton busy={busy}>{t('qa_addTag')}</SubmitButton>
      </div>
      {hint && (
        <p class="qa-invalid" role="alert">
          {hint}
        </p>
      )}
      <Problem problem={problem} />
      {contact.tags.length > 0 && (
        <ul class="tags qa-current-tags" aria-label={t('qa_currentTags')}>
          {contact.tags.map((tag) => (
            <li key={tag.id} class="tag">
              {tag.name}
              <button
                type="button"
                class="btn btn-ghost btn-small qa-remove"
                aria-label={t('qa_removeTag', tag.name)}
                disabled={busy}
                onClick={() => void untag(tag)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </ActionForm>
  );
}
