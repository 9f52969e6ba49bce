// Someone matching left without a partner sees why on "My pairs", not just an empty list.
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import { createApiClient, type ApiClient } from '../../tab/src/api/client';
import { PersonalTab } from '../../tab/src/pages/PersonalTab/PersonalTab';
import { clientFor, devToken, nodeFetch } from './realServer';

const SLOW = { timeout: 15_000 };

// A tenant of its own: the admin tests read the demo tenant's programmes and must not find this one.
const TENANT = '1e1e1e1e-0000-4000-8000-0000000000aa';
const adminClient = (): Promise<ApiClient> => clientFor('notice-admin', 'Notice Admin', TENANT, ['ProgramAdmin']);

const renderTab = (api: ApiClient) =>
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PersonalTab api={api} locale="en-GB" onReady={() => undefined} />
    </FluentProvider>,
  );

test('a participant left unmatched is told which programme and why', async () => {
  const admin = await adminClient();
  const program = await admin.send<{ id: string }>('POST', '/api/programs', {
    body: { name: 'Culture Exchange 2027', startsOn: '2027-01-01', endsOn: '2027-12-31' },
  });
  await admin.send('POST', `/api/programs/${program.id}/participants`, {
    body: { id: 'notice-mentor', name: 'Nia Notice', role: 'mentor', skills: ['AI'], interests: [] },
  });
  await admin.send('POST', `/api/programs/${program.id}/matches/unmatched`, {
    body: { people: [{ id: 'notice-mentor', reason: 'More mentors than executives this round' }] },
  });

  renderTab(await clientFor('notice-mentor', 'Nia Notice', TENANT));
  expect(
    await screen.findByText('Not paired in Culture Exchange 2027 this round', undefined, SLOW),
  ).toBeInTheDocument();
  expect(
    screen.getByText(/More mentors than executives this round\. Your programme admin keeps you in mind/),
  ).toBeInTheDocument();
});

test('someone without a pair and without notices sees only the empty state', async () => {
  const token = await devToken('notice-nobody', 'Nobody Yet', TENANT);
  let noticesAnswered = 0;
  const recording = (async (input: string, init?: RequestInit) => {
    const res = await nodeFetch(input, init as never);
    if (input.endsWith('/api/me/notices')) noticesAnswered++;
    return res;
  }) as typeof fetch;
  renderTab(createApiClient(async () => token, recording));
  expect(await screen.findByText('You are not in a pair yet', undefined, SLOW)).toBeInTheDocument();
  await waitFor(() => expect(noticesAnswered).toBe(1), SLOW);
  expect(screen.queryByText(/Not paired in/)).toBeNull();
});
