// Closing loops in the personal tab, with the real components against the real server (serverSetup.ts), in
// a tenant of its own: a commitment recorded, kept with evidence and dropped, each confirmed by a toast; a
// goal's target date shown in the viewer's locale and edited; "Past sessions" without future sessions;
// what "Delete for good" deleted leaves the dashboard at once; a session moved and cancelled from the dashboard.
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import type { ReactElement } from 'react';
import { createApiClient, type ApiClient } from '../../tab/src/api/client';
import type { PairDashboard as Dashboard } from '../../tab/src/api/types';
import BookingPanel from '../../tab/src/components/Booking/BookingPanel';
import { bookingStrings as b } from '../../tab/src/components/Booking/strings';
import { commitmentStrings as c } from '../../tab/src/components/Commitments/strings';
import { dashboardStrings as l } from '../../tab/src/components/dashboardStrings';
import { goalFormStrings as g } from '../../tab/src/components/goalFormStrings';
import { SessionHistory } from '../../tab/src/components/SessionHistory';
import { formatDate, formatSessionTime } from '../../tab/src/format';
import { PairDashboard } from '../../tab/src/pages/PersonalTab/PairDashboard';
import { PersonalTab } from '../../tab/src/pages/PersonalTab/PersonalTab';
import { strings } from '../../tab/src/strings';
import { nodeFetch } from './realServer';

const TENANT = '1e1e1e1e-0000-4000-8000-0000000000f7';
const ui = (element: ReactElement) => render(<FluentProvider theme={teamsLightTheme}>{element}</FluentProvider>);
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

async function clientIn(userId: string, name: string, roles: string[] = []): Promise<ApiClient> {
  const res = await nodeFetch('/api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, name, tenantId: TENANT, roles }),
  });
  const { token } = (await res.json()) as { token: string };
  return createApiClient(async () => token, nodeFetch);
}

async function newPair(mentorId?: string) {
  const admin = await clientIn('ft-admin', 'Admin', ['ProgramAdmin']);
  const suffix = randomUUID().slice(0, 8);
  const program = await admin.send<{ id: string }>('POST', '/api/programs', {
    body: { name: `FT ${suffix}`, startsOn: day(-30), endsOn: day(150), objectives: ['Digital fluency'] },
  });
  const exec = { id: `ft-exec-${suffix}`, name: `Robin ${suffix}` };
  const mentor = { id: mentorId ?? `ft-mentor-${suffix}`, name: `Ash ${suffix}` };
  await admin.send('POST', `/api/programs/${program.id}/participants`, { body: { ...exec, role: 'mentee' } });
  await admin.send('POST', `/api/programs/${program.id}/participants`, { body: { ...mentor, role: 'mentor' } });
  const pair = await admin.send<{ id: string }>('POST', `/api/programs/${program.id}/pairs`, {
    body: { mentorId: mentor.id, menteeId: exec.id },
  });
  return {
    pairId: pair.id,
    exec,
    mentor,
    execApi: await clientIn(exec.id, exec.name),
    mentorApi: await clientIn(mentor.id, mentor.name),
  };
}

