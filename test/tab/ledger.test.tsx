// The ledger view, rendered by the real components against the real server (serverSetup.ts): the demo
// pair's baseline side by side with the gap, a programme half-way through where the executive rates the
// midpoint (a toast confirms it) and the mentor then sees it, and the empty state that offers a goal.
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import type { ReactElement } from 'react';
import { createApiClient, type ApiClient } from '../../tab/src/api/client';
import type { PairDashboard as Dashboard } from '../../tab/src/api/types';
import LedgerView from '../../tab/src/components/Ledger/LedgerView';
import PairToaster from '../../tab/src/components/Toasts/PairToaster';
import { ledgerStrings as s } from '../../tab/src/components/Ledger/strings';
import { InsightsPanel } from '../../tab/src/pages/Admin/InsightsPanel';
import { strings as adminStrings } from '../../tab/src/pages/Admin/strings';
import type { Program } from '../../tab/src/pages/Admin/adminTypes';
import { PairDashboard } from '../../tab/src/pages/PersonalTab/PairDashboard';
import { strings } from '../../tab/src/strings';
import { PAIR_IDS, clientFor, nodeFetch } from './realServer';

const [danaPair] = PAIR_IDS as [string];
const ui = (element: ReactElement) => render(<FluentProvider theme={teamsLightTheme}>{element}</FluentProvider>);
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

// The half-way programmes live in a tenant of their own: the other tab tests see the demo tenant unchanged.
const LEDGER_TENANT = '1e1e1e1e-0000-4000-8000-00000000001e';

async function clientIn(userId: string, name: string, roles: string[] = []): Promise<ApiClient> {
  const res = await nodeFetch('/api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, name, tenantId: LEDGER_TENANT, roles }),
  });
  const { token } = (await res.json()) as { token: string };
  return createApiClient(async () => token, nodeFetch);
}

/** A programme of its own, half-way through (midpoint open) unless told otherwise, with one pair; goals as asked. */
async function halfWayPair(
  goals: { title: string; owner: 'mentor' | 'mentee'; objective?: string }[],
  existing?: { id: string },
  daysLeft = 80,
) {
  const admin = await clientIn('ledger-admin', 'Ledger Admin', ['ProgramAdmin']);
  const suffix = randomUUID().slice(0, 8);
  const program =
    existing ??
    (await admin.send<{ id: string }>('POST', '/api/programs', {
      body: {
        name: `Ledger ${suffix}`,
        startsOn: day(-(180 - daysLeft)),
        endsOn: day(daysLeft),
        objectives: ['Digital fluency'],
      },
    }));
  const exec = { id: `exec-${suffix}`, name: `Jordan ${suffix}` };
  const mentor = { id: `mentor-${suffix}`, name: `Kai ${suffix}` };
  await admin.send('POST', `/api/programs/${program.id}/participants`, { body: { ...exec, role: 'mentee' } });
  await admin.send('POST', `/api/programs/${program.id}/participants`, { body: { ...mentor, role: 'mentor' } });
  const pair = await admin.send<{ id: string }>('POST', `/api/programs/${program.id}/pairs`, {
    body: { mentorId: mentor.id, menteeId: exec.id },
  });
  const execApi = await clientIn(exec.id, exec.name);
  for (const goal of goals)
    await execApi.send('POST', `/api/pairs/${pair.id}/goals`, { body: { ...goal, successMeasure: 'Checked monthly' } });
  return {
    programId: program.id,
    pairId: pair.id,
    exec,
    mentor,
    execApi,
    mentorApi: await clientIn(mentor.id, mentor.name),
  };
}

const dashboardOf = (api: ApiClient, pairId: string) => api.get<Dashboard>(`/api/pairs/${pairId}`);

