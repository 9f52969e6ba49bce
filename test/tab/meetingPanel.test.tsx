// The side panel's note editor states (saved, saving, offline, conflict) and the takeaway flow, rendered
// by the real components against the real server (serverSetup.ts). Network faults come from a fetch that
// fails or waits on purpose in front of the real one: the server and its answers stay real.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import type { ReactElement } from 'react';
import { createApiClient, type ApiClient } from '../../tab/src/api/client';
import type { Note, PairDashboard } from '../../tab/src/api/types';
import { meetingStrings as s } from '../../tab/src/pages/Meeting/strings';
import { PanelGoals } from '../../tab/src/pages/Meeting/PanelGoals';
import { SessionNotes } from '../../tab/src/pages/Meeting/SessionNotes';
import { SessionTakeaways } from '../../tab/src/pages/Meeting/SessionTakeaways';
import { consentStrings as c } from '../../tab/src/components/consent/strings';
import { PAIR_IDS, clientFor, devToken, nodeFetch } from './realServer';

const [demoPair] = PAIR_IDS as [string];
// A pair of its own (made through the API in beforeAll), so that the shared demo pair's dashboard tests see
// none of these notes and takeaways.
let pairId: string;
let programId: string;
let sessionId: string;
const MENTOR = { id: `panel-mentor-${randomUUID().slice(0, 8)}`, name: 'Mara Panel' };
const MENTEE = { id: `panel-mentee-${randomUUID().slice(0, 8)}`, name: 'Ezra Boardman' };
const ui = (element: ReactElement) => render(<FluentProvider theme={teamsDarkTheme}>{element}</FluentProvider>);
(globalThis.crypto as { randomUUID?: () => string }).randomUUID ??= randomUUID;

/**
 * A fetch in front of the real one: `offline` makes every call fail as a cut network does; `hold` delays writes;
 * `loseAnswers` lets writes reach the server and then fails them, as a connection cut before the answer does.
 */
function flakyNetwork() {
  const state = { offline: false, held: [] as Array<() => void>, hold: false, loseAnswers: false };
  const fetcher = ((input: string, init?: { method?: string }) => {
    if (state.offline) return Promise.reject(new TypeError('Failed to fetch'));
    if (state.loseAnswers && init?.method && init.method !== 'GET')
      return nodeFetch(input, init as never).then(() => Promise.reject(new TypeError('Failed to fetch')));
    if (state.hold && init?.method && init.method !== 'GET')
      return new Promise((resolve) => state.held.push(() => resolve(nodeFetch(input, init as never))));
    return nodeFetch(input, init as never);
  }) as unknown as typeof fetch;
  return { state, fetcher, release: () => state.held.splice(0).forEach((go) => go()) };
}

async function adminClient(): Promise<ApiClient> {
  const res = await nodeFetch('/api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: 'avery', name: 'Avery Admin', roles: ['ProgramAdmin'] }),
  });
  const { token } = (await res.json()) as { token: string };
  return createApiClient(async () => token, nodeFetch);
}

beforeAll(async () => {
  const demo = await (await clientFor('dana', 'Dana Whitfield')).get<PairDashboard>(`/api/pairs/${demoPair}`);
  const admin = await adminClient();
  programId = demo.pair.programId;
  for (const [person, role] of [
    [MENTOR, 'mentor'],
    [MENTEE, 'mentee'],
  ] as const)
    await admin.send('POST', `/api/programs/${programId}/participants`, {
      body: { ...person, role, skills: [], interests: [] },
    });
  pairId = (
    await admin.send<{ id: string }>('POST', `/api/programs/${programId}/pairs`, {
      body: { mentorId: MENTOR.id, menteeId: MENTEE.id },
    })
  ).id;
  const mentor = await clientFor(MENTOR.id, MENTOR.name);
  sessionId = (
    await mentor.send<{ id: string }>('POST', `/api/pairs/${pairId}/sessions`, {
      body: { scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), durationMinutes: 45 },
    })
  ).id;
});

const statusOf = (label: string) => within(screen.getByRole('group', { name: label })).getByRole('status');
const notesPath = () => `/api/pairs/${pairId}/sessions/${sessionId}/notes`;

beforeEach(() => localStorage.clear());

