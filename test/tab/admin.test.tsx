// The admin view, rendered by the real components against the real server with the demo programme
// (serverSetup.ts): who may see it, participants and the CSV preview, matching, insights, settings.
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createApiClient, type ApiClient } from '../../tab/src/api/client';
import Admin from '../../tab/src/pages/Admin/Admin';
import { strings } from '../../tab/src/pages/Admin/strings';
import { PersonalTab } from '../../tab/src/pages/PersonalTab/PersonalTab';
import { clientFor, nodeFetch } from './realServer';
import { RETENTION_FLOOR_DAYS } from '../../bot/src/domain/retention';

async function adminClient(): Promise<ApiClient> {
  const res = await nodeFetch('/api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: 'avery', name: 'Avery Admin', roles: ['ProgramAdmin'] }),
  });
  const { token } = (await res.json()) as { token: string };
  return createApiClient(async () => token, nodeFetch);
}

function renderAdmin(api: ApiClient) {
  const onReady = jest.fn();
  render(
    <FluentProvider theme={teamsLightTheme}>
      <Admin
        api={api}
        host={{ kind: 'browser', theme: 'default', locale: 'en-GB' }}
        onReady={onReady}
        onSignOut={() => undefined}
      />
    </FluentProvider>,
  );
  return onReady;
}

/** The real server answers slower while the whole suite runs: wait up to 15 s for what it sends. */
const SLOW = { timeout: 15_000 };

const openTab = async (name: string) => {
  fireEvent.click(await screen.findByRole('tab', { name }, SLOW));
  return screen.findByRole('tabpanel', undefined, SLOW);
};

test('someone without the ProgramAdmin role is told why and pointed to their pairs', async () => {
  const onReady = renderAdmin(await clientFor('dana', 'Dana Whitfield'));
  expect(await screen.findByText(strings.notAdmin.title, undefined, SLOW)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: strings.notAdmin.back }).getAttribute('href')).toMatch(/^\/tab\/personal/);
  expect(screen.queryByRole('tab')).toBeNull();
  await waitFor(() => expect(onReady).toHaveBeenCalled(), SLOW);
});

test('participants: the list with training status, and a CSV preview that reports every bad row and offers no import', async () => {
  renderAdmin(await adminClient());
  const panel = await openTab(strings.tabs.participants);
  const table = await within(panel).findByRole('table', { name: strings.participants.title }, SLOW);
  const dana = within(table).getByRole('row', { name: /Dana Whitfield/ });
  expect(within(dana).getByText(strings.participants.notAcknowledged)).toBeInTheDocument();
  expect(within(table).getByRole('row', { name: /Ruth Adeyemi/ })).toHaveTextContent(strings.participants.unpaired);

  fireEvent.change(within(panel).getByLabelText(strings.participants.csvText), {
    target: { value: 'name,email,role\nJade Morel,jade@contoso.example,mentor\nNobody,nobody@contoso.example,mentee' },
  });
  fireEvent.click(within(panel).getByRole('button', { name: strings.participants.preview }));
  expect(await within(panel).findByText(strings.participants.previewErrors(1), undefined, SLOW)).toBeInTheDocument();
  const preview = within(panel).getByRole('table', { name: strings.participants.preview });
  expect(within(preview).getByRole('row', { name: /Nobody/ })).toHaveTextContent('email: not found in the directory');
  expect(within(preview).getByRole('row', { name: /Jade Morel/ })).toHaveTextContent(strings.participants.ok);
  expect(within(panel).queryByRole('button', { name: /^Import/ })).toBeNull();
});

test('matching: suggestions carry their reasons; rejecting one asks again without it', async () => {
  renderAdmin(await adminClient());
  const panel = await openTab(strings.tabs.matching);
  fireEvent.click(within(panel).getByRole('button', { name: strings.matching.suggest }));
  const accept = await within(panel).findByRole(
    'button',
    { name: strings.matching.acceptFor('Lena Fischer', 'Ruth Adeyemi') },
    SLOW,
  );
  expect(accept).toBeInTheDocument();
  expect(within(panel).getByText(/Executive can share back: leadership/)).toBeInTheDocument();
  // "Score 6" is explained once, beside the suggestions.
  expect(within(panel).getByText(strings.matching.scoreHint)).toBeInTheDocument();
  fireEvent.click(
    within(panel).getByRole('button', { name: strings.matching.rejectFor('Lena Fischer', 'Ruth Adeyemi') }),
  );
  await waitFor(
    () =>
      expect(
        within(panel).queryByRole('button', { name: strings.matching.acceptFor('Lena Fischer', 'Ruth Adeyemi') }),
      ).toBeNull(),
    SLOW,
  );
  // Ruth is now left over: her only other mentor (Noah) is in her reporting line.
  const unmatched = await within(panel).findByRole('region', { name: strings.matching.unmatched }, SLOW);
  expect(within(unmatched).getByText('Ruth Adeyemi')).toBeInTheDocument();
  expect(within(unmatched).getByText(/reporting line/)).toBeInTheDocument();
});

