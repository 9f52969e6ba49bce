// Pairs with what the admin manages (status, the confidentiality agreement, sessions the cadence asks for)
// and reminder delivery (from the bot's delivery report); a single pair's activity is withheld (the 5-pair
// rule); pause, resume, end (with a confirmation) and re-pair.
import {
  Badge, Button, Caption1, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, MessageBarTitle,
  Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { ApiError, type ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { listQuery, useDebounced, usePagedList } from '../../hooks/usePagedList';
import { useAdminStyles } from './Admin.styles';
import { BulkBar, SelectAllHeader, SelectCell, useSelection } from './BulkSelection';
import type { DeliveryPerson, PairHealth, PairStatus, Program } from './adminTypes';
import { LIMITS } from '../../../../bot/src/domain/limits';
import { ListSearch, LoadMore } from './ListControls';
import { strings } from './strings';

const s = strings.pairs;

/** A pair as listed, with the delivery health of its mentor and mentee (undefined where unknown). */
type PairRow = PairHealth & { delivery: (DeliveryPerson | undefined)[] };

export function PairsPanel({ api, program, locale, onRepair }: { api: ApiClient; program: Program; locale: string; onRepair: () => void }) {
  const styles = useAdminStyles();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<PairStatus | ''>('');
  const q = useDebounced(search.trim());
  // Delivery health of the people on the pages shown, from the bot's report (each person asked for once);
  // without it the column says so.
  const delivery = useRef(new Map<string, DeliveryPerson>());
  const list = usePagedList<PairRow>(async (cursor) => {
    const page = await api.get<{ pairs: PairHealth[]; nextCursor?: string }>(`/api/programs/${program.id}/pairs${listQuery({ q, status }, cursor)}`);
    const users = page.pairs.flatMap((p) => [p.mentor.id, p.mentee.id]).filter((id) => !delivery.current.has(id));
    if (users.length) {
      const report = await api
        .get<{ people: DeliveryPerson[] }>(`/api/programs/${program.id}/delivery${listQuery({ users: users.join(','), limit: users.length })}`)
        .catch(() => ({ people: [] as DeliveryPerson[] }));
      for (const person of report.people) delivery.current.set(person.userId, person);
    }
    const people = (pair: PairHealth) => [pair.mentor, pair.mentee].map((m) => delivery.current.get(m.id));
    return { items: page.pairs.map((pair) => ({ ...pair, delivery: people(pair) })), nextCursor: page.nextCursor };
  }, [api, program.id, q, status]);
  const pairs = { ...list, data: list.items ? { pairs: list.items } : undefined };
  const [state, setState] = useState<{ error?: Error; message?: string; busy?: boolean; done?: string }>({});
  const [ending, setEnding] = useState<{ pair: PairHealth; thenRepair: boolean }>();
  const [endingSelected, setEndingSelected] = useState(false);
  const rows = pairs.data?.pairs ?? [];
  const selection = useSelection(rows.map((p) => p.id));

  /** One change for every selected pair it applies to, one after the other (each with its own ETag). */
  async function changeSelected(status: PairStatus, action: string): Promise<void> {
    const chosen = rows.filter((p) => selection.selected.has(p.id));
    const applies = chosen.filter((p) => p.status !== 'ended' && p.status !== status);
    setState({ busy: true });
    let changed = 0;
    for (const pair of applies) {
      try {
        await api.send('PATCH', `/api/programs/${program.id}/pairs/${pair.id}`, { ifMatch: pair.etag, body: { status } });
        changed++;
      } catch (error) {
        setState({ error: error as Error });
        pairs.reload();
        return;
      }
    }
    selection.clear();
    setState({ done: strings.bulk.done(action, changed, chosen.length - changed) });
    pairs.reload();
  }

  async function change(pair: PairHealth, status: PairStatus): Promise<boolean> {
    setState({ busy: true });
    try {
      await api.send('PATCH', `/api/programs/${program.id}/pairs/${pair.id}`, { ifMatch: pair.etag, body: { status } });
      setState({});
      delivery.current.clear();
      pairs.reload();
      return true;
    } catch (error) {
      setState(error instanceof ApiError && error.status === 412 ? { message: s.changed } : { error: error as Error });
      pairs.reload();
      return false;
    }
  }

  const deliveryOf = ({ delivery: people }: PairRow) => {
    if (people.every((p) => !p)) return <Caption1>{s.deliveryUnknown}</Caption1>;
    const unreachable = people.filter((p): p is DeliveryPerson => Boolean(p && !p.reachable));
    if (unreachable.length === 0) return <Badge appearance="tint" color="success" className={styles.badge}>{s.reachable}</Badge>;
    // A name beside a short badge: the pill holds one line; why and the fix are said once, above the table.
    return (
      <ul className={styles.people}>{unreachable.map((p) => (
        <li key={p.userId} className={styles.person}>
          <Text>{p.name}</Text>
          <Badge appearance="tint" color="danger" className={styles.badge}>{s.notReachable}</Badge>
        </li>
      ))}</ul>
    );
  };
  // Each distinct reason and fix once, however many people it concerns.
  const fixes = [...new Set(rows.flatMap((row) => row.delivery)
    .filter((p): p is DeliveryPerson => Boolean(p && !p.reachable))
    .map((p) => (p.lastFailure ? `${p.lastFailure.reason} ${p.lastFailure.fix}` : s.notInstalled)))];
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : s.never);
  // Withheld under the 5-pair rule (a figure about one pair); shown only if the rule ever lets one through.
  const activityOf = ({ health }: PairHealth) => {
    const parts = [
      health.sessions.shown ? `${health.sessions.value.held} · ${date(health.sessions.value.lastSessionAt)}` : undefined,
      health.goals.shown ? s.goalProgress(health.goals.value.progressAverage, health.goals.value.count) : undefined,
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : <Caption1>{strings.withheld.cell}</Caption1>;
  };

  return (
    <Section title={strings.tabs.pairs}>
      <ListSearch
        label={strings.tabs.pairs} search={search} onSearch={setSearch} filter={status} onFilter={setStatus}
        filters={(['active', 'paused', 'ended'] as const).map((value) => ({ value, label: s.statusLabel[value] }))}
      />
      {pairs.loading && !pairs.data && <Spinner label={strings.loading} />}
      {pairs.error && <ProblemMessage error={pairs.error} onRetry={pairs.reload} />}
      {state.error && <ProblemMessage error={state.error} />}
      {state.message && <MessageBar intent="warning"><MessageBarBody>{state.message}</MessageBarBody></MessageBar>}
      {state.done && <MessageBar intent="success"><MessageBarBody>{state.done}</MessageBarBody></MessageBar>}
      {pairs.data && pairs.data.pairs.length === 0 && <Caption1>{q || status ? strings.list.noMatch : s.none}</Caption1>}
      {pairs.data && pairs.data.pairs.length > 0 && (
        <MessageBar intent="info" layout="multiline"><MessageBarBody>{strings.withheld.perPair(LIMITS.insightsMinPairs)}</MessageBarBody></MessageBar>
      )}
      {fixes.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.fixes}</MessageBarTitle>
            <ul className={styles.reasons}>{fixes.map((fix) => <li key={fix}>{fix}</li>)}</ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <BulkBar selection={selection}>
        <Button size="small" disabled={state.busy} onClick={() => void changeSelected('paused', s.pause)}>{s.pause}</Button>
        <Button size="small" disabled={state.busy} onClick={() => void changeSelected('active', s.resume)}>{s.resume}</Button>
        <Button size="small" disabled={state.busy} onClick={() => setEndingSelected(true)}>{s.end}</Button>
      </BulkBar>
      {pairs.data && pairs.data.pairs.length > 0 && (
        <div className={styles.tableWrap}>
          <Table aria-label={strings.tabs.pairs} size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <SelectAllHeader selection={selection} />
                <TableHeaderCell>{s.pair}</TableHeaderCell><TableHeaderCell>{s.status}</TableHeaderCell>
                <TableHeaderCell>{s.sessions}</TableHeaderCell><TableHeaderCell>{s.activity}</TableHeaderCell>
                <TableHeaderCell>{s.delivery}</TableHeaderCell>
                <TableHeaderCell>{s.actions}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pairs.data.pairs.map((p) => {
                const label = (action: string) => s.actionFor(action, p.mentor.name, p.mentee.name);
                return (
                  <TableRow key={p.id}>
                    <SelectCell selection={selection} id={p.id} name={`${p.mentor.name} → ${p.mentee.name}`} />
                    <TableCell><Text weight="semibold">{p.mentor.name}</Text>{' → '}{p.mentee.name}</TableCell>
                    <TableCell>{s.statusLabel[p.status]}</TableCell>
                    <TableCell>{p.health.sessionsExpected}</TableCell>
                    <TableCell>{activityOf(p)}</TableCell>
                    <TableCell>{deliveryOf(p)}</TableCell>
                    <TableCell>
                      {p.status !== 'ended' && (
                        <div className={styles.row}>
                          {p.status === 'active'
                            ? <Button size="small" aria-label={label(s.pause)} disabled={state.busy} onClick={() => change(p, 'paused')}>{s.pause}</Button>
                            : <Button size="small" aria-label={label(s.resume)} disabled={state.busy} onClick={() => change(p, 'active')}>{s.resume}</Button>}
                          <Button size="small" aria-label={label(s.end)} disabled={state.busy} onClick={() => setEnding({ pair: p, thenRepair: false })}>{s.end}</Button>
                          <Button size="small" aria-label={label(s.repair)} disabled={state.busy} onClick={() => setEnding({ pair: p, thenRepair: true })}>{s.repair}</Button>
                        </div>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      <LoadMore list={list} />
      <Dialog open={Boolean(ending)} onOpenChange={(_, d) => !d.open && setEnding(undefined)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{ending ? label(ending.pair) : ''}</DialogTitle>
            <DialogContent>{s.endConfirm}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setEnding(undefined)}>{strings.cancel}</Button>
              <Button appearance="primary" onClick={async () => {
                const target = ending!;
                setEnding(undefined);
                if ((await change(target.pair, 'ended')) && target.thenRepair) onRepair();
              }}>{ending?.thenRepair ? s.repair : s.end}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <Dialog open={endingSelected} onOpenChange={(_, d) => !d.open && setEndingSelected(false)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{strings.bulk.endSelected(selection.selected.size)}</DialogTitle>
            <DialogContent>{s.endConfirm}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setEndingSelected(false)}>{strings.cancel}</Button>
              <Button appearance="primary" onClick={() => { setEndingSelected(false); void changeSelected('ended', s.end); }}>{s.end}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Section>
  );
}

const label = (pair: PairHealth) => s.actionFor(s.end, pair.mentor.name, pair.mentee.name);