test('saving, then saved: a pause in typing saves the note, exactly as typed', async () => {
  const token = await devToken(MENTOR.id, MENTOR.name);
  const network = flakyNetwork();
  const api = createApiClient(async () => token, network.fetcher);
  ui(
    <SessionNotes
      api={api}
      pairId={pairId}
      sessionId={sessionId}
      me={MENTOR.id}
      partnerName={MENTEE.name}
      confidential={false}
      readOnly={false}
    />,
  );
  const editor = await screen.findByRole('textbox', { name: s.notes.mine });
  expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.saved);

  network.state.hold = true;
  fireEvent.change(editor, { target: { value: 'Saving test: keep trailing space ' } });
  expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.unsaved);
  await waitFor(() => expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.saving));
  network.state.hold = false;
  network.release();
  await waitFor(() => expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.saved));
  const stored = (await api.get<{ notes: Note[] }>(notesPath())).notes.filter((n) => n.authorId === MENTOR.id);
  expect(stored.map((n) => n.body)).toContain('Saving test: keep trailing space ');
  expect(localStorage.length).toBe(0);
});

test('offline: the text stays on the device and is saved when the network is back', async () => {
  const token = await devToken(MENTEE.id, MENTEE.name);
  const network = flakyNetwork();
  const api = createApiClient(async () => token, network.fetcher);
  const view = ui(
    <SessionNotes
      api={api}
      pairId={pairId}
      sessionId={sessionId}
      me={MENTEE.id}
      partnerName={MENTOR.name}
      confidential={false}
      readOnly={false}
    />,
  );
  const editor = await screen.findByRole('textbox', { name: s.notes.mine });

  network.state.offline = true;
  fireEvent.change(editor, { target: { value: 'Typed without a network' } });
  await waitFor(() => expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.offline));
  const draftKey = Object.keys(localStorage).find((k) => k.startsWith(`rm.note.${pairId}.${sessionId}.${MENTEE.id}.`));
  expect(JSON.parse(localStorage.getItem(draftKey!)!).text).toBe('Typed without a network');

  // Still offline, the editor keeps trying; the text is only on the device.
  await new Promise((r) => setTimeout(r, 500));
  expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.offline);

  // The network returns and the panel is reloaded (the panel itself needs the network to load): it starts
  // from the device's copy and saves it.
  network.state.offline = false;
  view.unmount();
  ui(
    <SessionNotes
      api={api}
      pairId={pairId}
      sessionId={sessionId}
      me={MENTEE.id}
      partnerName={MENTOR.name}
      confidential={false}
      readOnly={false}
    />,
  );
  await waitFor(() =>
    expect(screen.getByRole('textbox', { name: s.notes.mine })).toHaveValue('Typed without a network'),
  );
  await waitFor(() => expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.saved));
  expect(localStorage.length).toBe(0);
  const stored = (await api.get<{ notes: Note[] }>(notesPath())).notes.filter((n) => n.authorId === MENTEE.id);
  expect(stored.map((n) => n.body)).toEqual(['Typed without a network']);
});

test('a create whose answer was lost is retried as it was sent (same key, same text); the text typed since follows: one note', async () => {
  const mentor = await clientFor(MENTOR.id, MENTOR.name);
  const session = await mentor.send<{ id: string }>('POST', `/api/pairs/${pairId}/sessions`, {
    body: { scheduledAt: new Date(Date.now() + 7_200_000).toISOString(), durationMinutes: 30 },
  });
  const token = await devToken(MENTOR.id, MENTOR.name);
  const network = flakyNetwork();
  const api = createApiClient(async () => token, network.fetcher);
  ui(
    <SessionNotes
      api={api}
      pairId={pairId}
      sessionId={session.id}
      me={MENTOR.id}
      partnerName={MENTEE.name}
      confidential={false}
      readOnly={false}
    />,
  );
  const editor = await screen.findByRole('textbox', { name: s.notes.mine });

  network.state.loseAnswers = true;
  fireEvent.change(editor, { target: { value: 'First words' } });
  await waitFor(() => expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.offline));
  network.state.loseAnswers = false;
  fireEvent.change(editor, { target: { value: 'First words, and more typed while offline' } });
  await waitFor(() => expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.saved), { timeout: 10_000 });
  const stored = (await api.get<{ notes: Note[] }>(`/api/pairs/${pairId}/sessions/${session.id}/notes`)).notes.filter(
    (n) => n.authorId === MENTOR.id,
  );
  expect(stored.map((n) => n.body)).toEqual(['First words, and more typed while offline']);
  expect(localStorage.length).toBe(0);
}, 20_000);