test('commitments: the empty state offers to add one; kept with evidence and dropped in place, each with a toast', async () => {
  const p = await newPair();
  ui(<PairDashboard api={p.execApi} pairId={p.pairId} locale="en-GB" />);
  const section = await screen.findByRole('region', { name: strings.commitments.title });
  expect(within(section).getByText(strings.commitments.none)).toBeInTheDocument();
  fireEvent.click(within(section).getByRole('button', { name: l.add }));
  const add = await within(section).findByRole('form', { name: c.addTitle });
  fireEvent.change(within(add).getByRole('textbox', { name: new RegExp(c.textLabel) }), {
    target: { value: 'Present with Copilot notes' },
  });
  fireEvent.click(within(add).getByRole('button', { name: c.save }));
  expect(await screen.findByText(c.added)).toBeInTheDocument();
  await within(section).findByText('Present with Copilot notes');
  fireEvent.click(within(section).getByRole('button', { name: l.add }));
  const second = await within(section).findByRole('form', { name: c.addTitle });
  fireEvent.change(within(second).getByRole('textbox', { name: new RegExp(c.textLabel) }), {
    target: { value: 'Post weekly' },
  });
  fireEvent.click(within(second).getByRole('button', { name: c.save }));
  await within(section).findByText('Post weekly');

  fireEvent.click(within(section).getByRole('button', { name: l.keepFor('Present with Copilot notes') }));
  const keep = await within(section).findByRole('form', { name: c.keepTitle('Present with Copilot notes') });
  const confirm = within(keep).getByRole('button', { name: c.confirmKeep });
  // Kept needs evidence.
  expect(confirm).toBeDisabled();
  fireEvent.change(within(keep).getByRole('textbox', { name: new RegExp(c.evidenceLabel) }), {
    target: { value: 'Board meeting on 3 March' },
  });
  fireEvent.click(confirm);
  expect(await screen.findByText(c.kept)).toBeInTheDocument();
  expect(await within(section).findByText(l.evidence('Board meeting on 3 March'))).toBeInTheDocument();

  fireEvent.click(within(section).getByRole('button', { name: l.dropFor('Post weekly') }));
  const drop = await within(section).findByRole('form', { name: c.dropTitle('Post weekly') });
  fireEvent.click(within(drop).getByRole('button', { name: c.confirmDrop }));
  expect(await screen.findByText(c.dropped)).toBeInTheDocument();

  const stored = await p.mentorApi.get<Dashboard>(`/api/pairs/${p.pairId}`);
  expect(stored.commitments.map((x) => [x.text, x.status, x.evidence ?? null])).toEqual([
    ['Present with Copilot notes', 'kept', 'Board meeting on 3 March'],
    ['Post weekly', 'dropped', null],
  ]);
  // Nothing open is left to close.
  await waitFor(() => expect(within(section).queryByRole('button', { name: l.keep })).toBeNull());
});

test('goals: the target date is shown in the viewer’s locale and edited with the objective', async () => {
  const p = await newPair();
  await p.execApi.send('POST', `/api/pairs/${p.pairId}/goals`, {
    body: { title: 'Chair with Copilot', successMeasure: 'Twice', owner: 'mentee', targetDate: '2027-01-31' },
  });
  ui(<PairDashboard api={p.execApi} pairId={p.pairId} locale="de-DE" />);
  const goals = await screen.findByRole('region', { name: strings.goals.title });
  expect(await within(goals).findByText(l.target(formatDate('2027-01-31', 'de-DE')))).toBeInTheDocument();
  expect(formatDate('2027-01-31', 'de-DE')).toBe('31. Jan. 2027');
  fireEvent.click(within(goals).getByRole('button', { name: strings.goals.edit('Chair with Copilot') }));
  const date = await within(goals).findByLabelText(g.targetLabel);
  fireEvent.change(date, { target: { value: '2027-03-15' } });
  const objective = await within(goals).findByRole('combobox', { name: g.objectiveLabel });
  fireEvent.change(objective, { target: { value: 'Digital fluency' } });
  fireEvent.click(within(goals).getByRole('button', { name: strings.save }));
  expect(await screen.findByText(g.saved)).toBeInTheDocument();
  expect(await within(goals).findByText(l.target(formatDate('2027-03-15', 'de-DE')))).toBeInTheDocument();
  const stored = await p.execApi.get<Dashboard>(`/api/pairs/${p.pairId}`);
  expect(stored.goals[0]).toMatchObject({ targetDate: '2027-03-15', objective: 'Digital fluency' });
});

test('"Past sessions" lists only sessions that have started, never one still to come', () => {
  const now = Date.parse('2026-06-10T12:00:00Z');
  const session = (id: string, scheduledAt: string, status: 'scheduled' | 'held' | 'cancelled') => ({
    id,
    scheduledAt,
    status,
    durationMinutes: 45,
    agenda: [],
    createdBy: 'x',
    createdAt: scheduledAt,
    updatedAt: scheduledAt,
    etag: '"e"',
    abilities: {},
  });
  ui(
    <SessionHistory
      locale="en-GB"
      now={now}
      sessions={[
        session('later', '2026-06-24T09:00:00Z', 'scheduled'),
        session('cancelled-later', '2026-06-17T09:00:00Z', 'cancelled'),
        session('held', '2026-05-27T09:00:00Z', 'held'),
      ]}
    />,
  );
  const history = screen.getByRole('region', { name: strings.session.history });
  expect(within(history).getAllByRole('listitem')).toHaveLength(1);
  expect(within(history).getByText(formatSessionTime('2026-05-27T09:00:00Z', 'en-GB'))).toBeInTheDocument();
  expect(within(history).queryByText(formatSessionTime('2026-06-24T09:00:00Z', 'en-GB'))).toBeNull();
});

