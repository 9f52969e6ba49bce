// Pairs with what the admin manages (status, the confidentiality agreement, sessions the cadence asks for)
// and reminder delivery (from the bot's delivery report); a single pair's activity is withheld (the 5-pair
// rule); pause, resume, end (with a confirmation) and re-pair.
import {
  Badge,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  mergeClasses,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { ApiError, type ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { listQuery, useDebounced, usePagedList } from '../../hooks/usePagedList';
import { useAdminStyles } from './Admin.styles';
import { BulkBar, SelectAllHeader, SelectCell, useSelection, type Selection } from './BulkSelection';
import type { DeliveryPerson, PairHealth, PairStatus, Program } from './adminTypes';
import { LIMITS } from '../../../../bot/src/domain/limits';
import { ListSearch, LoadMore } from './ListControls';
import { strings } from './strings';

const s = strings.pairs;

/** A pair as listed, with the delivery health of its mentor and mentee (undefined where unknown). */
type PairRow = PairHealth & { delivery: (DeliveryPerson | undefined)[] };

export function PairsPanel({
  api,
  program,
  locale,
  onRepair,
}: {
  api: ApiClient;
  program: Program;
  locale: string;
  onRepair: () => void;
}) {
  const styles = useAdminStyles();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<PairStatus | ''>('');
  const q = useDebounced(search.trim());
  const { list, forgetDelivery } = usePairRows(api, program, q, status);
  const pairs = { ...list, data: list.items ? { pairs: list.items } : undefined };
  const [ending, setEnding] = useState<{ pair: PairHealth; thenRepair: boolean }>();
  const [endingSelected, setEndingSelected] = useState(false);
  const rows = pairs.data?.pairs ?? [];
  const selection = useSelection(rows.map((p) => p.id));
  const { state, change, changeSelected } = usePairChanges(
    api,
    program,
    rows,
    selection,
    () => {
      forgetDelivery();
      pairs.reload();
    },
    pairs.reload,
  );

  return (
    <Section title={strings.tabs.pairs}>
      <ListSearch
        label={strings.tabs.pairs}
        search={search}
        onSearch={setSearch}
        filter={status}
        onFilter={setStatus}
        filters={(['active', 'paused', 'ended'] as const).map((value) => ({ value, label: s.statusLabel[value] }))}
      />
      {pairs.loading && !pairs.data && <Spinner label={strings.loading} />}
      {pairs.error && <ProblemMessage error={pairs.error} onRetry={pairs.reload} />}
      {state.error && <ProblemMessage error={state.error} />}
      {state.message && (
        <MessageBar intent="warning">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.done && (
        <MessageBar intent="success">
          <MessageBarBody>{state.done}</MessageBarBody>
        </MessageBar>
      )}
      {pairs.data && pairs.data.pairs.length === 0 && (
        <Caption1>{q || status ? strings.list.noMatch : s.none}</Caption1>
      )}
      {pairs.data && pairs.data.pairs.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{strings.withheld.perPair(LIMITS.insightsMinPairs)}</MessageBarBody>
        </MessageBar>
      )}
      <DeliveryFixes rows={rows} />
      <BulkBar selection={selection}>
        <Button size="small" disabled={state.busy} onClick={() => void changeSelected('paused', s.pause)}>
          {s.pause}
        </Button>
        <Button size="small" disabled={state.busy} onClick={() => void changeSelected('active', s.resume)}>
          {s.resume}
        </Button>
        <Button size="small" disabled={state.busy} onClick={() => setEndingSelected(true)}>
          {s.end}
        </Button>
      </BulkBar>
      {pairs.data && pairs.data.pairs.length > 0 && (
        <div className={styles.tableWrap}>
          <Table aria-label={strings.tabs.pairs} size="small" className={mergeClasses(styles.table, styles.pairsTable)}>
            <TableHeader>
              <TableRow>
                <SelectAllHeader selection={selection} />
                <TableHeaderCell>{s.pair}</TableHeaderCell>
                <TableHeaderCell>{s.status}</TableHeaderCell>
                <TableHeaderCell>{s.sessions}</TableHeaderCell>
                <TableHeaderCell>{s.activity}</TableHeaderCell>
                <TableHeaderCell className={styles.deliveryColumn}>{s.delivery}</TableHeaderCell>
                <TableHeaderCell>{s.actions}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pairs.data.pairs.map((p) => (
                <TableRow key={p.id}>
                  <SelectCell selection={selection} id={p.id} name={`${p.mentor.name} → ${p.mentee.name}`} />
                  <TableCell>
                    <Text weight="semibold">{p.mentor.name}</Text>
                    {' → '}
                    {p.mentee.name}
                  </TableCell>
                  <TableCell>{s.statusLabel[p.status]}</TableCell>
                  <TableCell>{p.health.sessionsExpected}</TableCell>
                  <TableCell>
                    <Activity pair={p} locale={locale} />
                  </TableCell>
                  <TableCell>
                    <Delivery pair={p} />
                  </TableCell>
                  <TableCell>
                    <PairActions
                      pair={p}
                      busy={state.busy}
                      onChange={(next) => change(p, next)}
                      onEnd={(thenRepair) => setEnding({ pair: p, thenRepair })}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <LoadMore list={list} />
      <ConfirmEnd
        open={Boolean(ending)}
        title={ending ? label(ending.pair) : ''}
        action={ending?.thenRepair ? s.repair : s.end}
        onCancel={() => setEnding(undefined)}
        onConfirm={async () => {
          const target = ending!;
          setEnding(undefined);
          if ((await change(target.pair, 'ended')) && target.thenRepair) onRepair();
        }}
      />
      <ConfirmEnd
        open={endingSelected}
        title={strings.bulk.endSelected(selection.selected.size)}
        action={s.end}
        onCancel={() => setEndingSelected(false)}
        onConfirm={() => {
          setEndingSelected(false);
          void changeSelected('ended', s.end);
        }}
      />
    </Section>
  );
}

/**
 * The pages of pairs for the search and filter, each with the delivery health of its people from the bot's
 * report (each person asked for once; without a report the column says so). `forgetDelivery` asks again.
 */
function usePairRows(api: ApiClient, program: Program, q: string, status: PairStatus | '') {
  const delivery = useRef(new Map<string, DeliveryPerson>());
  const list = usePagedList<PairRow>(
    async (cursor) => {
      const page = await api.get<{ pairs: PairHealth[]; nextCursor?: string }>(
        `/api/programs/${program.id}/pairs${listQuery({ q, status }, cursor)}`,
      );
      const users = page.pairs.flatMap((p) => [p.mentor.id, p.mentee.id]).filter((id) => !delivery.current.has(id));
      if (users.length) {
        const report = await api
          .get<{ people: DeliveryPerson[] }>(
            `/api/programs/${program.id}/delivery${listQuery({ users: users.join(','), limit: users.length })}`,
          )
          .catch(() => ({ people: [] as DeliveryPerson[] }));
        for (const person of report.people) delivery.current.set(person.userId, person);
      }
      const people = (pair: PairHealth) => [pair.mentor, pair.mentee].map((m) => delivery.current.get(m.id));
      return { items: page.pairs.map((pair) => ({ ...pair, delivery: people(pair) })), nextCursor: page.nextCursor };
    },
    [api, program.id, q, status],
  );
  return { list, forgetDelivery: () => delivery.current.clear() };
}

/** Status changes, one pair or the selected ones, each with its pair's ETag; the list is read again after each. */
function usePairChanges(
  api: ApiClient,
  program: Program,
  rows: PairRow[],
  selection: Selection,
  changed: () => void,
  reload: () => void,
) {
  const [state, setState] = useState<{ error?: Error; message?: string; busy?: boolean; done?: string }>({});

  /** One change for every selected pair it applies to, one after the other (each with its own ETag). */
  async function changeSelected(status: PairStatus, action: string): Promise<void> {
    const chosen = rows.filter((p) => selection.selected.has(p.id));
    const applies = chosen.filter((p) => p.status !== 'ended' && p.status !== status);
    setState({ busy: true });
    let count = 0;
    for (const pair of applies) {
      try {
        await api.send('PATCH', `/api/programs/${program.id}/pairs/${pair.id}`, {
          ifMatch: pair.etag,
          body: { status },
        });
        count++;
      } catch (error) {
        setState({ error: error as Error });
        reload();
        return;
      }
    }
    selection.clear();
    setState({ done: strings.bulk.done(action, count, chosen.length - count) });
    reload();
  }

  async function change(pair: PairHealth, status: PairStatus): Promise<boolean> {
    setState({ busy: true });
    try {
      await api.send('PATCH', `/api/programs/${program.id}/pairs/${pair.id}`, { ifMatch: pair.etag, body: { status } });
      setState({});
      changed();
      return true;
    } catch (error) {
      setState(error instanceof ApiError && error.status === 412 ? { message: s.changed } : { error: error as Error });
      reload();
      return false;
    }
  }
  return { state, change, changeSelected };
}

/** Each distinct reason and fix once, however many people on the pages shown it concerns. */
function DeliveryFixes({ rows }: { rows: PairRow[] }) {
  const styles = useAdminStyles();
  const fixes = [
    ...new Set(
      rows
        .flatMap((row) => row.delivery)
        .filter((p): p is DeliveryPerson => Boolean(p && !p.reachable))
        .map((p) => (p.lastFailure ? `${p.lastFailure.reason} ${p.lastFailure.fix}` : s.notInstalled)),
    ),
  ];
  if (fixes.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{s.fixes}</MessageBarTitle>
        <ul className={styles.reasons}>
          {fixes.map((fix) => (
            <li key={fix}>{fix}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** Whether reminders reach the pair's people: a badge, or the names of those they do not reach. */
function Delivery({ pair: { delivery: people } }: { pair: PairRow }) {
  const styles = useAdminStyles();
  if (people.every((p) => !p)) return <Caption1>{s.deliveryUnknown}</Caption1>;
  const unreachable = people.filter((p): p is DeliveryPerson => Boolean(p && !p.reachable));
  if (unreachable.length === 0)
    return (
      <Badge appearance="tint" color="success" className={styles.badge}>
        {s.reachable}
      </Badge>
    );
  // A name beside a short badge: the pill holds one line; why and the fix are said once, above the table.
  return (
    <ul className={styles.people}>
      {unreachable.map((p) => (
        <li key={p.userId} className={styles.person}>
          <Text>{p.name}</Text>
          <Badge appearance="tint" color="danger" className={styles.badge}>
            {s.notReachable}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** A pair's activity, withheld under the 5-pair rule (a figure about one pair); shown only if the rule ever lets one through. */
function Activity({ pair: { health }, locale }: { pair: PairHealth; locale: string }) {
  const date = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : s.never;
  const parts = [
    health.sessions.shown ? `${health.sessions.value.held} · ${date(health.sessions.value.lastSessionAt)}` : undefined,
    health.goals.shown ? s.goalProgress(health.goals.value.progressAverage, health.goals.value.count) : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : <Caption1>{strings.withheld.cell}</Caption1>;
}

/** Pause or resume, end, or end and re-pair (the last two after a confirmation); none for an ended pair. */
function PairActions({
  pair,
  busy,
  onChange,
  onEnd,
}: {
  pair: PairHealth;
  busy?: boolean;
  onChange: (status: PairStatus) => void;
  onEnd: (thenRepair: boolean) => void;
}) {
  const styles = useAdminStyles();
  if (pair.status === 'ended') return null;
  const label = (action: string) => s.actionFor(action, pair.mentor.name, pair.mentee.name);
  return (
    <div className={styles.row}>
      {pair.status === 'active' ? (
        <Button size="small" aria-label={label(s.pause)} disabled={busy} onClick={() => onChange('paused')}>
          {s.pause}
        </Button>
      ) : (
        <Button size="small" aria-label={label(s.resume)} disabled={busy} onClick={() => onChange('active')}>
          {s.resume}
        </Button>
      )}
      <Button size="small" aria-label={label(s.end)} disabled={busy} onClick={() => onEnd(false)}>
        {s.end}
      </Button>
      <Button size="small" aria-label={label(s.repair)} disabled={busy} onClick={() => onEnd(true)}>
        {s.repair}
      </Button>
    </div>
  );
}

/** Ending one pair or the selected ones: what it means, then cancel or go ahead. */
function ConfirmEnd({
  open,
  title,
  action,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  action: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{s.endConfirm}</DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {strings.cancel}
            </Button>
            <Button appearance="primary" onClick={onConfirm}>
              {action}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

const label = (pair: PairHealth) => s.actionFor(s.end, pair.mentor.name, pair.mentee.name);
