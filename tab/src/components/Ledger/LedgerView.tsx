// The two-way ledger of one pair: per goal, baseline → midpoint → end as its owner sees it and as the partner
// sees the owner, side by side, with the gap between the two views; and the viewer's own rating for the
// moment that is open now. Loaded on demand (its own chunk): the dashboard's first scripts do not grow.
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ApiClient } from '../../api/client';
import { ASSESSMENT_SCORE_MAX, ASSESSMENT_SCORE_MIN } from '../../../../bot/src/domain/model';
import type { Assessment, Goal, Ledger, Pair } from '../../api/types';
import { formatDate } from '../../format';
import { useResource } from '../../hooks/useResource';
import { strings } from '../../strings';
import { ProblemMessage } from '../ProblemMessage';
import { Section } from '../Section';
import { useConfirm } from '../Toasts/confirm';
import { ledgerStrings as s } from './strings';

type Moment = Ledger['moments'][number]['moment'];
const MOMENTS: Moment[] = ['baseline', 'midpoint', 'end'];
const WIDTHS = ['w1', 'w2', 'w3', 'w4', 'w5'] as const;
const MIN = ASSESSMENT_SCORE_MIN;
const MAX = ASSESSMENT_SCORE_MAX;
/** The rating form's choices, each a number in the page's digits; the scale's two ends say what they mean. */
const scoreChoices = () =>
  Array.from({ length: MAX - MIN + 1 }, (_, i) => {
    const n = MIN + i;
    return { value: String(n), label: n === MIN ? s.scoreFirst(n) : n === MAX ? s.scoreLast(n) : s.scoreValue(n) };
  });
/** Below this width of the ledger (the personal tab at 320 px, a side panel) each moment is a block of its own. */
const STACK_BELOW_PX = 520;

/** Whether the element is narrower than `px`: its own width (a column, a panel), not the window's. */
function useNarrow(ref: RefObject<HTMLElement | null>, px: number): boolean {
  const [narrow, setNarrow] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // A width of 0 is not laid out (or not measurable): keep the table.
    const measure = (width: number) => setNarrow(width > 0 && width < px);
    measure(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => entry && measure(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, px]);
  return narrow;
}

const useStyles = makeStyles({
  // A deep link's target: it stops a little below the window's top, and holds focus without drawing a ring
  // around the whole card (it is not a control; the controls inside show theirs).
  target: { scrollMarginTop: tokens.spacingVerticalL, ':focus': { outlineStyle: 'none' } },
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXL,
  },
  goal: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  text: { overflowWrap: 'anywhere' },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { minWidth: 0, width: '100%' },
  cell: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXS,
  },
  track: {
    height: '6px',
    width: '100%',
    maxWidth: '96px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    boxSizing: 'border-box',
    overflow: 'hidden',
  },
  barSelf: { height: '100%', backgroundColor: tokens.colorBrandBackground },
  barPartner: { height: '100%', backgroundColor: tokens.colorPaletteMarigoldBorderActive },
  w1: { width: '20%' },
  w2: { width: '40%' },
  w3: { width: '60%' },
  w4: { width: '80%' },
  w5: { width: '100%' },
  form: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  radios: { flexWrap: 'wrap' },
  // The narrow form: one block per moment, its two views and the gap each on a line of their own.
  moments: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  moment: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    borderTopWidth: tokens.strokeWidthThin,
    borderTopStyle: 'solid',
    borderTopColor: tokens.colorNeutralStroke2,
    minWidth: 0,
  },
  momentHeading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    margin: 0,
    overflowWrap: 'anywhere',
  },
  views: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  view: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  viewLabel: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  // Narrow columns (320 px): the gap's words wrap inside the badge.
  gap: { whiteSpace: 'normal', height: 'auto', minHeight: '20px', textAlign: 'start' },
});

export interface LedgerViewProps {
  api: ApiClient;
  pair: Pair;
  goals: Goal[];
  locale: string;
  /** Offered by the empty state: opens the goal form. */
  onAddGoal?: () => void;
  /** The deep link's section: `ledger` (the feed's "assessment due", the card's "Open the ledger") scrolls here once loaded. */
  section?: string;
}