test('insights: a figure fewer than five pairs contributed to is withheld, each with the reason', async () => {
  renderAdmin(await adminClient());
  await openTab(strings.tabs.insights);
  // The demo programme: three pairs, one with activity. Every figure says why it is missing.
  for (const title of [
    strings.insights.sessions,
    strings.insights.goals,
    strings.insights.commitments,
    strings.insights.cadence,
    strings.insights.feedback,
    strings.insights.ledger,
    strings.insights.learnings,
  ]) {
    const section = await screen.findByRole('region', { name: title }, SLOW);
    expect(within(section).getByText(strings.withheld.title)).toBeInTheDocument();
    expect(within(section).getByText(strings.withheld.reason(5))).toBeInTheDocument();
  }
  expect(screen.queryByRole('table')).toBeNull();
});

/** The preview's confirm button, once the preview has loaded. */
async function confirmPreview() {
  const confirm = await screen.findByRole('button', { name: strings.retention.confirm, hidden: true }, SLOW);
  await waitFor(() => expect(confirm).toBeEnabled(), SLOW);
  fireEvent.click(confirm);
}

test('settings: a retention change shows what will be deleted, and when, before it is saved', async () => {
  const api = await adminClient();
  renderAdmin(api);
  const panel = await openTab(strings.tabs.settings);
  const retention = within(panel).getByLabelText(
    strings.settings.retentionDays(RETENTION_FLOOR_DAYS),
  ) as HTMLInputElement;
  const before = retention.value;
  fireEvent.change(retention, { target: { value: '45' } });
  fireEvent.click(within(panel).getByRole('button', { name: strings.save }));
  const dialog = await screen.findByRole('dialog', { name: strings.retention.confirmTitle }, SLOW);
  expect(
    await within(dialog).findByText(
      /45 days after the later of the programme’s end and the pair’s end/,
      undefined,
      SLOW,
    ),
  ).toBeInTheDocument();
  // Pairs still running are listed as keeping everything.
  expect(within(dialog).getByText(/pairs have not ended: nothing of theirs is deleted/)).toBeInTheDocument();
  // Cancelled: nothing saved. (In jsdom Fluent's focus trap marks the open dialog aria-hidden: its buttons are found with hidden: true.)
  fireEvent.click(within(dialog).getByRole('button', { name: strings.cancel, hidden: true }));
  const { programs } = await api.get<{ programs: { name: string; retentionDays: number }[] }>('/api/programs');
  expect(String(programs.find((p) => p.name === 'Digital Fluency 2026')!.retentionDays)).toBe(before);
  // Confirmed: saved, and on record.
  fireEvent.click(within(panel).getByRole('button', { name: strings.save }));
  await confirmPreview();
  expect(await within(panel).findByText(strings.saved, undefined, SLOW)).toBeInTheDocument();
  fireEvent.change(within(panel).getByLabelText(strings.settings.retentionDays(RETENTION_FLOOR_DAYS)), {
    target: { value: before },
  });
  fireEvent.click(within(panel).getByRole('button', { name: strings.save }));
  await confirmPreview();
  await waitFor(() => expect(within(panel).getByText(strings.saved)).toBeInTheDocument(), SLOW);

  const audit = await openTab(strings.tabs.audit);
  expect(await within(audit).findAllByText(`retentionDays: ${before} → 45`, undefined, SLOW)).not.toHaveLength(0);
});

