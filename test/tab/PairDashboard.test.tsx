// The dashboard's states, rendered by the real components against the real server (serverSetup.ts).
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createApiClient } from '../../tab/src/api/client';
import { DEFAULT_MINUTES } from '../../tab/src/components/AgendaItemForm/AgendaItemForm';
import { agendaFormStringsEn } from '../../tab/src/components/AgendaItemForm/strings';
import { PairDashboard } from '../../tab/src/pages/PersonalTab/PairDashboard';
import { PersonalTab } from '../../tab/src/pages/PersonalTab/PersonalTab';
import { consentStrings as c } from '../../tab/src/components/consent/strings';
import { strings } from '../../tab/src/strings';
import { PAIR_IDS, clientFor, devToken, nodeFetch } from './realServer';

const [danaPair, helenPair, endedPair] = PAIR_IDS as [string, string, string];
const ui = (element: ReactElement) => render(<FluentProvider theme={teamsLightTheme}>{element}</FluentProvider>);

test('loading: a spinner until the dashboard arrives, then the pair', async () => {
  ui(<PairDashboard api={await clientFor('dana', 'Dana Whitfield')} pairId={danaPair} locale="en-GB" />);
  expect(screen.getByText(strings.loading)).toBeInTheDocument();
  expect(await screen.findByRole('heading', { name: strings.dashboard.title('Priya Patel') })).toBeInTheDocument();
  expect(screen.queryByText(strings.loading)).toBeNull();
});

test('full: goals, next session with agenda, commitments, takeaways and the one waiting for consent', async () => {
  ui(<PairDashboard api={await clientFor('dana', 'Dana Whitfield')} pairId={danaPair} locale="en-GB" />);
  await screen.findByRole('heading', { name: strings.dashboard.title('Priya Patel') });
  const goals = screen.getByRole('region', { name: strings.goals.title });
  expect(within(goals).getByText('Use generative AI to draft board briefings')).toBeInTheDocument();
  expect(within(goals).getByText('Understand how the board decides on investments')).toBeInTheDocument();
  const session = screen.getByRole('region', { name: strings.session.title });
  expect(within(session).getByRole('checkbox', { name: 'What Dana saw on TikTok this week' })).toBeInTheDocument();
  expect(within(session).getByRole('link', { name: strings.session.join }).getAttribute('href')).toMatch(
    /^https:\/\/teams\.microsoft\.com\//,
  );
  const takeaways = screen.getByRole('region', { name: strings.takeaways.title });
  expect(within(takeaways).getByText(strings.takeaways.awaitingYou)).toBeInTheDocument();
  expect(within(takeaways).getByRole('button', { name: strings.takeaways.review })).toBeInTheDocument();
  expect(within(takeaways).getByText(strings.takeaways.level.program!)).toBeInTheDocument();
  expect(screen.getByText('Try Copilot on the Q3 board pack and share what worked')).toBeInTheDocument();
  // A partner's private takeaway never reaches the page.
  expect(screen.queryByText(/ask more questions before proposing/)).toBeNull();
});

test('empty: a new pair sees what to do first', async () => {
  ui(<PairDashboard api={await clientFor('helen', 'Helen Ortiz')} pairId={helenPair} locale="en-GB" />);
  await screen.findByRole('heading', { name: strings.dashboard.title('Sam Okafor') });
  expect(screen.getByRole('region', { name: strings.checklist.title })).toBeInTheDocument();
  expect(screen.getByText(strings.goals.none)).toBeInTheDocument();
  expect(screen.getByText(strings.session.none)).toBeInTheDocument();
  expect(screen.getByText(strings.commitments.none)).toBeInTheDocument();
  expect(screen.getByRole('button', { name: strings.goals.add })).toBeInTheDocument();
});

