/** Ticket: a ticket of one of the workspace's types for the contact, its form built from the type's attributes. */
import type { TargetedInputEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary, TicketAttributeView, TicketTypeView } from '../../protocol/actions';
import { t } from '../i18n';
import { ErrorState } from '../States';
import { useWorkspace } from '../useWorkspace';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { useCall } from '../host';

type Value = string | boolean;
const SUPPORTED = ['string', 'integer', 'decimal', 'boolean', 'list', 'datetime'];

/** The attribute values as the action sends them: numbers as numbers, datetimes as Unix seconds, empties left out. */
export function attributeValues(type: TicketTypeView, values: Record<string, Value>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const a of type.attributes) {
    const v = values[a.name];
    if (a.dataType === 'boolean') {
      out[a.name] = v === true;
      continue;
    }
    if (typeof v !== 'string' || v.trim() === '') continue;
    if (a.dataType === 'integer') {
      const n = Number.parseInt(v, 10);
      if (Number.isFinite(n)) out[a.name] = n;
    } else if (a.dataType === 'decimal') {
      const n = Number.parseFloat(v);
      if (Number.isFinite(n)) out[a.name] = n;
    } else if (a.dataType === 'datetime') {
      const ms = new Date(v).getTime();
      if (Number.isFinite(ms)) out[a.name] = Math.floor(ms / 1000);
    } else if (SUPPORTED.includes(a.dataType)) {
      out[a.name] = a.dataType === 'string' ? v.trim() : v;
    }
  }
  return out;
}

export function TicketForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const { workspace, error } = useWorkspace();
  const [typeId, setTypeId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [values, setValues] = useState<Record<string, Value>>({});
  const [conversationId, setConversationId] = useState('');
  const [conversations, setConversations] = useState<ConversationSummary[] | null>(null);
  const { busy, problem, track } = useOutcome();

  useEffect(() => {
    let live = true;
    call('contact/activity', { contactId: contact.id })
      .then((a) => live && setConversations(a.conversations.filter((c) => c.state === 'open')))
      .catch(() => live && setConversations([]));
    return () => {
      live = false;
    };
  }, [contact.id]);

  const types = workspace?.ticketTypes ?? [];
  const type = types.find((x) => x.id === typeId) ?? null;
  const canLink = !!type && type.category !== 'Customer';

  const submit = async () => {
    if (busy || !type) return;
    const outcome = await track(() =>
      send(call, 
        {
          kind: 'contact.ticket',
          contactId: contact.id,
          ticketTypeId: type.id,
          title: title.trim(),
          ...(description.trim() ? { description } : {}),
          attributes: attributeValues(type, values),
          ...(canLink && conversationId ? { conversationId } : {}),
        },
        onContact,
      ),
    );
    if (!outcome.ok) return;
    const ticket = outcome.entry.result?.ticket;
    onDone({
      text: ticket ? t('qa_ticketCreatedId', ticket.ticketId ?? ticket.id) : t('qa_ticketCreated'),
      extra: ticket?.url ? (
        <a href={ticket.url} target="_blank" rel="noopener noreferrer">
          {t('qa_openTicket')}
        </a>
      ) : undefined,
    });
  };

  const set = (name: string, v: Value) => setValues((old) => ({ ...old, [name]: v }));

  return (
    <ActionForm label={t('qa_ticketTitle')} multiline onSubmit={() => void submit()}>
      {error && <ErrorState error={error} />}
      {!workspace && !error && <p class="muted">{t('loading')}</p>}
      {workspace && types.length === 0 && (
        <p class="muted">{t(workspace.unavailable?.includes('ticketTypes') ? 'cannotReadTicketTypes' : 'qa_noTicketTypes')}</p>
      )}
      <div class="qa-row">
        <label for="qa-ticket-type">{t('qa_ticketType')}</label>
        <select
          id="qa-ticket-type"
          required
          value={typeId}
          onChange={(e) => {
            setTypeId(e.currentTarget.value);
            setValues({});
            setConversationId('');
          }}
        >
          <option value="">{t('qa_chooseTicketType')}</option>
          {types.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
      {type && (
        <>
          <div class="qa-row">
            <label for="qa-ticket-title">{t('qa_ticketTitleField')}</label>
            <input id="qa-ticket-title" type="text" required maxLength={255} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </div>
          <div class="qa-row">
            <label for="qa-ticket-description">{t('qa_ticketDescription')}</label>
            <textarea
              id="qa-ticket-description"
              rows={3}
              maxLength={10_000}
              value={description}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </div>
          {type.attributes
            .filter((a) => SUPPORTED.includes(a.dataType))
            .map((a, i) => (
              <AttributeField key={`${type.id}:${a.name}`} id={`qa-ticket-attr-${i}`} attribute={a} value={values[a.name]} onChange={(v) => set(a.name, v)} />
            ))}
          {canLink && conversations && conversations.length > 0 && (
            <div class="qa-row">
              <label for="qa-ticket-conversation">{t('qa_linkConversation')}</label>
              <select id="qa-ticket-conversation" value={conversationId} onChange={(e) => setConversationId(e.currentTarget.value)}>
                <option value="">{t('qa_noConversation')}</option>
                {conversations.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title || c.lastPart || c.id}
                  </option>
                ))}
              </select>
            </div>
          )}
        </>
      )}
      <div class="qa-buttons">
        <SubmitButton busy={busy}>{t('qa_createTicket')}</SubmitButton>
      </div>
      <Problem problem={problem} />
    </ActionForm>
  );
}

function AttributeField({
  id,
  attribute: a,
  value,
  onChange,
}: {
  id: string;
  attribute: TicketAttributeView;
  value: Value | undefined;
  onChange: (v: Value) => void;
}) {
  const hintId = a.description ? `${id}-hint` : undefined;
  const hint = a.description ? (
    <p class="hint" id={hintId}>
      {a.description}
    </p>
  ) : null;
  const text = typeof value === 'string' ? value : '';
  if (a.dataType === 'boolean') {
    return (
      <div class="qa-row qa-check">
        <label>
          <input type="checkbox" id={id} checked={value === true} required={a.required} aria-describedby={hintId} onChange={(e) => onChange(e.currentTarget.checked)} />
          {a.label}
        </label>
        {hint}
      </div>
    );
  }
  let input;
  if (a.dataType === 'list') {
    input = (
      <select id={id} required={a.required} value={text} aria-describedby={hintId} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('qa_none')}</option>
        {a.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (a.dataType === 'string' && a.multiline) {
    input = <textarea id={id} rows={3} required={a.required} value={text} aria-describedby={hintId} onInput={(e) => onChange(e.currentTarget.value)} />;
  } else {
    const common = { id, required: a.required, value: text, 'aria-describedby': hintId, onInput: (e: TargetedInputEvent<HTMLInputElement>) => onChange(e.currentTarget.value) };
    input =
      a.dataType === 'integer' || a.dataType === 'decimal' ? (
        <input type="number" step={a.dataType === 'integer' ? 1 : 'any'} {...common} />
      ) : a.dataType === 'datetime' ? (
        <input type="datetime-local" {...common} />
      ) : (
        <input type="text" {...common} />
      );
  }
  return (
    <div class="qa-row">
      <label for={id}>{a.label}</label>
      {input}
      {hint}
    </div>
  );
}