export default function LedgerView({ api, pair, goals, locale, onAddGoal, section }: LedgerViewProps) {
  const scrollHere = section === 'ledger';
  const styles = useStyles();
  const toast = useConfirm();
  const ledger = useResource(() => api.get<Ledger>(`/api/pairs/${pair.id}/assessments`), [api, pair.id, goals.length]);
  const here = useRef<HTMLDivElement>(null);
  const shown = useRef(false);
  const loaded = ledger.data !== undefined;
  useEffect(() => {
    // Once, when the ratings are there; focus follows, so the keyboard and screen readers start at the ledger too.
    if (!scrollHere || !loaded || !here.current || shown.current) return;
    shown.current = true;
    here.current.scrollIntoView({ block: 'start' });
    here.current.focus({ preventScroll: true });
  }, [scrollHere, loaded]);
  const current = ledger.data?.current;
  const action = current ? (
    <Badge appearance="tint" color="brand">
      {s.current(s.moment[current])}
    </Badge>
  ) : undefined;
  const confirm = (moment: Moment) => {
    toast(s.saved, s.savedDetail(s.moment[moment]));
    ledger.reload();
  };
  return (
    <div ref={here} className={styles.target} {...(scrollHere ? { tabIndex: -1 } : {})}>
      <Section title={s.title} action={action}>
        <Caption1>{s.intro(MIN, MAX)}</Caption1>
        {ledger.loading && !ledger.data && <Spinner size="small" label={s.loading} />}
        {ledger.error && <ProblemMessage error={ledger.error} onRetry={ledger.reload} />}
        {ledger.data && goals.length === 0 && (
          <div className={styles.row}>
            <Body1>{s.noGoals}</Body1>
            {onAddGoal && pair.abilities.createGoal && <Button onClick={onAddGoal}>{s.addGoal}</Button>}
          </div>
        )}
        {ledger.data && goals.length > 0 && (
          <ul className={styles.list}>
            {goals.map((goal) => (
              <li key={goal.id}>
                <GoalLedger api={api} pair={pair} goal={goal} ledger={ledger.data!} locale={locale} onSaved={confirm} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function GoalLedger({
  api,
  pair,
  goal,
  ledger,
  locale,
  onSaved,
}: {
  api: ApiClient;
  pair: Pair;
  goal: Goal;
  ledger: Ledger;
  locale: string;
  onSaved: (m: Moment) => void;
}) {
  const styles = useStyles();
  const partner = pair.role === 'mentor' ? pair.mentee : pair.mentor;
  const mine = goal.owner === pair.role;
  const ratings = ledger.assessments.filter((a) => a.goalId === goal.id);
  const find = (perspective: 'self' | 'partner', moment: Moment) =>
    ratings.find((a) => a.perspective === perspective && a.moment === moment);
  const selfLabel = mine ? s.yourSelf : s.partnerSelf(partner.name);
  const partnerLabel = mine ? s.partnerAboutYou(partner.name) : s.youAboutPartner(partner.name);
  const ownerName = mine ? s.ownerYou : partner.name;
  const momentInfo = new Map(ledger.moments.map((m) => [m.moment, m]));
  const current = ledger.current;
  const myRating = ratings.find((a) => a.moment === current && a.perspective === (mine ? 'self' : 'partner'));
  const canRate = goal.abilities.assess === true;
  const box = useRef<HTMLDivElement>(null);
  const narrow = useNarrow(box, STACK_BELOW_PX);
  const caption = s.caption(goal.title, ownerName);
  // Each moment once, for either form: its own rating, the partner's, and whether it is still to open.
  const rows = MOMENTS.map((moment) => {
    const info = momentInfo.get(moment);
    return {
      moment,
      self: find('self', moment),
      other: find('partner', moment),
      opensOn: info && !info.open ? s.opensOn(formatDate(info.opensOn, locale)) : undefined,
    };
  });
  return (
    <div className={styles.goal} ref={box}>
      <div className={styles.header}>
        <Text weight="semibold" as="h3" className={styles.text}>
          {s.goalHeading(goal.title, mine ? 'self' : 'partner', partner.name)}
        </Text>
        <Badge appearance="outline">
          {goal.owner === 'mentor' ? strings.goals.ownerMentor : strings.goals.ownerMentee}
        </Badge>
        {goal.objective && <Caption1 className={styles.text}>{goal.objective}</Caption1>}
      </div>
      {narrow ? (
        <ul className={styles.moments} aria-label={caption}>
          {rows.map(({ moment, self, other, opensOn }) => (
            <li key={moment} className={styles.moment}>
              <Text as="h4" weight={moment === current ? 'semibold' : 'regular'} className={styles.momentHeading}>
                {s.moment[moment]}
                {opensOn && <Caption1>{opensOn}</Caption1>}
              </Text>
              <dl className={styles.views}>
                {(
                  [
                    [selfLabel, <Score rating={self} kind="self" />],
                    [partnerLabel, <Score rating={other} kind="partner" />],
                    [s.gapHeader, <Gap self={self?.score} partner={other?.score} />],
                  ] as const
                ).map(([label, value]) => (
                  <Fragment key={label}>
                    <dt className={styles.viewLabel}>
                      <Caption1>{label}</Caption1>
                    </dt>
                    <dd className={styles.view}>{value}</dd>
                  </Fragment>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <div className={styles.scroll}>
          <Table size="small" className={styles.table} aria-label={caption}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{s.momentHeader}</TableHeaderCell>
                <TableHeaderCell scope="col">{selfLabel}</TableHeaderCell>
                <TableHeaderCell scope="col">{partnerLabel}</TableHeaderCell>
                <TableHeaderCell scope="col">{s.gapHeader}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map(({ moment, self, other, opensOn }) => (
                <TableRow key={moment}>
                  <TableHeaderCell scope="row">
                    <div className={styles.cell}>
                      <Text weight={moment === current ? 'semibold' : 'regular'}>{s.moment[moment]}</Text>
                      {opensOn && <Caption1>{opensOn}</Caption1>}
                    </div>
                  </TableHeaderCell>
                  <TableCell>
                    <Score rating={self} kind="self" />
                  </TableCell>
                  <TableCell>
                    <Score rating={other} kind="partner" />
                  </TableCell>
                  <TableCell>
                    <Gap self={self?.score} partner={other?.score} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {canRate && (
        <RateForm
          key={`${current}-${myRating?.etag ?? 'new'}`}
          api={api}
          pairId={pair.id}
          goal={goal}
          moment={current}
          existing={myRating}
          question={mine ? s.rateSelf(goal.title) : s.ratePartner(goal.title, partner.name)}
          onSaved={onSaved}
        />
      )}
    </div>
  );
}

function Score({ rating, kind }: { rating?: Assessment; kind: 'self' | 'partner' }) {
  const styles = useStyles();
  if (!rating) return <Caption1>{s.notRated}</Caption1>;
  return (
    <div className={styles.cell}>
      <Text>{s.score(rating.score, MAX)}</Text>
      <div className={styles.track} aria-hidden="true">
        <div
          className={mergeClasses(
            kind === 'self' ? styles.barSelf : styles.barPartner,
            WIDTHS[rating.score - 1] ? styles[WIDTHS[rating.score - 1]!] : undefined,
          )}
        />
      </div>
      {rating.note && <Caption1 className={styles.text}>{s.noteLabel(rating.note)}</Caption1>}
    </div>
  );
}

function Gap({ self, partner }: { self?: number; partner?: number }) {
  const styles = useStyles();
  if (self === undefined || partner === undefined) return <Caption1>{s.gapNone}</Caption1>;
  const gap = self - partner;
  if (gap === 0)
    return (
      <Badge className={styles.gap} appearance="tint" color="success">
        {s.gapAgree}
      </Badge>
    );
  return (
    <Badge className={styles.gap} appearance="tint" color="warning">
      {gap > 0 ? s.gapHigher(gap) : s.gapLower(-gap)}
    </Badge>
  );
}

interface RateFormProps {
  api: ApiClient;
  pairId: string;
  goal: Goal;
  moment: Moment;
  existing?: Assessment;
  question: string;
  onSaved: (moment: Moment) => void;
}

function RateForm({ api, pairId, goal, moment, existing, question, onSaved }: RateFormProps) {
  const styles = useStyles();
  const [open, setOpen] = useState(!existing);
  const [score, setScore] = useState(existing ? String(existing.score) : '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error & { fieldErrors?: { field: string; message: string }[] }>();
  const [key] = useState(() => crypto.randomUUID());
  if (!open && existing) {
    return (
      <div className={styles.row}>
        <Caption1>{s.rated(s.moment[moment], existing.score, MAX)}</Caption1>
        {existing.abilities.update && (
          <Button size="small" onClick={() => setOpen(true)}>
            {s.change}
          </Button>
        )}
      </div>
    );
  }
  const fieldError = (field: string) => error?.fieldErrors?.find((f) => f.field === field)?.message;
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = note.trim();
      if (existing) {
        await api.send('PATCH', `/api/pairs/${pairId}/assessments/${existing.id}`, {
          body: { score: Number(score), note: trimmed === '' ? null : trimmed },
          ifMatch: existing.etag,
        });
      } else {
        await api.send('POST', `/api/pairs/${pairId}/goals/${goal.id}/assessments`, {
          body: { moment, score: Number(score), ...(trimmed ? { note: trimmed } : {}) },
          idempotencyKey: key,
        });
      }
      onSaved(moment);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className={styles.form}
      aria-label={s.rateTitle(s.moment[moment])}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Text weight="semibold">{s.rateTitle(s.moment[moment])}</Text>
      <Field
        label={`${question} ${s.scoreLabel(MIN, MAX)}`}
        required
        validationMessage={fieldError('score') ?? fieldError('moment')}
      >
        <RadioGroup layout="horizontal" className={styles.radios} value={score} onChange={(_, d) => setScore(d.value)}>
          {scoreChoices().map(({ value, label }) => (
            <Radio key={value} value={value} label={label} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={s.note} validationMessage={fieldError('note')}>
        <Input value={note} maxLength={280} onChange={(_, d) => setNote(d.value)} />
      </Field>
      {error && !error.fieldErrors?.length && <ProblemMessage error={error} />}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={score === '' || busy}>
          {s.save}
        </Button>
        {existing && <Button onClick={() => setOpen(false)}>{strings.cancel}</Button>}
      </div>
    </form>
  );
}
