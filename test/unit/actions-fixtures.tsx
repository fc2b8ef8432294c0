/**
 * Shared by the quick-action component tests: a contact, a workspace, a card that keeps the contact the
 * actions hand back, and a fake worker that answers `outbox/submit` per action kind.
 */
import { render } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import type { Action, ActionResult, OutboxEntry, OutboxState, WorkspaceView } from '../../src/protocol/actions';
import type { ContactView, ErrorInfo } from '../../src/protocol/schemas';
import { ContactActions } from '../../src/widget/actions/ContactActions';
import { resetWorkspace } from '../../src/widget/useWorkspace';
import { installFakeChrome, type FakeChrome } from './fake-chrome';

export function contact(over: Partial<ContactView> = {}): ContactView {
  return {
    id: 'c-ana',
    email: 'ana@acme.test',
    name: 'Ana Lima',
    role: 'user',
    avatar: null,
    phone: '+351 21 000 0000',
    companies: [{ id: 'co-1', name: 'Acme Corp' }],
    tags: [{ id: 't-1', name: 'VIP' }],
    location: null,
    lastSeenAt: null,
    customAttributes: { plan: 'Enterprise', seats: 42, churn_risk: false, notes: null },
    unsubscribed: false,
    url: 'https://app.intercom.com/a/apps/abc/users/c-ana',
    ...over,
  };
}

export const workspace: WorkspaceView = {
  appId: 'abc',
  me: { id: 'a-1', name: 'Sam Admin', email: 'sam@acme.test' },
  actingAdminId: 'a-1',
  admins: [{ id: 'a-1', name: 'Sam Admin', email: 'sam@acme.test' }],
  teams: [],
  tags: [
    { id: 't-1', name: 'VIP' },
    { id: 't-2', name: 'Beta tester' },
    { id: 't-3', name: 'Churn risk' },
    { id: 't-4', name: 'Vintage' },
  ],
  ticketTypes: [
    {
      id: 'tt-bug',
      name: 'Bug report',
      description: null,
      category: 'Back-office',
      attributes: [
        { name: 'severity', label: 'Severity', description: 'How bad', dataType: 'list', required: true, multiline: false, options: [{ id: 'opt-hi', label: 'High' }, { id: 'opt-lo', label: 'Low' }] },
        { name: 'steps', label: 'Steps', description: null, dataType: 'string', required: false, multiline: true, options: [] },
        { name: 'browser', label: 'Browser', description: null, dataType: 'string', required: true, multiline: false, options: [] },
        { name: 'count', label: 'Affected users', description: null, dataType: 'integer', required: false, multiline: false, options: [] },
        { name: 'cost', label: 'Cost', description: null, dataType: 'decimal', required: false, multiline: false, options: [] },
        { name: 'blocking', label: 'Blocking', description: null, dataType: 'boolean', required: false, multiline: false, options: [] },
        { name: 'due', label: 'Due', description: null, dataType: 'datetime', required: false, multiline: false, options: [] },
        { name: 'files', label: 'Files', description: null, dataType: 'files', required: false, multiline: false, options: [] },
      ],
    },
    { id: 'tt-cust', name: 'Customer request', description: null, category: 'Customer', attributes: [] },
  ],
};

export function entry(action: Action, state: OutboxState = 'done', result?: ActionResult, error?: ErrorInfo): OutboxEntry {
  return { id: 'entry-1', action, state, createdAt: 1, updatedAt: 2, attempts: 1, ...(result ? { result } : {}), ...(error ? { error } : {}) };
}

export interface Rig {
  fake: FakeChrome;
  /** Every action the panel submitted, in order. */
  submitted: Action[];
  /** Every contact the actions handed to the card, in order. */
  shown: ContactView[];
  /** How the fake worker finishes each action: by default `done`, with no result. */
  respond: (action: Action) => OutboxEntry | Promise<OutboxEntry>;
}

export function setup(): Rig {
  resetWorkspace();
  const fake = installFakeChrome();
  const rig: Rig = { fake, submitted: [], shown: [], respond: (a) => entry(a) };
  fake.answers['workspace/info'] = () => workspace;
  fake.answers['contact/activity'] = () => ({ conversations: [], tickets: [] });
  fake.answers['companies/find'] = () => ({ companies: [] });
  fake.answers['outbox/submit'] = (input: { action: Action }) => {
    rig.submitted.push(input.action);
    return rig.respond(input.action);
  };
  return rig;
}

/** A card that shows the contact as the actions last handed it back. */
export function Card({ initial, rig }: { initial: ContactView; rig: Rig }) {
  const [c, setC] = useState(initial);
  return (
    <div>
      <ul aria-label="Card tags">
        {c.tags.map((x) => (
          <li key={x.id}>{x.name}</li>
        ))}
      </ul>
      <p data-testid="role">{c.role}</p>
      <ContactActions
        contact={c}
        onContact={(next) => {
          rig.shown.push(next);
          setC(next);
        }}
      />
    </div>
  );
}

export function renderCard(rig: Rig, c: ContactView = contact()) {
  return render(<Card initial={c} rig={rig} />);
}
