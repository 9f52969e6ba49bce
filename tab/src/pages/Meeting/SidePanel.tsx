// The side panel during the session (320 px beside the video): confidential mode, a coaching tip, the
// agenda with timers, notes, takeaways and commitments. The partner's changes arrive by polling.
import { Body1, MessageBar, MessageBarBody, Switch, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { PairDashboard, Session } from '../../api/types';
import type { Host } from '../../teams/host';
import { shareToStage as shareAppContentToStage } from '../../teams/meetingHost';
import { AgendaChecklist } from './AgendaChecklist';
import { CoachingTip } from './CoachingTip';
import { myId, partnerOf } from './meetingData';
import { SessionCommitments } from './SessionCommitments';
import { SessionNotes } from './SessionNotes';
import { SessionTakeaways } from './SessionTakeaways';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  panel: {
    display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalS,
    minWidth: 0, maxWidth: '100%', boxSizing: 'border-box',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  confidentialOn: { borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteDarkOrangeBorder2}`, paddingLeft: tokens.spacingHorizontalS },
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
        <Switch checked={confidential} label={s.confidential.toggle} onChange={(_, d) => setConfidential(d.checked)} />
        {confidential ? (
          <MessageBar intent="warning" layout="multiline"><MessageBarBody>{s.confidential.on}</MessageBarBody></MessageBar>
        ) : null}
      </div>
      <CoachingTip role={role} />
      {!session ? <Body1>{s.noSession}</Body1> : (
        <>
          <AgendaChecklist api={api} pairId={dashboard.pair.id} session={session} readOnly={confidential} refresh={refresh}
            {...(shareToStage ? { onShareToStage: shareToStage } : {})} />
          <SessionNotes api={api} pairId={dashboard.pair.id} sessionId={session.id} me={me} partnerName={partner.name}
            confidential={confidential} readOnly={!active} />
          <SessionTakeaways api={api} pairId={dashboard.pair.id} sessionId={session.id} me={me}
            takeaways={dashboard.takeaways} awaitingYou={dashboard.awaitingYourConsent}
            canWrite={session.abilities.createTakeaway === true} confidential={confidential} refresh={refresh} />
          <SessionCommitments api={api} pairId={dashboard.pair.id} sessionId={session.id} commitments={dashboard.commitments}
            canWrite={dashboard.pair.abilities.createCommitment === true && !confidential} locale={host.locale} refresh={refresh} />
        </>
      )}
    </main>
  );
}
