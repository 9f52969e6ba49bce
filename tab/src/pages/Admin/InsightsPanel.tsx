// Programme insights: aggregates only, withheld below the minimum number of pairs. Each chart
// (@fluentui/react-charts, coloured with Fluent tokens so it follows the theme) has a table beside it.
import {
  Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Table, TableBody, TableCell, TableHeader,
  TableHeaderCell, TableRow, Text, tokens,
} from '@fluentui/react-components';
import { VerticalBarChart, type VerticalBarChartDataPoint } from '@fluentui/react-charts';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { useResource } from '../../hooks/useResource';
import { useAdminStyles } from './Admin.styles';
import type { DeliveryPerson, Insights, Program } from './adminTypes';
import { strings } from './strings';

const s = strings.insights;
const BAR_COLOURS = [tokens.colorBrandBackground, tokens.colorPaletteGreenBorderActive, tokens.colorPaletteMarigoldBorderActive, tokens.colorPaletteBerryBorderActive];

function FigureTable({ title, rows }: { title: string; rows: [string, string | number][] }) {
  return (
    <Table aria-label={s.tableOf(title)} size="small">
      <TableHeader><TableRow><TableHeaderCell>{s.figure}</TableHeaderCell><TableHeaderCell>{s.value}</TableHeaderCell></TableRow></TableHeader>
      <TableBody>{rows.map(([figure, value]) => <TableRow key={figure}><TableCell>{figure}</TableCell><TableCell>{value}</TableCell></TableRow>)}</TableBody>
    </Table>
  );
}

function BarChart({ title, rows }: { title: string; rows: [string, number][] }) {
  const styles = useAdminStyles();
  const data: VerticalBarChartDataPoint[] = rows.map(([x, y], i) => ({ x, y, legend: x, color: BAR_COLOURS[i % BAR_COLOURS.length]! }));
  return (
    <div className={styles.chart}>
      <VerticalBarChart data={data} chartTitle={title} height={240} hideLegend barWidth={40} />
    </div>
  );
}

export function InsightsPanel({ api, program }: { api: ApiClient; program: Program }) {
  const styles = useAdminStyles();
  const insights = useResource(() => api.get<Insights>(`/api/programs/${program.id}/insights`), [api, program.id]);
  const delivery = useResource(
    () => api.get<{ people: DeliveryPerson[] }>(`/api/programs/${program.id}/delivery`).catch(() => undefined),
    [api, program.id],
  );
  const [exportError, setExportError] = useState<Error>();

  async function exportCsv() {
    try {
      const { filename, csv } = await api.get<{ filename: string; csv: string }>(`/api/programs/${program.id}/insights/export`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      link.download = filename;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setExportError(error as Error);
    }
  }

  if (insights.loading && !insights.data) return <Spinner label={strings.loading} />;
  if (insights.error) return <ProblemMessage error={insights.error} onRetry={insights.reload} />;
  const i = insights.data!;
  const exportButton = <Button onClick={exportCsv}>{s.export}</Button>;
  if (i.suppressed) {
    return (
      <>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody><MessageBarTitle>{s.suppressed}</MessageBarTitle>{i.reason}</MessageBarBody>
        </MessageBar>
        <div>{exportButton}</div>
      </>
    );
  }
  const people = delivery.data?.people ?? [];
  const sessions: [string, number][] = [[s.planned, i.sessions.planned], [s.held, i.sessions.held], [s.expected, i.sessions.expectedByCadence], [s.cancelled, i.sessions.cancelled]];
  const goals: [string, number][] = i.goals.progress.map((b) => [s.goalBucket(b.from, b.to), b.goals]);
  const commitments: [string, number][] = [[s.made, i.commitments.made], [s.kept, i.commitments.kept], [s.open, i.commitments.open]];

  return (
    <>
      {exportError && <ProblemMessage error={exportError} />}
      <div className={styles.bar}>
        <Text>{`${s.pairs}: ${i.pairCount} (${strings.pairs.statusLabel.active} ${i.pairs.active}, ${strings.pairs.statusLabel.paused} ${i.pairs.paused}, ${strings.pairs.statusLabel.ended} ${i.pairs.ended})`}</Text>
        {exportButton}
      </div>
      <div className={styles.cards}>
        <Section title={s.sessions}><BarChart title={s.sessions} rows={sessions} /><FigureTable title={s.sessions} rows={sessions} /></Section>
        <Section title={s.goals}><BarChart title={s.goals} rows={goals} /><FigureTable title={s.goals} rows={goals} /></Section>
        <Section title={s.commitments}><BarChart title={s.commitments} rows={commitments} /><FigureTable title={s.commitments} rows={commitments} /></Section>
        <Section title={s.cadence}><Text>{s.cadenceValue(i.cadence.onCadence, i.cadence.pairsDue, i.cadence.percent)}</Text></Section>
        <Section title={s.feedback}><Text>{s.feedbackValue(i.feedback.responses, i.feedback.averageRating)}</Text></Section>
        <Section title={s.reminders}>
          <Text>{people.length ? s.remindersValue(people.filter((p) => p.reachable).length, people.length) : s.remindersUnknown}</Text>
        </Section>
      </div>
      <Section title={s.learnings}>
        <Caption1>{s.learningsHint}</Caption1>
        {i.learnings.length === 0 ? <Caption1>{s.noLearnings}</Caption1> : (
          <ul className={styles.reasons}>{i.learnings.map((l, n) => <li key={n}><Text>{l.text}</Text> <Caption1>{l.sharedOn}</Caption1></li>)}</ul>
        )}
      </Section>
    </>
  );
}