test('settings: saved with the ETag; a change made elsewhere meanwhile is reported, and Reload picks it up', async () => {
  const api = await adminClient();
  renderAdmin(api);
  const panel = await openTab(strings.tabs.settings);
  const topics = within(panel).getByLabelText(strings.settings.topics) as HTMLTextAreaElement;
  expect(topics.value).toMatch(/Generative AI at work/);
  fireEvent.click(within(panel).getByRole('button', { name: strings.save }));
  expect(await within(panel).findByText(strings.saved, undefined, SLOW)).toBeInTheDocument();
  // Saving again uses the ETag of the saved version: no conflict.
  const save = within(panel).getByRole('button', { name: strings.save });
  fireEvent.click(save);
  expect(save).toBeDisabled();
  await waitFor(() => expect(save).toBeEnabled(), SLOW);
  expect(within(panel).getByText(strings.saved)).toBeInTheDocument();
  expect(within(panel).queryByText(strings.settings.changedElsewhere)).toBeNull();

  // Another admin changes the settings; this form's ETag is now stale.
  const { programs } = await api.get<{ programs: { id: string; etag: string; name: string }[] }>('/api/programs');
  const demo = programs.find((p) => p.name === 'Digital Fluency 2026')!;
  const current = await api.get<{ etag: string }>(`/api/programs/${demo.id}`);
  await api.send('PATCH', `/api/programs/${demo.id}`, { ifMatch: current.etag, body: { sessionMinutes: 50 } });
  fireEvent.click(within(panel).getByRole('button', { name: strings.save }));
  expect(await within(panel).findByText(strings.settings.changedElsewhere, undefined, SLOW)).toBeInTheDocument();
  fireEvent.click(within(panel).getByRole('button', { name: strings.settings.reload }));
  await waitFor(
    () => expect((within(panel).getByLabelText(strings.settings.sessionMinutes) as HTMLInputElement).value).toBe('50'),
    SLOW,
  );
  expect(within(panel).queryByText(strings.settings.changedElsewhere)).toBeNull();
});

test('the personal tab links admins to the admin view and offers everyone their data', async () => {
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PersonalTab api={await adminClient()} locale="en-GB" onReady={() => undefined} />
    </FluentProvider>,
  );
  expect((await screen.findByRole('link', { name: 'Programme admin view' }, SLOW)).getAttribute('href')).toMatch(
    /^\/tab\/admin/,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Your data' }));
  // The panel is its own chunk, loaded when opened.
  expect(await screen.findByRole('button', { name: 'Download as JSON' }, SLOW)).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Delete my content…' }));
  expect(screen.getByRole('button', { name: 'Delete for good' })).toBeInTheDocument();
});

