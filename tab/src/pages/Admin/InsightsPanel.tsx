// Programme insights: aggregates only; each figure is withheld, with the reason, until five pairs contributed to it. Each chart
// (@fluentui/react-charts, coloured with Fluent tokens so it follows the theme) has a table beside it.
import {
  Button,
  Caption1,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { VerticalBarChart, type VerticalBarChartDataPoint } from '@fluentui/react-charts';
import { useState } from 'react';
import { FEEDBACK_RATING_MAX } from '../../../../bot/src/domain/model';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { allPages, listQuery } from '../../hooks/usePagedList';
import { useResource } from '../../hooks/useResource';
import { useAdminStyles } from './Admin.styles';
import type { CsvFile, DeliveryPerson, Figure, Insights, Program } from './adminTypes';
import { LedgerInsights } from './LedgerInsights';
import { Basis, FigureView } from './Withheld';
import { strings } from './strings';

const s = strings.insights;
const BAR_COLOURS = [
  tokens.colorBrandBackground,
  tokens.colorPaletteGreenBorderActive,
  tokens.colorPaletteMarigoldBorderActive,
  tokens.colorPaletteBerryBorderActive,
];

function FigureTable({ title, rows }: { title: string; rows: [string, string | number][] }) {
  return (
    <Table aria-label={s.tableOf(title)} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{s.figure}</TableHeaderCell>
          <TableHeaderCell>{s.value}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(([figure, value]) => (
          <TableRow key={figure}>
            <TableCell>{figure}</TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function BarChart({ title, rows }: { title: string; rows: [string, number][] }) {
  const styles = useAdminStyles();
  const data: VerticalBarChartDataPoint[] = rows.map(([x, y], i) => ({
    x,
    y,
    legend: x,
    color: BAR_COLOURS[i % BAR_COLOURS.length]!,
  }));
  return (
    <div className={styles.chart}>
      <VerticalBarChart data={data} chartTitle={title} height={240} hideLegend barWidth={40} />
    </div>
  );
}

/** A figure as a bar chart with its table, or withheld with the reason. */
function ChartFigure<T>({
  title,
  figure,
  minimum,
  rows,
}: {
  title: string;
  figure: Figure<T>;
  minimum: number;
  rows: (value: T) => [string, number][];
}) {
  return (
    <Section title={title}>
      <FigureView figure={figure} minimum={minimum}>
        {(value, pairs) => (
          <>
            <Basis pairs={pairs} />
            <BarChart title={title} rows={rows(value)} />
            <FigureTable title={title} rows={rows(value)} />
          </>
        )}
      </FigureView>
    </Section>
  );
}

export function InsightsPanel({ api, program }: { api: ApiClient; program: Program }) {
  const styles = useAdminStyles();
  const insights = useResource(() => api.get<Insights>(`/api/programs/${program.id}/insights`), [api, program.id]);
  // Reachable of all participants: every page of the delivery report (a count over the programme).
  const delivery = useResource(
    () =>
      allPages(async (cursor) => {
        const page = await api.get<{ people: DeliveryPerson[]; nextCursor?: string }>(
          `/api/programs/${program.id}/delivery${listQuery({ limit: 200 }, cursor)}`,
        );
        return { items: page.people, nextCursor: page.nextCursor };
      }).then(
        (people) => ({ people }),
        () => undefined,
      ),
    [api, program.id],
  );
  const [exportError, setExportError] = useState<Error>();

  async function exportCsv() {
    try {
      download(await api.get<CsvFile>(`/api/programs/${program.id}/insights/export`));
    } catch (error) {
      setExportError(error as Error);
    }
  }

  if (insights.loading && !insights.data) return <Spinner label={strings.loading} />;
  if (insights.error) return <ProblemMessage error={insights.error} onRetry={insights.reload} />;
  const i = insights.data!;
  const min = i.minimumPairs;
  const people = delivery.data?.people ?? [];

  return (
    <>
      {exportError && <ProblemMessage error={exportError} />}
      <div className={styles.bar}>
        <FigureView figure={i.pairs} minimum={min}>
          {(p) => <Text>{s.pairsValue(i.pairCount, p.active, p.paused, p.ended)}</Text>}
        </FigureView>
        <Button onClick={exportCsv}>{s.export}</Button>
      </div>
      <div className={styles.cards}>
        <ChartFigure
          title={s.sessions}
          figure={i.sessions}
          minimum={min}
          rows={(v) => [
            [s.planned, v.planned],
            [s.held, v.held],
            [s.cancelled, v.cancelled],
          ]}
        />
        <ChartFigure
          title={s.goals}
          figure={i.goals}
          minimum={min}
          rows={(v) => v.progress.map((b) => [s.goalBucket(b.from, b.to), b.goals])}
        />
        <ChartFigure
          title={s.commitments}
          figure={i.commitments}
          minimum={min}
          rows={(v) => [
            [s.made, v.made],
            [s.kept, v.kept],
            [s.open, v.open],
          ]}
        />
        <Section title={s.cadence}>
          <FigureView figure={i.cadence} minimum={min}>
            {(v, pairs) => (
              <>
                <Basis pairs={pairs} />
                <Text>{s.cadenceValue(v.onCadence, v.pairsDue, v.percent)}</Text>
              </>
            )}
          </FigureView>
        </Section>
        <Section title={s.feedback}>
          <FigureView figure={i.feedback} minimum={min}>
            {(v, pairs) => (
              <>
                <Basis pairs={pairs} />
                <Text>{s.feedbackValue(v.responses, v.averageRating, FEEDBACK_RATING_MAX)}</Text>
              </>
            )}
          </FigureView>
        </Section>
        <Section title={s.reminders}>
          <Text>
            {people.length
              ? s.remindersValue(people.filter((p) => p.reachable).length, people.length)
              : s.remindersUnknown}
          </Text>
        </Section>
      </div>
      <LedgerInsights ledger={i.ledger} minimum={min} />
      <Section title={s.learnings}>
        <Caption1>{s.learningsHint}</Caption1>
        <FigureView
          figure={i.learnings}
          minimum={min}
          {...(program.programLearningsEnabled ? {} : { reason: strings.withheld.learningsOff })}
        >
          {(learnings) =>
            learnings.length === 0 ? (
              <Caption1>{s.noLearnings}</Caption1>
            ) : (
              <ul className={styles.reasons}>
                {learnings.map((l, n) => (
                  <li key={n}>
                    <Text>{l.text}</Text> <Caption1>{l.sharedOn}</Caption1>
                  </li>
                ))}
              </ul>
            )
          }
        </FigureView>
      </Section>
    </>
  );
}

/** Offers a CSV the server built as a file download. */
export function download({ filename, csv }: CsvFile): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
