// The two-way ledger in insights: mean change from baseline to end per side (executive goals, mentor goals)
// and per objective, as goal owners see themselves and as their partners see them. Each figure is withheld,
// with the reason, until five pairs contributed; a chart (baseline and end means) with a table beside it.
import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from '@fluentui/react-charts';
import { ASSESSMENT_SCORE_MAX, ASSESSMENT_SCORE_MIN } from '../../../../bot/src/domain/model';
import { Section } from '../../components/Section';
import { useAdminStyles } from './Admin.styles';
import type { Insights } from './adminTypes';
import { strings } from './strings';
import { FigureView } from './Withheld';

const s = strings.insights;
type Ledger = Insights['ledger'];
type Change = Ledger['sides'][number]['self'];
interface Row {
  label: string;
  figure: Change;
}
/** A chart group: one side or objective, its two views. */
interface Group {
  label: string;
  self: Change;
  partner: Change;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

const views = ['self', 'partner'] as const;
const rowsOfGroups = (groups: Group[]): Row[] =>
  groups.flatMap((g) => views.map((view) => ({ label: s.ledgerRow(g.label, s.ledgerView[view]!), figure: g[view] })));

function groupsOf(ledger: Ledger): { sides: Group[]; objectives: Group[] } {
  return {
    sides: ledger.sides.map((side) => ({ label: s.ledgerSide[side.side]!, self: side.self, partner: side.partner })),
    objectives: ledger.objectives.map((o) => ({
      label: o.objective ?? s.ledgerNoObjective,
      self: o.self,
      partner: o.partner,
    })),
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
              <TableCell colSpan={4}>
                <Caption1>{s.ledgerWithheld(minimum)}</Caption1>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

// Four colours that stay visible in every Teams theme (high contrast included, as the other insights charts):
// the end bars in the pair ledger's colours (brand for self, marigold for partner), the starts beside them.
const COLOURS = {
  self: [tokens.colorPaletteBerryBorderActive, tokens.colorBrandBackground],
  partner: [tokens.colorPaletteGreenBorderActive, tokens.colorPaletteMarigoldBorderActive],
} as const;

/** One group per side or objective; per view two bars, the mean at baseline and at the end. */
function LedgerChart({ title, groups }: { title: string; groups: Group[] }) {
  const styles = useAdminStyles();
  const data: GroupedVerticalBarChartData[] = groups.flatMap((g) => {
    const series = views.flatMap((view) => {
      const f = g[view];
      return f.shown
        ? [
            {
              key: `${g.label}-${view}-baseline`,
              data: f.value.meanBaseline,
              legend: s.ledgerSeries[view]!.baseline!,
              color: COLOURS[view][0],
            },
            {
              key: `${g.label}-${view}-end`,
              data: f.value.meanEnd,
              legend: s.ledgerSeries[view]!.end!,
              color: COLOURS[view][1],
            },
          ]
        : [];
    });
    return series.length ? [{ name: g.label, series }] : [];
  });
  if (data.length === 0) return null;
  return (
    <div className={styles.chart}>
      <GroupedVerticalBarChart data={data} chartTitle={title} height={260} yMaxValue={5} barWidth={24} />
    </div>
  );
}

export function LedgerInsights({ ledger, minimum }: { ledger: Ledger; minimum: number }) {
  const { sides, objectives } = groupsOf(ledger);
  const anyShown = [...rowsOfGroups(sides), ...rowsOfGroups(objectives)].some((r) => r.figure.shown);
  return (
    <Section title={s.ledger}>
      <Caption1>{s.ledgerHint(ASSESSMENT_SCORE_MIN, ASSESSMENT_SCORE_MAX)}</Caption1>
      {/* Nothing to show yet: one notice with the reason, as every other figure says it. */}
      {!anyShown && (
        <FigureView figure={{ shown: false, reason: '' }} minimum={minimum}>
          {() => null}
        </FigureView>
      )}
      {anyShown && (
        <>
          <LedgerChart title={s.ledgerBySide} groups={sides} />
          <LedgerTable title={s.ledgerBySide} rows={rowsOfGroups(sides)} minimum={minimum} />
          <LedgerChart title={s.ledgerByObjective} groups={objectives} />
          <LedgerTable title={s.ledgerByObjective} rows={rowsOfGroups(objectives)} minimum={minimum} />
        </>
      )}
    </Section>
  );
}