test('conflict: the same sentence changed in two places shows both versions; "keep both" saves both', async () => {
  const mentor = await clientFor(MENTOR.id, MENTOR.name);
  const executive = await clientFor(MENTEE.id, MENTEE.name);
  const created = await mentor.send<Note>('POST', notesPath(), {
    body: { body: 'Budget review on Monday.', visibility: 'pair' },
  });

  ui(
    <SessionNotes
      api={executive}
      pairId={pairId}
      sessionId={sessionId}
      me={MENTEE.id}
      partnerName={MENTOR.name}
      confidential={false}
      readOnly={false}
    />,
  );
  const label = s.notes.partnerLabel(MENTOR.name);
  const editor = (await screen.findAllByRole('textbox', { name: label })).find(
    (e) => (e as HTMLTextAreaElement).value === 'Budget review on Monday.',
  )!;
  const group = editor.closest('[role="group"]') as HTMLElement;

  // The author changes the same words meanwhile, then the executive's save meets the newer version (412).
  await mentor.send('PATCH', `${notesPath()}/${created.id}`, {
    body: { body: 'Budget review on Tuesday.' },
    ifMatch: created.etag,
  });
  fireEvent.change(editor, { target: { value: 'Budget review on Wednesday.' } });
  await within(group).findByText(s.notes.conflictTitle, {}, { timeout: 8000 });
  expect(within(group).getByRole('status')).toHaveTextContent(s.notes.status.conflict);
  expect(within(group).getByText('Budget review on Tuesday.', { selector: 'p' })).toBeInTheDocument();
  expect(within(group).getByText('Budget review on Wednesday.', { selector: 'p' })).toBeInTheDocument();

  fireEvent.click(within(group).getByRole('button', { name: s.notes.keepBoth }));
  await waitFor(() => expect(within(group).getByRole('status')).toHaveTextContent(s.notes.status.saved));
  const stored = (await mentor.get<{ notes: Note[] }>(notesPath())).notes.find((n) => n.id === created.id)!;
  expect(stored.body).toBe('Budget review on Tuesday.\n\nBudget review on Wednesday.');
});

test('confidential mode begun within the autosave pause: the pending save is cancelled, the draft leaves the device, the text is handed to the off-the-record pad', async () => {
  const token = await devToken(MENTOR.id, MENTOR.name);
  const writes: string[] = [];
  const api = createApiClient(async () => token, ((input: string, init?: { method?: string; body?: string }) => {
    if (init?.method && init.method !== 'GET') writes.push(`${init.method} ${input} ${init.body ?? ''}`);
    return nodeFetch(input, init as never);
  }) as unknown as typeof fetch);
  const withheld: string[] = [];
  const panel = (confidential: boolean) => (
    <SessionNotes
      api={api}
      pairId={pairId}
      sessionId={sessionId}
      me={MENTOR.id}
      partnerName={MENTEE.name}
      confidential={confidential}
      onWithheld={(text) => withheld.push(text)}
      readOnly={false}
    />
  );
  const view = ui(panel(false));
  const editor = await screen.findByRole('textbox', { name: s.notes.mine });
  const before = (editor as HTMLTextAreaElement).value;
  fireEvent.change(editor, { target: { value: `${before}She may leave in spring` } });
  expect(Object.values({ ...localStorage }).join()).toContain('She may leave in spring');
  // Switched on at once, well inside the autosave pause.
  view.rerender(<FluentProvider theme={teamsDarkTheme}>{panel(true)}</FluentProvider>);
  expect(withheld).toEqual([`${before}She may leave in spring`]);
  expect((screen.getByRole('textbox', { name: s.notes.mine }) as HTMLTextAreaElement).value).toBe(before);
  expect(screen.getByRole('textbox', { name: s.notes.mine })).toHaveAttribute('readonly');
  expect(statusOf(s.notes.mine)).toHaveTextContent(s.notes.status.confidential);
  await new Promise((r) => setTimeout(r, 1500));
  expect(writes).toEqual([]);
  expect(Object.values({ ...localStorage }).join()).not.toContain('She may leave in spring');
  // Switched off: the note is as it was saved, and nothing is sent.
  view.rerender(<FluentProvider theme={teamsDarkTheme}>{panel(false)}</FluentProvider>);
  await new Promise((r) => setTimeout(r, 1200));
  expect(writes).toEqual([]);
  expect((screen.getByRole('textbox', { name: s.notes.mine }) as HTMLTextAreaElement).value).toBe(before);
});