test('error: a pair the caller cannot see says so and offers a retry', async () => {
  ui(<PairDashboard api={await clientFor('helen', 'Helen Ortiz')} pairId={danaPair} locale="en-GB" />);
  expect(await screen.findByText('The pair does not exist or you cannot see it.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: strings.retry })).toBeInTheDocument();
});

test('error: an unreachable server gives a readable message, not a stack trace', async () => {
  const offline = createApiClient(async () => 'token', (() =>
    Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch);
  ui(<PairDashboard api={offline} pairId={danaPair} locale="en-GB" />);
  expect(await screen.findByText(strings.errors.network)).toBeInTheDocument();
});

test('read-only: an ended pair shows its content and offers no edits', async () => {
  ui(<PairDashboard api={await clientFor('marcus', 'Marcus Chen')} pairId={endedPair} locale="en-GB" />);
  expect(await screen.findByText(strings.dashboard.ended)).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: strings.goals.add })).toBeNull();
});

test('a goal progress edit is saved with its ETag and shown after the reload', async () => {
  const api = await clientFor('dana', 'Dana Whitfield');
  ui(<PairDashboard api={api} pairId={danaPair} locale="en-GB" />);
  await screen.findByRole('heading', { name: strings.dashboard.title('Priya Patel') });
  const goal = within(screen.getByRole('region', { name: strings.goals.title }))
    .getByText('Use generative AI to draft board briefings')
    .closest('li')!;
  fireEvent.change(within(goal as HTMLElement).getByRole('spinbutton', { name: strings.goals.progressInput }), {
    target: { value: '70' },
  });
  fireEvent.click(within(goal as HTMLElement).getByRole('button', { name: strings.goals.saveProgress }));
  await waitFor(() => expect(within(goal as HTMLElement).getByText('70%')).toBeInTheDocument());
  const stored = await api.get<{ goals: { title: string; progress: number }[] }>(`/api/pairs/${danaPair}`);
  expect(stored.goals.find((g) => g.title.startsWith('Use generative AI'))?.progress).toBe(70);
});

test('approving a takeaway in the consent moves it from the consent list to the shared takeaways, with a confirmation', async () => {
  const api = await clientFor('dana', 'Dana Whitfield');
  ui(<PairDashboard api={api} pairId={danaPair} locale="en-GB" />);
  fireEvent.click(await screen.findByRole('button', { name: strings.takeaways.review }));
  // The consent (a lazy chunk) shows the text stored at the pair level, word by word, and its findings.
  const words = await screen.findByRole('group', { name: c.wordsLabel });
  expect(words.textContent).toMatch(/^Dana is worried about the layoffs rumour in Finance/);
  expect(
    within(screen.getByRole('list', { name: c.findingsTitle })).getByText(new RegExp(c.reason.phone!)),
  ).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: c.approve }));
  expect(await screen.findByText(c.approved(c.level.pair!))).toBeInTheDocument();
  await waitFor(() => expect(screen.queryByText(strings.takeaways.awaitingYou)).toBeNull());
  expect(
    within(screen.getByRole('list', { name: strings.takeaways.shared })).getByText(/layoffs rumour/),
  ).toBeInTheDocument();
});

test('the personal tab opens the only pair at once and reports that it is ready', async () => {
  const onReady = jest.fn();
  ui(<PersonalTab api={await clientFor('helen', 'Helen Ortiz')} locale="en-GB" onReady={onReady} />);
  expect(await screen.findByRole('heading', { name: strings.dashboard.title('Sam Okafor') })).toBeInTheDocument();
  expect(onReady).toHaveBeenCalled();
});

test('someone in no pair is told what happens next', async () => {
  ui(<PersonalTab api={await clientFor('avery', 'Avery Admin')} locale="en-GB" onReady={() => undefined} />);
  expect(await screen.findByText(strings.pairs.none)).toBeInTheDocument();
});

test('the API client retries once with a fresh token after a 401', async () => {
  const good = await devToken('dana', 'Dana Whitfield');
  const asked: boolean[] = [];
  const api = createApiClient(async ({ forceRefresh }) => {
    asked.push(forceRefresh);
    return forceRefresh ? good : 'expired-token';
  }, nodeFetch);
  const me = await api.get<{ id: string }>('/api/me');
  expect(me.id).toBe('dana');
  expect(asked).toEqual([false, true]);
});

