// The side panel during the session (320 px beside the video): confidential mode, a coaching tip, the
// agenda with timers, notes, takeaways and commitments. The partner's changes arrive by polling.
import { Body1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { PairDashboard, Session } from '../../api/types';
import type { Host } from '../../teams/host';
import { shareToStage as shareAppContentToStage } from '../../teams/meetingHost';
import { AgendaChecklist } from './AgendaChecklist';
import { CoachingTip } from './CoachingTip';
import { myId, partnerOf } from './meetingData';
import { OffTheRecord } from './OffTheRecord';
import { PanelGoals } from './PanelGoals';
import { SessionCommitments } from './SessionCommitments';
import { SessionNotes } from './SessionNotes';
import { SessionTakeaways } from './SessionTakeaways';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalS,
    minWidth: 0,
    maxWidth: '100%',
    boxSizing: 'border-box',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  confidentialOn: {
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
});

interface Props {
  api: ApiClient;
  host: Host;
  dashboard: PairDashboard;
  session?: Session;
  refresh: () => Promise<unknown>;
}

/** The stage URL: this surface in large type; Teams opens it with frameContext meetingStage. */
function stageUrl(locale: string): string {
  return `${window.location.origin}/tab/meeting?locale=${encodeURIComponent(locale)}&view=meetingStage`;
}

export function SidePanel({ api, host, dashboard, session, refresh }: Props) {
  const styles = useStyles();
  const [confidential, setConfidential] = useState(false);
  const [offRecord, setOffRecord] = useState({ text: '', withheld: false });
  const [notesRevision, setNotesRevision] = useState(0);
  // Text the notes took back when the mode began joins the pad (in memory only).
  const withhold = useCallback(
    (text: string) => setOffRecord((o) => ({ text: o.text ? `${o.text}\n${text}` : text, withheld: true })),
    [],
  );
  const me = myId(dashboard);
  const partner = partnerOf(dashboard);
  const role = dashboard.pair.role ?? 'mentor';
  const active = dashboard.pair.status !== 'ended';
  // Only Teams has a stage; in a plain browser there is nothing to share to.
  const shareToStage = host.kind === 'teams' ? () => shareAppContentToStage(stageUrl(host.locale)) : undefined;

  return (
    <main className={styles.panel} aria-label={s.panelTitle(partner.name)}>
      <div className={confidential ? `${styles.header} ${styles.confidentialOn}` : styles.header}>
        <Title3 as="h1">{s.panelTitle(partner.name)}</Title3>
        <OffTheRecord
          api={api}
          on={confidential}
          setOn={setConfidential}
          text={offRecord.text}
          withheld={offRecord.withheld}
          setText={(text) => setOffRecord((o) => ({ text, withheld: o.withheld && text !== '' }))}
          onKept={() => setNotesRevision((n) => n + 1)}
          {...(session ? { notesPath: `/api/pairs/${dashboard.pair.id}/sessions/${session.id}/notes` } : {})}
        />
      </div>
      <CoachingTip role={role} />
      <PanelGoals
        goals={dashboard.goals}
        {...(active && !confidential && dashboard.pair.abilities.createGoal === true
          ? {
              adding: {
                api,
                pairId: dashboard.pair.id,
                programId: dashboard.pair.programId,
                onAdded: refresh,
              },
            }
          : {})}
      />
      {!session ? (
        <Body1>{s.noSession}</Body1>
      ) : (
        <>
          <AgendaChecklist
            api={api}
            pairId={dashboard.pair.id}
            session={session}
            readOnly={confidential}
            refresh={refresh}
            people={[dashboard.pair.mentor, dashboard.pair.mentee]}
            me={me}
            goals={dashboard.goals}
            {...(shareToStage ? { onShareToStage: shareToStage } : {})}
          />
          <SessionNotes
            api={api}
            pairId={dashboard.pair.id}
            sessionId={session.id}
            me={me}
            partnerName={partner.name}
            confidential={confidential}
            onWithheld={withhold}
            revision={notesRevision}
            readOnly={!active}
          />
          <SessionTakeaways
            api={api}
            pairId={dashboard.pair.id}
            sessionId={session.id}
            me={me}
            takeaways={dashboard.takeaways}
            awaitingYou={dashboard.awaitingYourConsent}
            canWrite={session.abilities.createTakeaway === true}
            confidential={confidential}
            refresh={refresh}
          />
          <SessionCommitments
            api={api}
            pairId={dashboard.pair.id}
            sessionId={session.id}
            commitments={dashboard.commitments}
            canWrite={dashboard.pair.abilities.createCommitment === true && !confidential}
            locale={host.locale}
            refresh={refresh}
          />
        </>
      )}
    </main>
  );
}