test('"Delete for good": what was deleted leaves the dashboard at once', async () => {
  const p = await newPair();
  await p.execApi.send('POST', `/api/pairs/${p.pairId}/goals`, {
    body: { title: 'A goal to erase', successMeasure: 'None', owner: 'mentee' },
  });
  ui(<PersonalTab api={p.execApi} locale="en-GB" onReady={() => undefined} />);
  expect(await screen.findByText('A goal to erase')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: strings.myData.open }));
  const panel = await screen.findByRole('region', { name: 'Your data' });
  fireEvent.click(within(panel).getByRole('button', { name: 'Delete my content…' }));
  fireEvent.click(await within(panel).findByRole('button', { name: 'Delete for good' }));
  await waitFor(() => expect(screen.queryByText('A goal to erase')).toBeNull());
  expect(within(panel).getByText(/^Deleted \d+ item/)).toBeInTheDocument();
});

test('booking: a time that overlaps the viewer’s session in another pair is flagged before it is booked', async () => {
  const here = await newPair();
  const elsewhere = await newPair(here.mentor.id);
  const at = new Date(Date.now() + 5 * 86400_000);
  at.setUTCHours(10, 0, 0, 0);
  await elsewhere.mentorApi.send('POST', `/api/pairs/${elsewhere.pairId}/sessions`, {
    body: { scheduledAt: at.toISOString(), durationMinutes: 60 },
  });
  ui(
    <BookingPanel
      api={here.mentorApi}
      pairId={here.pairId}
      locale="en-GB"
      onDone={() => undefined}
      onClose={() => undefined}
    />,
  );
  const typed = await screen.findByLabelText(b.manualLabel);
  // The input takes the viewer's local time; half an hour into the other session.
  const local = new Date(at.getTime() + 30 * 60_000 - new Date(at).getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 16);
  fireEvent.change(typed, { target: { value: local } });
  expect(await screen.findByText(b.clashTyped)).toBeInTheDocument();
  // Two hours later it is free.
  const free = new Date(at.getTime() + 2 * 3600_000 - new Date(at).getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 16);
  fireEvent.change(typed, { target: { value: free } });
  await waitFor(() => expect(screen.queryByText(b.clashTyped)).toBeNull());
});

test('a session is moved and cancelled from the dashboard, each confirmed, and the server keeps the change', async () => {
  const p = await newPair();
  const at = new Date(Date.now() + 6 * 86400_000);
  at.setUTCHours(9, 0, 0, 0);
  await p.execApi.send('POST', `/api/pairs/${p.pairId}/sessions`, {
    body: { scheduledAt: at.toISOString(), durationMinutes: 45 },
  });
  ui(<PairDashboard api={p.execApi} pairId={p.pairId} locale="en-GB" />);
  const next = await screen.findByRole('region', { name: strings.session.title });
  expect(await within(next).findByText(formatSessionTime(at.toISOString(), 'en-GB'))).toBeInTheDocument();

  // Move: a day later at the same time, typed in the viewer's local time.
  fireEvent.click(within(next).getByRole('button', { name: strings.session.move }));
  const moved = new Date(at.getTime() + 86400_000);
  const local = new Date(moved.getTime() - moved.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  fireEvent.change(await within(next).findByLabelText(b.manualLabel), { target: { value: local } });
  fireEvent.click(within(next).getByRole('button', { name: b.manualBook }));
  expect(await within(next).findByText(b.moved)).toBeInTheDocument();
  expect(await within(next).findByText(formatSessionTime(moved.toISOString(), 'en-GB'))).toBeInTheDocument();
  const afterMove = await p.execApi.get<Dashboard>(`/api/pairs/${p.pairId}`);
  expect(afterMove.nextSession).toMatchObject({ scheduledAt: moved.toISOString(), status: 'scheduled' });

  // Cancel, confirmed first; the dashboard then has no next session.
  fireEvent.click(within(next).getByRole('button', { name: strings.session.cancel }));
  fireEvent.click(await within(next).findByRole('button', { name: b.yesCancel }));
  expect(await screen.findByText(b.cancelled)).toBeInTheDocument();
  const afterCancel = await p.execApi.get<Dashboard>(`/api/pairs/${p.pairId}`);
  expect(afterCancel.nextSession).toBeFalsy();
  expect(afterCancel.sessions.find((x) => x.id === afterMove.nextSession!.id)).toMatchObject({ status: 'cancelled' });
});
