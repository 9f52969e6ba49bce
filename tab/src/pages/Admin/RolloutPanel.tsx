// "Make the app available to all participants": starts the server's rollout (proactive installation
// through Microsoft Graph, for everyone without the app), shows its progress while it runs and, after,
// every failure with what to do about it.
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { useResource } from '../../hooks/useResource';
import { useAdminStyles } from './Admin.styles';
import type { Program } from './adminTypes';
import { rolloutStrings as s } from './rolloutStrings';
import { strings } from './strings';

type Reason = keyof typeof s.reasons;

/** GET /api/programs/:programId/rollout */
export interface RolloutState {
  available: boolean;
  unavailable?: { reason: Reason; fix: string };
  withoutApp?: number;
  rollout?: {
    status: 'running' | 'finished' | 'interrupted';
    startedAt: string;
    finishedAt?: string;
    total: number;
    installed: number;
    alreadyHad: number;
    failed: number;
    pending: number;
    problem?: { reason: Reason; fix: string };
    failures: { userId: string; name: string; reason: Reason; fix: string }[];
  };
}

/** How often a running rollout's progress is read. */
export const ROLLOUT_POLL_MS = 2000;

export function RolloutPanel({ api, program, locale }: { api: ApiClient; program: Program; locale: string }) {
  const styles = useAdminStyles();
  const path = `/api/programs/${program.id}/rollout`;
  const state = useResource(() => api.get<RolloutState>(path), [api, path]);
  const [starting, setStarting] = useState<{ busy: boolean; error?: Error }>({ busy: false });
  const run = state.data?.rollout;
  const running = run?.status === 'running';

  // Progress is read while the run goes on; the timer stops as soon as it has finished.
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(state.reload, ROLLOUT_POLL_MS);
    return () => clearTimeout(timer);
  }, [running, state.data, state.reload]);

  async function start() {
    setStarting({ busy: true });
    try {
      await api.send<RolloutState>('POST', path);
      setStarting({ busy: false });
    } catch (error) {
      setStarting({ busy: false, error: error as Error });
    }
    state.reload();
  }

  if (state.loading && !state.data) return <Spinner label={strings.loading} />;
  if (state.error && !state.data) return <ProblemMessage error={state.error} onRetry={state.reload} />;
  const data = state.data!;

  return (
    <Section title={s.title}>
      <Text>{s.intro}</Text>
      {data.unavailable && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.unavailable}</MessageBarTitle>
            {data.unavailable.fix}
          </MessageBarBody>
        </MessageBar>
      )}
      {data.withoutApp !== undefined && (
        <div>
          <Text weight="semibold" block>
            {s.withoutApp(data.withoutApp)}
          </Text>
          <Caption1>{s.withoutAppHint}</Caption1>
        </div>
      )}
      {starting.error && <ProblemMessage error={starting.error} />}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!data.available || running || starting.busy} onClick={start}>
          {starting.busy ? s.starting : run && !running ? s.startAgain : s.start}
        </Button>
      </div>

      {run && <RunOutcome run={run} locale={locale} />}
      {run && run.failures.length > 0 && <Failures failures={run.failures} />}
    </Section>
  );
}

type Run = NonNullable<RolloutState['rollout']>;

/** How the run goes or went: its progress while it runs, then how it ended and with what counts. */
function RunOutcome({ run, locale }: { run: Run; locale: string }) {
  const styles = useAdminStyles();
  const done = run.total - run.pending;
  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      {run.status === 'running' && (
        <div role="status" aria-live="polite" className={styles.panel}>
          <Text weight="semibold">{s.running}</Text>
          <ProgressBar
            value={run.total ? done / run.total : 0}
            thickness="large"
            aria-label={s.progress(done, run.total)}
          />
          <Caption1>{`${s.progress(done, run.total)} · ${s.counts(run.installed, run.alreadyHad, run.failed)}`}</Caption1>
        </div>
      )}
      {run.status === 'interrupted' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.interrupted}</MessageBarTitle>
            {`${s.interruptedDetail} ${s.counts(run.installed, run.alreadyHad, run.failed)}.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {run.status === 'finished' && run.problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{`${s.stopped}: ${s.reasons[run.problem.reason]}`}</MessageBarTitle>
            {run.problem.fix}
          </MessageBarBody>
        </MessageBar>
      )}
      {run.status === 'finished' && !run.problem && (
        <MessageBar intent={run.failed ? 'warning' : 'success'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.finished}</MessageBarTitle>
            {`${s.counts(run.installed, run.alreadyHad, run.failed)}. ${run.finishedAt ? s.finishedAt(when(run.finishedAt)) : ''}`}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** Everyone the app could not be installed for, with the reason and its fix. */
function Failures({ failures }: { failures: Run['failures'] }) {
  const styles = useAdminStyles();
  return (
    <div className={styles.tableWrap}>
      <Table aria-label={s.failures} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{s.name}</TableHeaderCell>
            <TableHeaderCell>{s.reason}</TableHeaderCell>
            <TableHeaderCell>{s.fix}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {failures.map((f) => (
            <TableRow key={f.userId}>
              <TableCell>{f.name}</TableCell>
              <TableCell>{s.reasons[f.reason] ?? f.reason}</TableCell>
              <TableCell>{f.fix}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
