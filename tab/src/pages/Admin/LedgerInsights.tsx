// The two-way ledger in insights: mean change from baseline to end per side (executive goals, mentor goals)
// and per objective, as goal owners see themselves and as their partners see them. Each figure is withheld,
// with the reason, until five pairs contributed; a chart (baseline and end means) with a table beside it.
import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from '@fluentui/react-charts';
import { Section } from '../../components/Section';
import { useAdminStyles } from './Admin.styles';
import type { Insights } from './adminTypes';
import { strings } from './strings';
import { FigureView } from './Withheld';

const s = strings.insights;
type Ledger = Insights['ledger'];
type Change = Ledger['sides'][number]['self'];
interface Row { label: string; figure: Change }

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

function rowsOf(ledger: Ledger): { sides: Row[]; objectives: Row[] } {
  const views = ['self', 'partner'] as const;
  return {
    sides: ledger.sides.flatMap((side) => views.map((view) => ({ label: s.ledgerRow(s.ledgerSide[side.side]!, s.ledgerView[view]!), figure: side[view] }))),
    objectives: ledger.objectives.flatMap((o) => views.map((view) => ({ label: s.ledgerRow(o.objective ?? s.ledgerNoObjective, s.ledgerView[view]!), figure: o[view] }))),
  };
}

function LedgerTable({ title, rows, minimum }: { title: string; rows: Row[]; minimum: number }) {
  return (
    <Table aria-label={s.tableOf(title)} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{s.figure}</TableHeaderCell>
          <TableHeaderCell>{s.ledgerGoals}</TableHeaderCell>
          <TableHeaderCell>{s.ledgerBaseline}</TableHeaderCell>
          <TableHeaderCell>{s.ledgerEnd}</TableHeaderCell>
          <TableHeaderCell>{s.ledgerChange}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ label, figure }) => (
          <TableRow key={label}>
            <TableCell>{label}</TableCell>
            {figure.shown ? (
              <>
                <TableCell>{s.ledgerGoalsValue(figure.value.goals, figure.pairs)}</TableCell>
                <TableCell>{figure.value.meanBaseline}</TableCell>
                <TableCell>{figure.value.meanEnd}</TableCell>
                <TableCell>{signed(figure.value.meanChange)}</TableCell>
              </>
            ) : (
              <TableCell colSpan={4}><Caption1>{s.ledgerWithheld(minimum)}</Caption1></TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function LedgerChart({ title, rows }: { title: string; rows: Row[] }) {
  const styles = useAdminStyles();
  const data: GroupedVerticalBarChartData[] = rows.flatMap(({ label, figure }) => figure.shown ? [{
    name: label,
    series: [
      { key: `${label}-baseline`, data: figure.value.meanBaseline, legend: s.ledgerBaseline, color: tokens.colorNeutralForeground3 },
      { key: `${label}-end`, data: figure.value.meanEnd, legend: s.ledgerEnd, color: tokens.colorBrandBackground },
    ],
  }] : []);
  if (data.length === 0) return null;
  return (
    <div className={styles.chart}>
      <GroupedVerticalBarChart data={data} chartTitle={title} height={260} yMaxValue={5} barWidth={24} />
    </div>
  );
}

export function LedgerInsights({ ledger, minimum }: { ledger: Ledger; minimum: number }) {
  const { sides, objectives } = rowsOf(ledger);
  const anyShown = [...sides, ...objectives].some((r) => r.figure.shown);
  return (
    <Section title={s.ledger}>
      <Caption1>{s.ledgerHint}</Caption1>
      {/* Nothing to show yet: one notice with the reason, as every other figure says it. */}
      {!anyShown && <FigureView figure={{ shown: false, reason: '' }} minimum={minimum}>{() => null}</FigureView>}
      {anyShown && <>
      <LedgerChart title={s.ledgerBySide} rows={sides} />
      <LedgerTable title={s.ledgerBySide} rows={sides} minimum={minimum} />
      <LedgerChart title={s.ledgerByObjective} rows={objectives} />
      <LedgerTable title={s.ledgerByObjective} rows={objectives} minimum={minimum} />
      </>}
    </Section>
  );
}