test('participants, pairs and audit: search and filter ask the server, and say when nothing matches', async () => {
  renderAdmin(await adminClient());
  const panel = await openTab(strings.tabs.participants);
  const table = await within(panel).findByRole('table', { name: strings.participants.title }, SLOW);
  expect(within(table).getByRole('row', { name: /Ruth Adeyemi/ })).toBeInTheDocument();
  fireEvent.change(
    within(panel).getByRole('searchbox', { name: `${strings.list.search}: ${strings.participants.title}` }),
    { target: { value: 'whitfield' } },
  );
  await waitFor(() => expect(within(panel).queryByRole('row', { name: /Ruth Adeyemi/ })).toBeNull(), SLOW);
  expect(within(panel).getByRole('row', { name: /Dana Whitfield/ })).toBeInTheDocument();
  expect(within(panel).getByText(strings.list.shown(1))).toBeInTheDocument();
  fireEvent.change(
    within(panel).getByRole('combobox', { name: `${strings.list.filter}: ${strings.participants.title}` }),
    { target: { value: 'mentor' } },
  );
  expect(await within(panel).findByText(strings.list.noMatch, undefined, SLOW)).toBeInTheDocument();

  const pairs = await openTab(strings.tabs.pairs);
  await within(pairs).findByRole('table', { name: strings.tabs.pairs }, SLOW);
  fireEvent.change(within(pairs).getByRole('combobox', { name: `${strings.list.filter}: ${strings.tabs.pairs}` }), {
    target: { value: 'ended' },
  });
  await waitFor(() => {
    const rows = within(within(pairs).getByRole('table', { name: strings.tabs.pairs }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toHaveTextContent(strings.pairs.statusLabel.ended);
  }, SLOW);
  fireEvent.change(within(pairs).getByRole('searchbox', { name: `${strings.list.search}: ${strings.tabs.pairs}` }), {
    target: { value: 'nobody-by-this-name' },
  });
  expect(await within(pairs).findByText(strings.list.noMatch, undefined, SLOW)).toBeInTheDocument();

  const audit = await openTab(strings.tabs.audit);
  fireEvent.change(
    await within(audit).findByRole('searchbox', { name: `${strings.list.search}: ${strings.tabs.audit}` }, SLOW),
    { target: { value: 'nobody-by-this-name' } },
  );
  expect(await within(audit).findByText(strings.list.noMatch, undefined, SLOW)).toBeInTheDocument();
});

test('pairs: one short "not reachable" badge per person, and the reason and fix said once', async () => {
  renderAdmin(await adminClient());
  const panel = await openTab(strings.tabs.pairs);
  const table = await within(panel).findByRole('table', { name: strings.tabs.pairs }, SLOW);
  // Nobody in the demo has the app installed: every member of a pair is unreachable, for the same reason.
  const badges = await within(table).findAllByText(strings.pairs.notReachable, undefined, SLOW);
  expect(badges.length).toBeGreaterThanOrEqual(4);
  for (const badge of badges) expect(badge.textContent).toBe(strings.pairs.notReachable);
  expect(within(table).getAllByText('Priya Patel').length).toBeGreaterThan(0);
  expect(within(panel).getAllByText(strings.pairs.notInstalled)).toHaveLength(1);
  expect(within(table).queryByText(strings.pairs.notInstalled)).toBeNull();
});

test('pairs: bulk pause and resume through the selection bar, each confirmed', async () => {
  const api = await adminClient();
  renderAdmin(api);
  const panel = await openTab(strings.tabs.pairs);
  await within(panel).findByRole('table', { name: strings.tabs.pairs }, SLOW);
  expect(within(panel).queryByRole('toolbar', { name: strings.bulk.label })).toBeNull();
  fireEvent.click(within(panel).getByRole('checkbox', { name: strings.bulk.selectAll }));
  const bar = within(panel).getByRole('toolbar', { name: strings.bulk.label });
  const rows = within(panel)
    .getAllByRole('checkbox', { name: /^Select / })
    .filter((c) => c.getAttribute('aria-label') !== strings.bulk.selectAll);
  expect(within(bar).getByText(strings.bulk.selected(rows.length))).toBeInTheDocument();
  fireEvent.click(within(bar).getByRole('button', { name: strings.pairs.pause }));
  // The ended demo pair is skipped; the two running ones pause.
  expect(
    await within(panel).findByText(strings.bulk.done(strings.pairs.pause, 2, rows.length - 2), undefined, SLOW),
  ).toBeInTheDocument();
  const programs = await api.get<{ programs: { id: string }[] }>('/api/programs');
  const stored = async () =>
    (await api.get<{ pairs: { status: string }[] }>(`/api/programs/${programs.programs[0]!.id}/pairs`)).pairs
      .map((p) => p.status)
      .sort();
  expect(await stored()).toEqual(['ended', 'paused', 'paused']);
  await waitFor(() => expect(within(panel).getAllByRole('button', { name: /^Resume: / })).toHaveLength(2), SLOW);
  fireEvent.click(within(panel).getByRole('checkbox', { name: strings.bulk.selectAll }));
  fireEvent.click(
    within(within(panel).getByRole('toolbar', { name: strings.bulk.label })).getByRole('button', {
      name: strings.pairs.resume,
    }),
  );
  expect(
    await within(panel).findByText(strings.bulk.done(strings.pairs.resume, 2, rows.length - 2), undefined, SLOW),
  ).toBeInTheDocument();
  expect(await stored()).toEqual(['active', 'active', 'ended']);
});

const cleanups: (() => void)[] = [];
const afterThisTest = (cleanup: () => void) => cleanups.push(cleanup);
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

test('participants: selected rows export as CSV from the selection bar, built by the server', async () => {
  const api = await adminClient();
  const downloads: Blob[] = [];
  const createObjectURL = jest.fn((blob: Blob) => {
    downloads.push(blob);
    return 'blob:participants';
  });
  const { createObjectURL: originalCreate, revokeObjectURL: originalRevoke } = URL;
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  afterThisTest(() => {
    click.mockRestore();
    Object.assign(URL, { createObjectURL: originalCreate, revokeObjectURL: originalRevoke });
  });
  renderAdmin(api);
  const panel = await openTab(strings.tabs.participants);
  fireEvent.click(await within(panel).findByRole('checkbox', { name: strings.bulk.select('Dana Whitfield') }, SLOW));
  fireEvent.click(within(panel).getByRole('checkbox', { name: strings.bulk.select('Sam Okafor') }));
  const bar = within(panel).getByRole('toolbar', { name: strings.bulk.label });
  expect(within(bar).getByText(strings.bulk.selected(2))).toBeInTheDocument();
  fireEvent.click(within(bar).getByRole('button', { name: strings.bulk.export }));
  expect(await within(panel).findByText(strings.bulk.exported(2), undefined, SLOW)).toBeInTheDocument();
  expect(downloads).toHaveLength(1);
  const csv = await new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(downloads[0]!);
  });
  expect(csv.trim().split('\n')).toEqual([
    '"name","role","department","agreement accepted","paired"',
    expect.stringMatching(/^"Dana Whitfield","mentee","Finance",/),
    expect.stringMatching(/^"Sam Okafor","mentor","Design",/),
  ]);
});

test('settings: text areas are as tall as their content (one item per line), nothing cut off', async () => {
  renderAdmin(await adminClient());
  const panel = await openTab(strings.tabs.settings);
  for (const label of [strings.settings.objectives, strings.settings.topics]) {
    const area = (await within(panel).findByRole('textbox', { name: label }, SLOW)) as HTMLTextAreaElement;
    expect(area.rows).toBeGreaterThan(area.value.split('\n').length);
  }
});
