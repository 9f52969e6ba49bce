// One pair before a session: next session and agenda, both sides' goals, commitments, takeaways, history.
import {
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircle20Filled, Circle20Regular } from '@fluentui/react-icons';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { PairDashboard as Dashboard } from '../../api/types';
import { Commitments } from '../../components/Commitments';
import { GoalList } from '../../components/GoalList';
import { NextSession } from '../../components/NextSession';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { SessionHistory } from '../../components/SessionHistory';
import { Takeaways } from '../../components/Takeaways';
import { useResource } from '../../hooks/useResource';
import { strings } from '../../strings';
import { withTexts } from '../../i18n/catalogue';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL, minWidth: 0 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  heading: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  agreement: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM },
  checklist: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  // Steps read as a to-do list, not as disabled controls: full-contrast text, a filled tick when done.
  step: {
    display: 'flex',
    alignItems: 'flex-start',
    columnGap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground1,
  },
  stepIcon: { flexShrink: 0, marginTop: '1px' },
  stepDone: { color: tokens.colorPaletteGreenForeground1 },
  stepOpen: { color: tokens.colorNeutralForeground3 },
});

function Agreement(props: {
  accepted: boolean;
  partnerName: string;
  partnerAccepted: boolean;
  canAccept: boolean;
  onAccept: () => Promise<void>;
}) {
  const styles = useStyles();
  const [error, setError] = useState<Error>();
  return (
    <div className={styles.agreement} role="group" aria-label={strings.checklist.agreementTitle}>
      <Text weight="semibold" as="h3">
        {strings.checklist.agreementTitle}
      </Text>
      <ul>
        {strings.checklist.agreementPoints.map((point) => (
          <li key={point}>
            <Body1>{point}</Body1>
          </li>
        ))}
      </ul>
      <div className={styles.row}>
        {props.accepted ? (
          <Badge appearance="tint" color="success">
            {strings.checklist.accepted}
          </Badge>
        ) : (
          props.canAccept && (
            <Button appearance="primary" onClick={() => props.onAccept().catch((e: Error) => setError(e))}>
              {strings.checklist.accept}
            </Button>
          )
        )}
        {!props.partnerAccepted && <Caption1>{strings.checklist.partnerPending(props.partnerName)}</Caption1>}
      </div>
      {error && <ProblemMessage error={error} />}
    </div>
  );
}

/** The first steps of a pair, each open or done; the section goes once every step is done. */
function Checklist({ steps }: { steps: { label: string; done: boolean }[] }) {
  const styles = useStyles();
  return (
    <>
      <Caption1>{strings.checklist.progress(steps.filter((step) => step.done).length, steps.length)}</Caption1>
      <ul className={styles.checklist}>
        {steps.map((step) => (
          <li key={step.label} className={styles.step}>
            {step.done ? (
              <CheckmarkCircle20Filled
                className={mergeClasses(styles.stepIcon, styles.stepDone)}
                role="img"
                aria-label={strings.checklist.stepDone}
              />
            ) : (
              <Circle20Regular
                className={mergeClasses(styles.stepIcon, styles.stepOpen)}
                role="img"
                aria-label={strings.checklist.stepOpen}
              />
            )}
            <Body1>{step.label}</Body1>
          </li>
        ))}
      </ul>
    </>
  );
}

// The ledger is its own chunk: the dashboard's first scripts stay within the budget.
const LedgerView = lazy(
  withTexts(['panels'], () => import('../../components/followThrough').then((m) => ({ default: m.LedgerView }))),
);
// Where every action's confirmation appears: in the same chunk.
const PairToaster = lazy(
  withTexts(['panels'], () => import('../../components/followThrough').then((m) => ({ default: m.PairToaster }))),
);

