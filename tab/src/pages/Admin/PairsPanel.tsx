// Pairs with their health (sessions held vs cadence, last session, goal progress) and reminder delivery
// (from the bot's delivery report); pause, resume, end (with a confirmation) and re-pair.
import {
  Badge, Button, Caption1, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody,
  Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError, type ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { useResource } from '../../hooks/useResource';
import { useAdminStyles } from './Admin.styles';
import type { DeliveryPerson, PairHealth, PairStatus, Program } from './adminTypes';
import { strings } from './strings';

const s = strings.pairs;

export function PairsPanel({ api, program, locale, onRepair }: { api: ApiClient; program: Program; locale: string; onRepair: () => void }) {
  const styles = useAdminStyles();
  const pairs = useResource(() => api.get<{ pairs: PairHealth[] }>(`/api/programs/${program.id}/pairs`), [api, program.id]);
  // Delivery health comes from the bot's report; without it the column says so.
  const delivery = useResource(
    () => api.get<{ people: DeliveryPerson[] }>(`/api/programs/${program.id}/delivery`).catch(() => ({ people: [] as DeliveryPerson[] })),
    [api, program.id],
  );
  const [state, setState] = useState<{ error?: Error; message?: string; busy?: boolean }>({});
  const [ending, setEnding] = useState<{ pair: PairHealth; thenRepair: boolean }>();

  async function change(pair: PairHealth, status: PairStatus): Promise<boolean> {
    setState({ busy: true });
    try {
      await api.send('PATCH', `/api/programs/${program.id}/pairs/${pair.id}`, { ifMatch: pair.etag, body: { status } });
      setState({});
      pairs.reload();
      return true;
    } catch (error) {
      setState(error instanceof ApiError && error.status === 412 ? { message: s.changed } : { error: error as Error });
      pairs.reload();
      return false;
    }
  }

  const deliveryOf = (pair: PairHealth) => {
    const people = [pair.mentor, pair.mentee].map((m) => delivery.data?.people.find((d) => d.userId === m.id));
    if (people.every((p) => !p)) return <Caption1>{s.deliveryUnknown}</Caption1>;
    const unreachable = people.filter((p): p is DeliveryPerson => Boolean(p && !p.reachable));
    if (unreachable.length === 0) return <Badge appearance="tint" color="success">{s.reachable}</Badge>;
    return (
      <>{unreachable.map((p) => (
        <div key={p.userId}>
          <Badge appearance="tint" color="danger">{s.unreachable(p.name)}</Badge>
          {p.lastFailure && <Caption1 as="p">{`${p.lastFailure.reason} ${p.lastFailure.fix}`}</Caption1>}
        </div>
      ))}</>
    );
  };
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : s.never);

  return (
    <Section title={strings.tabs.pairs}>
      {pairs.loading && !pairs.data && <Spinner label={strings.loading} />}
      {pairs.error && <ProblemMessage error={pairs.error} onRetry={pairs.reload} />}
      {state.error && <ProblemMessage error={state.error} />}
      {state.message && <MessageBar intent="warning"><MessageBarBody>{state.message}</MessageBarBody></MessageBar>}
      {pairs.data && pairs.data.pairs.length === 0 && <Caption1>{s.none}</Caption1>}
      {pairs.data && pairs.data.pairs.length > 0 && (
        <div className={styles.tableWrap}>
          <Table aria-label={strings.tabs.pairs} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.pair}</TableHeaderCell><TableHeaderCell>{s.status}</TableHeaderCell>
                <TableHeaderCell>{s.sessions}</TableHeaderCell><TableHeaderCell>{s.lastSession}</TableHeaderCell>
                <TableHeaderCell>{s.goals}</TableHeaderCell><TableHeaderCell>{s.delivery}</TableHeaderCell>
                <TableHeaderCell>{s.actions}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pairs.data.pairs.map((p) => {
                const label = (action: string) => s.actionFor(action, p.mentor.name, p.mentee.name);
                return (
                  <TableRow key={p.id}>
                    <TableCell><Text weight="semibold">{p.mentor.name}</Text>{' → '}{p.mentee.name}</TableCell>
                    <TableCell>{s.statusLabel[p.status]}</TableCell>
                    <TableCell>
                      {`${p.health.sessionsHeld} / ${p.health.sessionsExpected} `}
                      {p.status !== 'ended' && (
                        <Badge appearance="tint" color={p.health.onCadence ? 'success' : 'warning'}>{p.health.onCadence ? s.onCadence : s.behind}</Badge>
                      )}
                    </TableCell>
                    <TableCell>{date(p.health.lastSessionAt)}</TableCell>
                    <TableCell>{p.health.goalProgressAverage === null ? s.noGoals : `${p.health.goalProgressAverage} % (${p.health.goals})`}</TableCell>
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
    </Section>
  );
}

const label = (pair: PairHealth) => s.actionFor(s.end, pair.mentor.name, pair.mentee.name);
