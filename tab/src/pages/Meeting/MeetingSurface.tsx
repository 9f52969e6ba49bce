// /tab/meeting: the meeting extension. Teams' frame context picks the view: the side panel during the
// meeting, the stage (shared agenda), or the meeting's chat/details tab (content).
import {
  Body1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useEffect } from 'react';
import { ProblemMessage } from '../../components/ProblemMessage';
import type { SurfaceProps } from '../../surfaceProps';
import { useMeetingData } from './meetingData';
import { SidePanel } from './SidePanel';
import { meetingStrings as s } from './strings';

const StageView = lazy(() => import('./ReadingViews').then((m) => ({ default: m.StageView })));
const MeetingChatTab = lazy(() => import('./ReadingViews').then((m) => ({ default: m.MeetingChatTab })));

const useStyles = makeStyles({ page: { padding: tokens.spacingHorizontalM, minWidth: 0 } });

export type MeetingView = 'sidePanel' | 'meetingStage' | 'content';

/** Teams' frame context; outside Teams (development) `?view=` and `?meetingId=` stand in for it. */
function viewAndMeeting(host: SurfaceProps['host']): { view: MeetingView; meetingId?: string } {
  const query = new URLSearchParams(window.location.search);
  const context = host.kind === 'teams' ? host.frameContext : query.get('view');
  const view: MeetingView = context === 'sidePanel' || context === 'meetingStage' ? context : 'content';
  const meetingId = (host.kind === 'teams' ? host.meetingId : undefined) ?? query.get('meetingId') ?? undefined;
  return { view, ...(meetingId ? { meetingId } : {}) };
}

export default function MeetingSurface(props: SurfaceProps) {
  const styles = useStyles();
  const { view, meetingId } = viewAndMeeting(props.host);
  useEffect(() => {
    if (!meetingId) props.onReady();
  }, [meetingId, props]);
  if (!meetingId) {
    return (
      <main className={styles.page}>
        <Body1>{s.noMeeting}</Body1>
      </main>
    );
  }
  return <LinkedMeeting {...props} view={view} meetingId={meetingId} />;
}

function LinkedMeeting(props: SurfaceProps & { view: MeetingView; meetingId: string }) {
  const styles = useStyles();
  const { api, host, onReady, view, meetingId } = props;
  const { link, dashboard, session } = useMeetingData(api, meetingId);
  const settled = Boolean(link.error || dashboard.data || dashboard.error);
  useEffect(() => {
    if (settled) onReady();
  }, [settled, onReady]);

  if (link.error) {
    const notLinked = (link.error as { status?: number }).status === 404;
    return (
      <main className={styles.page}>
        {notLinked ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{s.notLinked.title}</MessageBarTitle>
              {s.notLinked.detail}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <ProblemMessage error={link.error} onRetry={link.reload} />
        )}
      </main>
    );
  }
  if (!dashboard.data) {
    return (
      <main className={styles.page}>
        {dashboard.error ? (
          <ProblemMessage error={dashboard.error} onRetry={() => void dashboard.refresh()} />
        ) : (
          <Spinner label={s.loading} />
        )}
      </main>
    );
  }
  const loading = (
    <main className={styles.page}>
      <Spinner label={s.loading} />
    </main>
  );
  if (view === 'meetingStage')
    return (
      <Suspense fallback={loading}>
        <StageView dashboard={dashboard.data} session={session} />
      </Suspense>
    );
  if (view === 'content')
    return (
      <Suspense fallback={loading}>
        <MeetingChatTab dashboard={dashboard.data} session={session} locale={host.locale} />
      </Suspense>
    );
  return <SidePanel api={api} host={host} dashboard={dashboard.data} session={session} refresh={dashboard.refresh} />;
}