test('takeaway flow: a programme takeaway shows its findings, is redacted in place, then waits for the partner', async () => {
  const api = await clientFor(MENTOR.id, MENTOR.name);
  let refreshed = 0;
  ui(
    <SessionTakeaways
      api={api}
      pairId={pairId}
      sessionId={sessionId}
      me={MENTOR.id}
      takeaways={[]}
      awaitingYou={[]}
      canWrite
      confidential={false}
      refresh={async () => {
        refreshed++;
      }}
    />,
  );
  fireEvent.change(screen.getByRole('textbox', { name: s.takeaways.label }), {
    target: { value: 'Call Ezra Boardman on +1 415 555 0132 about the pilot' },
  });
  fireEvent.click(screen.getByRole('radio', { name: s.takeaways.levels.program }));
  fireEvent.click(screen.getByRole('button', { name: s.takeaways.share }));

  const marked = await screen.findByText('+1 415 555 0132', { selector: 'mark' });
  expect(marked).toBeInTheDocument();
  // The hint is a paragraph of its own, not run into the quoted text ("…before you share.Call Ezra…").
  const hint = screen.getByText(c.findingsHint);
  expect(hint.tagName).toBe('P');
  expect(hint).not.toContainElement(marked);
  expect(refreshed).toBe(0);
  fireEvent.click(await screen.findByRole('button', { name: c.redactFinding('+1 415 555 0132') }));
  await waitFor(() =>
    expect(screen.getByRole('textbox', { name: s.takeaways.label })).toHaveValue(
      'Call Ezra Boardman on [phone] about the pilot',
    ),
  );
  // The executive's name is a finding too: redact it as well, then nothing is left to flag.
  fireEvent.click(await screen.findByRole('button', { name: c.redactFinding('Ezra Boardman') }));
  await screen.findByText(c.noFindings);
  fireEvent.click(screen.getByRole('button', { name: s.takeaways.share }));
  await waitFor(() => expect(refreshed).toBe(1));

  const dana = await clientFor(MENTEE.id, MENTEE.name);
  const waiting = (await dana.get<PairDashboard>(`/api/pairs/${pairId}`)).awaitingYourConsent;
  expect(waiting.map((t) => [t.text, t.requestedVisibility])).toContainEqual([
    'Call [name] on [phone] about the pilot',
    'program',
  ]);
});

test('a pair with no goals adds its first from the side panel: the empty state offers "Add a goal", the form saves it', async () => {
  const mentor = await clientFor(MENTOR.id, MENTOR.name);
  let added = 0;
  ui(<PanelGoals goals={[]} adding={{ api: mentor, pairId, programId, onAdded: async () => void added++ }} />);
  expect(screen.getByText(s.goals.none)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: s.goals.add }));
  const title = await screen.findByRole('textbox', { name: /Goal/ });
  // The button that opened the form is gone: focus follows to the form's first field.
  expect(document.activeElement).toBe(title);
  fireEvent.change(title, {
    target: { value: 'Run a meeting with Copilot notes' },
  });
  fireEvent.change(screen.getByRole('textbox', { name: /measure/i }), { target: { value: 'Two meetings' } });
  fireEvent.click(screen.getByRole('button', { name: /Save/ }));
  await waitFor(() => expect(added).toBe(1));
  const { goals } = await mentor.get<PairDashboard>(`/api/pairs/${pairId}`);
  expect(goals.map((g) => g.title)).toContain('Run a meeting with Copilot notes');
  // Without a way to add (confidential mode, or no right to), the empty state only says so.
  const { container } = ui(<PanelGoals goals={[]} />);
  expect(within(container).getByText(s.goals.none)).toBeTruthy();
  expect(within(container).queryByRole('button')).toBeNull();
});