test('the demo pair’s baseline: self and partner side by side, the gap, and the moments still to come', async () => {
  const api = await clientFor('dana', 'Dana Whitfield');
  const d = await dashboardOf(api, danaPair);
  ui(<LedgerView api={api} pair={d.pair} goals={d.goals} locale="en-GB" />);
  const table = await screen.findByRole('table', {
    name: s.caption('Use generative AI to draft board briefings', s.ownerYou),
  });
  // English reads as English for one's own goal too (it once said "your’s goal").
  expect(table).toHaveAccessibleName('Use generative AI to draft board briefings: owned by you, ratings by moment');
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent);
  expect(headers).toEqual([s.momentHeader, s.yourSelf, s.partnerAboutYou('Priya Patel'), s.gapHeader]);
  const baseline = within(table).getByRole('row', { name: new RegExp(`^${s.moment.baseline}`) });
  expect(within(baseline).getByText(s.score(2, 5))).toBeInTheDocument();
  expect(within(baseline).getByText(s.score(3, 5))).toBeInTheDocument();
  expect(within(baseline).getByText(s.noteLabel('I have tried Copilot twice'))).toBeInTheDocument();
  expect(within(baseline).getByText(s.gapLower(1))).toBeInTheDocument();
  const midpoint = within(table).getByRole('row', { name: new RegExp(`^${s.moment.midpoint}`) });
  expect(within(midpoint).getByText(/^Opens /)).toBeInTheDocument();
  expect(within(midpoint).getAllByText(s.notRated)).toHaveLength(2);
  // The partner's goal, from Dana's side: Priya about herself, Dana about Priya (another test may rename it).
  const priyasGoal = d.goals.find((g) => g.owner === 'mentor')!;
  const theirs = screen.getByRole('table', { name: s.caption(priyasGoal.title, 'Priya Patel') });
  expect(
    within(theirs)
      .getAllByRole('columnheader')
      .map((h) => h.textContent),
  ).toEqual([s.momentHeader, s.partnerSelf('Priya Patel'), s.youAboutPartner('Priya Patel'), s.gapHeader]);
  expect(within(theirs).getByText(s.gapHigher(1))).toBeInTheDocument();
  // Dana already rated the baseline: she may change it, not add another.
  expect(screen.getAllByText(s.rated(s.moment.baseline, 2, 5)).length).toBe(1);
  expect(screen.getAllByRole('button', { name: s.change }).length).toBe(2);
});

test('half-way: the executive rates the midpoint, a toast confirms it, and the mentor then sees it', async () => {
  const p = await halfWayPair([{ title: 'Chair a meeting with Copilot notes', owner: 'mentee' }]);
  const d = await dashboardOf(p.execApi, p.pairId);
  const view = ui(
    <>
      <PairToaster />
      <LedgerView api={p.execApi} pair={d.pair} goals={d.goals} locale="en-GB" />
    </>,
  );
  expect(await screen.findByText(s.current(s.moment.midpoint))).toBeInTheDocument();
  const form = screen.getByRole('form', { name: s.rateTitle(s.moment.midpoint) });
  const save = within(form).getByRole('button', { name: s.save });
  expect(save).toBeDisabled();
  fireEvent.click(within(form).getByRole('radio', { name: s.scoreValue(4) }));
  fireEvent.change(within(form).getByRole('textbox', { name: s.note }), { target: { value: 'Did it twice' } });
  fireEvent.click(save);
  expect(await screen.findByText(s.saved)).toBeInTheDocument();
  const table = await screen.findByRole('table', { name: s.caption('Chair a meeting with Copilot notes', s.ownerYou) });
  const midpoint = within(table).getByRole('row', { name: new RegExp(`^${s.moment.midpoint}`) });
  await waitFor(() => expect(within(midpoint).getByText(s.score(4, 5))).toBeInTheDocument());
  expect(await screen.findByText(s.rated(s.moment.midpoint, 4, 5))).toBeInTheDocument();
  view.unmount();

  const m = await dashboardOf(p.mentorApi, p.pairId);
  ui(<LedgerView api={p.mentorApi} pair={m.pair} goals={m.goals} locale="en-GB" />);
  const seen = await screen.findByRole('table', { name: s.caption('Chair a meeting with Copilot notes', p.exec.name) });
  const row = within(seen).getByRole('row', { name: new RegExp(`^${s.moment.midpoint}`) });
  expect(within(row).getByText(s.score(4, 5))).toBeInTheDocument();
  expect(within(row).getByText(s.noteLabel('Did it twice'))).toBeInTheDocument();
  expect(within(row).getByText(s.notRated)).toBeInTheDocument();
  // The mentor's own view of the executive is asked for next.
  expect(screen.getByRole('form', { name: s.rateTitle(s.moment.midpoint) })).toHaveTextContent(
    s.ratePartner('Chair a meeting with Copilot notes', p.exec.name),
  );
});