test('an agenda item moves up with its button and the order is stored', async () => {
  const api = await clientFor('priya', 'Priya Patel');
  ui(<PairDashboard api={api} pairId={danaPair} locale="en-GB" />);
  const last = 'Priya: preparing for a first leadership review';
  fireEvent.click(await screen.findByRole('button', { name: strings.session.moveUp(last) }));
  const order = () =>
    within(screen.getByRole('region', { name: strings.session.title }))
      .getAllByRole('checkbox')
      .map((c) => c.closest('li')!.textContent ?? '');
  await waitFor(() => expect(order()[1]).toContain(last));
  const stored = await api.get<{ nextSession: { agenda: { title: string }[] } }>(`/api/pairs/${danaPair}`);
  expect(stored.nextSession.agenda.map((i) => i.title)).toEqual([
    'Demo: Copilot in Excel on last quarter’s numbers',
    last,
    'What Dana saw on TikTok this week',
  ]);
  expect(
    screen.getByRole('button', { name: strings.session.moveUp('Demo: Copilot in Excel on last quarter’s numbers') }),
  ).toBeDisabled();
});

test('a new member reads the confidentiality agreement and accepts it; the partner is still awaited', async () => {
  const api = await clientFor('helen', 'Helen Ortiz');
  ui(<PairDashboard api={api} pairId={helenPair} locale="en-GB" />);
  const agreement = await screen.findByRole('group', { name: strings.checklist.agreementTitle });
  expect(within(agreement).getByText(strings.checklist.agreementPoints[0]!)).toBeInTheDocument();
  fireEvent.click(within(agreement).getByRole('button', { name: strings.checklist.accept }));
  expect(
    await within(await screen.findByRole('group', { name: strings.checklist.agreementTitle })).findByText(
      strings.checklist.accepted,
    ),
  ).toBeInTheDocument();
  expect(screen.getByText(strings.checklist.partnerPending('Sam Okafor'))).toBeInTheDocument();
  const stored = await api.get<{ pair: { confidentialityAcknowledged: { mentor: boolean; mentee: boolean } } }>(
    `/api/pairs/${helenPair}`,
  );
  expect(stored.pair.confidentialityAcknowledged).toEqual({ mentor: false, mentee: true });
});

test('a goal is edited in place: new title and status are saved with its ETag', async () => {
  const api = await clientFor('priya', 'Priya Patel');
  ui(<PairDashboard api={api} pairId={danaPair} locale="en-GB" />);
  const title = 'Understand how the board decides on investments';
  fireEvent.click(await screen.findByRole('button', { name: strings.goals.edit(title) }));
  const titleInput = await screen.findByDisplayValue(title);
  fireEvent.change(titleInput, { target: { value: 'Understand capital allocation' } });
  fireEvent.change(screen.getByRole('combobox', { name: strings.goals.statusLabel }), { target: { value: 'onTrack' } });
  fireEvent.click(screen.getByRole('button', { name: strings.save }));
  expect(
    await within(screen.getByRole('region', { name: strings.goals.title })).findByText('Understand capital allocation'),
  ).toBeInTheDocument();
  const stored = await api.get<{ goals: { title: string; status: string }[] }>(`/api/pairs/${danaPair}`);
  expect(stored.goals.find((g) => g.title === 'Understand capital allocation')?.status).toBe('onTrack');
});