/** `version` changes when content changed elsewhere on the page (Your data deleted it): the dashboard reloads. */
export function PairDashboard({
  api,
  pairId,
  locale,
  section,
  version = 0,
}: {
  api: ApiClient;
  pairId: string;
  locale: string;
  /**
   * The part a deep link opens (`<pairId>:<section>`, the subPageId of notices and cards): `book` opens the booking
   * panel, `ledger` scrolls to the growth ledger; any other (`session`, `takeaways`) opens the dashboard at its top.
   */
  section?: string;
  version?: number;
}) {
  const styles = useStyles();
  const dashboard = useResource(() => api.get<Dashboard>(`/api/pairs/${pairId}`), [api, pairId, version]);
  const [addingGoal, setAddingGoal] = useState(false);
  if (dashboard.loading && !dashboard.data) return <Spinner label={strings.loading} />;
  if (!dashboard.data)
    return <ProblemMessage error={dashboard.error ?? new Error(strings.errors.title)} onRetry={dashboard.reload} />;
  const d = dashboard.data;
  const partner = d.pair.role === 'mentor' ? d.pair.mentee : d.pair.mentor;
  const refresh = dashboard.reload;
  const acknowledged = d.pair.confidentialityAcknowledged;
  const mine = d.pair.role ? acknowledged[d.pair.role] : true;
  const partners = d.pair.role === 'mentor' ? acknowledged.mentee : acknowledged.mentor;
  const steps = [
    { label: strings.checklist.meet, done: d.sessions.length > 0 || d.nextSession !== null },
    { label: strings.checklist.goals, done: d.goals.length > 0 },
    { label: strings.checklist.agenda, done: (d.nextSession?.agenda.length ?? 0) > 0 || d.sessions.length > 0 },
    { label: strings.checklist.agreement, done: mine },
  ];
  // Getting started is for a running pair with something left to do.
  const gettingStarted = d.pair.status !== 'ended' && steps.some((step) => !step.done);
  return (
    <div className={styles.page}>
      <div className={styles.heading}>
        <Title3 as="h1">{strings.dashboard.title(partner.name)}</Title3>
        {d.pair.role && <Caption1 as="p">{strings.dashboard.youAre(d.pair.role)}</Caption1>}
      </div>
      {dashboard.error && <ProblemMessage error={dashboard.error} onRetry={refresh} />}
      {d.pair.status === 'ended' && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>{strings.dashboard.readOnly}</MessageBarTitle>
            {strings.dashboard.ended}
          </MessageBarBody>
        </MessageBar>
      )}
      {gettingStarted && (
        <Section title={strings.checklist.title}>
          <Checklist steps={steps} />
          <Agreement
            accepted={mine}
            partnerName={partner.name}
            partnerAccepted={partners}
            canAccept={d.pair.abilities.acknowledge === true}
            onAccept={() => api.send('POST', `/api/pairs/${pairId}/acknowledgement`).then(refresh)}
          />
        </Section>
      )}
      <div className={styles.grid}>
        <NextSession
          api={api}
          pairId={pairId}
          partnerName={partner.name}
          people={[d.pair.mentor, d.pair.mentee]}
          session={d.nextSession}
          locale={locale}
          onChanged={refresh}
          canBook={d.pair.abilities.bookSession === true}
          openBooking={section === 'book'}
          goals={d.goals}
          ended={d.pair.status === 'ended'}
          {...(d.pair.role ? { viewerId: d.pair.role === 'mentor' ? d.pair.mentor.id : d.pair.mentee.id } : {})}
        />
        <GoalList
          api={api}
          pairId={pairId}
          programId={d.pair.programId}
          locale={locale}
          goals={d.goals}
          canAdd={d.pair.abilities.createGoal === true}
          onChanged={refresh}
          adding={addingGoal}
          onAddingChange={setAddingGoal}
        />
        <Commitments
          commitments={d.commitments}
          locale={locale}
          api={api}
          pairId={pairId}
          canAdd={d.pair.abilities.createCommitment === true}
          onChanged={refresh}
        />
        <Takeaways
          api={api}
          pairId={pairId}
          locale={locale}
          sessions={[...d.sessions, ...(d.nextSession ? [d.nextSession] : [])]}
          takeaways={d.takeaways}
          awaitingYou={d.awaitingYourConsent}
          onChanged={refresh}
        />
        <SessionHistory sessions={d.sessions} locale={locale} />
      </div>
      <Suspense fallback={null}>
        <PairToaster />
      </Suspense>
      <Suspense fallback={null}>
        <LedgerView
          key={version}
          api={api}
          pair={d.pair}
          goals={d.goals}
          locale={locale}
          onAddGoal={() => setAddingGoal(true)}
          section={section}
        />
      </Suspense>
    </div>
  );
}