test('empty: no goals yet, and the ledger offers to add one (the dashboard’s goal form opens)', async () => {
  const p = await halfWayPair([]);
  ui(<PairDashboard api={p.execApi} pairId={p.pairId} locale="en-GB" />);
  expect(await screen.findByText(s.noGoals)).toBeInTheDocument();
  const ledger = screen.getByRole('region', { name: s.title });
  fireEvent.click(within(ledger).getByRole('button', { name: s.addGoal }));
  const goals = screen.getByRole('region', { name: strings.goals.title });
  expect(await within(goals).findByRole('textbox', { name: new RegExp(strings.goals.titleLabel) })).toBeInTheDocument();
});

test('insights: five pairs rated baseline and end — the ledger’s means by side and by objective, chart and table', async () => {
  // In the programme's last two weeks: baseline and end both open.
  const first = await halfWayPair(
    [
      { title: 'Prompt daily', owner: 'mentee', objective: 'Digital fluency' },
      { title: 'Pitch', owner: 'mentor' },
    ],
    undefined,
    6,
  );
  const pairs = [first];
  for (let n = 0; n < 4; n++)
    pairs.push(
      await halfWayPair(
        [
          { title: 'Prompt daily', owner: 'mentee', objective: 'Digital fluency' },
          { title: 'Pitch', owner: 'mentor' },
        ],
        { id: first.programId },
      ),
    );
  for (const p of pairs) {
    const d = await dashboardOf(p.execApi, p.pairId);
    for (const goal of d.goals) {
      const [selfApi, partnerApi] = goal.owner === 'mentee' ? [p.execApi, p.mentorApi] : [p.mentorApi, p.execApi];
      for (const [api, baseline, end] of [
        [selfApi, 2, 4],
        [partnerApi, 3, 3],
      ] as const) {
        await api.send('POST', `/api/pairs/${p.pairId}/goals/${goal.id}/assessments`, {
          body: { moment: 'baseline', score: baseline },
        });
        await api.send('POST', `/api/pairs/${p.pairId}/goals/${goal.id}/assessments`, {
          body: { moment: 'end', score: end },
        });
      }
    }
  }
  const admin = await clientIn('ledger-admin', 'Ledger Admin', ['ProgramAdmin']);
  const program = await admin.get<Program>(`/api/programs/${first.programId}`);
  ui(<InsightsPanel api={admin} program={program} />);
  const a = adminStrings.insights;
  const section = await screen.findByRole('region', { name: a.ledger }, { timeout: 15000 });
  const bySide = within(section).getByRole('table', { name: a.tableOf(a.ledgerBySide) });
  const row = (table: HTMLElement, label: string) => within(table).getByRole('row', { name: new RegExp(`^${label}`) });
  expect(row(bySide, a.ledgerRow(a.ledgerSide.mentee!, a.ledgerView.self!))).toHaveTextContent(
    `${a.ledgerGoalsValue(5, 5)}24+2`,
  );
  expect(row(bySide, a.ledgerRow(a.ledgerSide.mentor!, a.ledgerView.partner!))).toHaveTextContent(
    `${a.ledgerGoalsValue(5, 5)}330`,
  );
  const byObjective = within(section).getByRole('table', { name: a.tableOf(a.ledgerByObjective) });
  expect(row(byObjective, a.ledgerRow('Digital fluency', a.ledgerView.self!))).toHaveTextContent(
    `${a.ledgerGoalsValue(5, 5)}24+2`,
  );
  expect(row(byObjective, a.ledgerRow(a.ledgerNoObjective, a.ledgerView.partner!))).toHaveTextContent(
    `${a.ledgerGoalsValue(5, 5)}330`,
  );
}, 60_000);