test('getting started reads as a to-do list (no disabled controls), counts what is done and goes once every step is done', async () => {
  const helen = await clientFor('helen', 'Helen Ortiz');
  const { unmount } = ui(<PairDashboard api={helen} pairId={helenPair} locale="en-GB" />);
  const checklist = await screen.findByRole('region', { name: strings.checklist.title });
  expect(within(checklist).queryAllByRole('checkbox')).toEqual([]);
  expect(checklist.querySelectorAll('[disabled], [aria-disabled="true"]')).toHaveLength(0);
  expect(within(checklist).getAllByRole('img', { name: strings.checklist.stepOpen }).length).toBeGreaterThan(0);
  unmount();

  // Dana's pair has a session, goals and an agenda; once both accept the agreement, nothing is left to start.
  const dana = await clientFor('dana', 'Dana Whitfield');
  const priya = await clientFor('priya', 'Priya Patel');
  ui(<PairDashboard api={dana} pairId={danaPair} locale="en-GB" />);
  const open = await screen.findByRole('region', { name: strings.checklist.title });
  expect(within(open).getByText(strings.checklist.progress(3, 4))).toBeInTheDocument();
  expect(within(open).getAllByRole('img', { name: strings.checklist.stepDone })).toHaveLength(3);
  await priya.send('POST', `/api/pairs/${danaPair}/acknowledgement`);
  fireEvent.click(within(open).getByRole('button', { name: strings.checklist.accept }));
  await waitFor(() => expect(screen.queryByRole('region', { name: strings.checklist.title })).toBeNull());
  expect(screen.getByRole('region', { name: strings.goals.title })).toBeInTheDocument();
});

test('an ended pair offers no first steps and no booking', async () => {
  ui(<PairDashboard api={await clientFor('marcus', 'Marcus Chen')} pairId={endedPair} locale="en-GB" />);
  expect(await screen.findByText(strings.dashboard.ended)).toBeInTheDocument();
  expect(screen.queryByRole('region', { name: strings.checklist.title })).toBeNull();
  expect(screen.getByText(strings.session.noneEnded)).toBeInTheDocument();
  expect(screen.queryByText(strings.session.none)).toBeNull();
  expect(screen.queryByRole('button', { name: strings.session.book })).toBeNull();
});

test('a new agenda item gets minutes, who leads it and the goal it serves', async () => {
  const api = await clientFor('priya', 'Priya Patel');
  ui(<PairDashboard api={api} pairId={danaPair} locale="en-GB" />);
  const session = await screen.findByRole('region', { name: strings.session.title });
  const title = await within(session).findByRole('textbox', { name: agendaFormStringsEn.title });
  fireEvent.focus(title);
  fireEvent.change(title, { target: { value: 'Board pack walkthrough' } });
  expect(await within(session).findByRole('spinbutton', { name: agendaFormStringsEn.minutes })).toHaveValue(
    DEFAULT_MINUTES,
  );
  fireEvent.change(within(session).getByRole('spinbutton', { name: agendaFormStringsEn.minutes }), {
    target: { value: '20' },
  });
  expect(within(session).getByRole('combobox', { name: agendaFormStringsEn.owner })).toHaveValue('priya');
  fireEvent.change(within(session).getByRole('combobox', { name: agendaFormStringsEn.owner }), {
    target: { value: 'dana' },
  });
  const goals = await api.get<{ goals: { id: string; title: string }[] }>(`/api/pairs/${danaPair}`);
  const goal = goals.goals.find((g) => g.title.startsWith('Use generative AI'))!;
  fireEvent.change(within(session).getByRole('combobox', { name: agendaFormStringsEn.goal }), {
    target: { value: goal.id },
  });
  fireEvent.click(within(session).getByRole('button', { name: agendaFormStringsEn.add }));
  expect(await within(session).findByText(agendaFormStringsEn.added('Board pack walkthrough'))).toBeInTheDocument();
  const item = await waitFor(async () => {
    const stored = await api.get<{
      nextSession: { agenda: { title: string; minutes?: number; ownerId?: string; goalId?: string }[] };
    }>(`/api/pairs/${danaPair}`);
    const found = stored.nextSession.agenda.find((i) => i.title === 'Board pack walkthrough');
    if (!found) throw new Error('not stored yet');
    return found;
  });
  expect(item).toMatchObject({ minutes: 20, ownerId: 'dana', goalId: goal.id });
  const row = (await within(session).findByRole('checkbox', { name: 'Board pack walkthrough' })).closest('li')!;
  expect(within(row as HTMLElement).getByText('Dana Whitfield')).toBeInTheDocument();
  expect(within(row as HTMLElement).getByText(strings.session.minutes(20))).toBeInTheDocument();
});
