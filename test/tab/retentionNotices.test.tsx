// The tab's side of retention notices (issue #13): a member of an ended pair sees on "My pairs" the date
// retention deletes the pair's content, with a way to export their data first; a member of an active
// pair sees no such notice. (The bot's 14- and 2-day cards: test/api/retentionAttack.test.ts.)
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ApiClient } from '../../tab/src/api/client';
import { PersonalTab } from '../../tab/src/pages/PersonalTab/PersonalTab';
import { clientFor } from './realServer';

const SLOW = { timeout: 15_000 };
const DAY = 86400_000;

// A tenant of its own: the admin tests read the demo tenant's programmes and must not find this one.
const TENANT = '1e1e1e1e-0000-4000-8000-0000000000bb';

const renderTab = (api: ApiClient) =>
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PersonalTab api={api} locale="en-GB" onReady={() => undefined} />
    </FluentProvider>,
  );

type Pair = { id: string; etag: string };

let endedAt: number;
beforeAll(async () => {
  const admin = await clientFor('retention-admin', 'Rita Retention', TENANT, ['ProgramAdmin']);
  const program = await admin.send<{ id: string }>('POST', '/api/programs', {
    body: { name: 'Retention Round', startsOn: '2026-01-01', endsOn: '2026-12-31', retentionDays: 30 },
  });
  const add = (id: string, name: string, role: 'mentor' | 'mentee') =>
    admin.send('POST', `/api/programs/${program.id}/participants`, {
      body: { id, name, role, skills: ['AI'], interests: [] },
    });
  await add('ret-mentor', 'Mina Mentor', 'mentor');
  await add('ret-exec', 'Eli Executive', 'mentee');
  await add('ret-mentor-2', 'Ada Active', 'mentor');
  await add('ret-exec-2', 'Bo Busy', 'mentee');
  const ended = await admin.send<Pair>('POST', `/api/programs/${program.id}/pairs`, {
    body: { mentorId: 'ret-mentor', menteeId: 'ret-exec' },
  });
  await admin.send<Pair>('POST', `/api/programs/${program.id}/pairs`, {
    body: { mentorId: 'ret-mentor-2', menteeId: 'ret-exec-2' },
  });
  const done = await admin.send<{ endedAt: string }>('PATCH', `/api/programs/${program.id}/pairs/${ended.id}`, {
    body: { status: 'ended' },
    ifMatch: ended.etag,
  });
  endedAt = Date.parse(done.endedAt);
});

test('a member of an ended pair is told when its content is deleted (at least 30 days on), and the export is one click away', async () => {
  const mentor = await clientFor('ret-mentor', 'Mina Mentor', TENANT);
  const me = await mentor.get<{ pairs: { partner: { name: string }; contentDeletesAt: string | null }[] }>('/api/me');
  const deletesAt = me.pairs.find((p) => p.partner.name === 'Eli Executive')?.contentDeletesAt ?? '';
  // The server's deletion date: 30 days after the end at the earliest (the floor), whatever the setting.
  expect(Date.parse(deletesAt)).toBeGreaterThanOrEqual(endedAt + 30 * DAY);

  renderTab(mentor);
  const title = await screen.findByText('Your content with Eli Executive will be deleted', undefined, SLOW);
  const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date(deletesAt));
  expect(title.parentElement).toHaveTextContent(
    `Your pair has ended. On ${date} the programme’s retention period is over`,
  );

  const yourData = screen.getByRole('button', { name: 'Your data' });
  expect(yourData).toHaveAttribute('aria-expanded', 'false');
  await userEvent.click(screen.getByRole('button', { name: 'Export my data' }));
  await waitFor(() => expect(yourData).toHaveAttribute('aria-expanded', 'true'));
  expect(await screen.findByRole('region', { name: 'Your data' }, SLOW)).toBeInTheDocument();
});

test('a member of an active pair sees no retention notice', async () => {
  const active = await clientFor('ret-mentor-2', 'Ada Active', TENANT);
  const me = await active.get<{ pairs: { contentDeletesAt: string | null }[] }>('/api/me');
  expect(me.pairs.map((p) => p.contentDeletesAt)).toEqual([null]);
  renderTab(active);
  expect((await screen.findAllByText(/Bo Busy/, undefined, SLOW)).length).toBeGreaterThan(0);
  expect(screen.queryByText(/will be deleted/)).not.toBeInTheDocument();
});
