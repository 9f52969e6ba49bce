// The executive's view before a session: my pairs → the pair dashboard (deep links open a pair).
import {
  Body1,
  Button,
  Caption1,
  Spinner,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeft20Regular } from '@fluentui/react-icons';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Me } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { formatSessionTime } from '../../format';
import { useResource } from '../../hooks/useResource';
import { strings } from '../../strings';
import { MyData } from '../../components/MyData';
import { useCardStyle } from '../../components/Section';
import { PairDashboard } from './PairDashboard';
import type { SurfaceProps } from '../../surfaceProps';
import { withTexts } from '../../i18n/catalogue';

const UnmatchedNotices = lazy(withTexts(['panels'], () => import('../../components/UnmatchedNotices')));
const RetentionNotices = lazy(withTexts(['panels'], () => import('../../components/RetentionNotices')));

/** Where a link opens "Your data": Teams' deep link (subPageId) or the tab's own URL (?view=my-data). */
const MY_DATA = 'my-data';

/** A deep link's place: "<pairId>" or "<pairId>:<section>" (Teams' subPageId, or ?subPage= outside Teams). */
function placeOf(subPage: string | undefined): { pairId?: string; section?: string } {
  const [pairId, section] = subPage && subPage !== MY_DATA ? subPage.split(':') : [];
  return { pairId, section };
}

const useStyles = makeStyles({
  // Back points the way the page reads: right in Arabic and Hebrew.
  back: { ':dir(rtl)': { transform: 'scaleX(-1)' } },
  page: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    maxWidth: '1100px',
    margin: '0 auto',
    boxSizing: 'border-box',
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalM,
  },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: tokens.spacingHorizontalM,
    listStyleType: 'none',
    padding: 0,
    margin: 0,
  },
  // A pair opens with one press: a button with the card's shape, its content laid out as a card's.
  pairButton: {
    width: '100%',
    height: '100%',
    flexDirection: 'column',
    alignItems: 'flex-start',
    padding: tokens.spacingHorizontalM,
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    boxShadow: tokens.shadow4,
    // Like a card at rest: the shadow, no outline (a transparent stroke, which high contrast draws).
    borderTopColor: tokens.colorTransparentStroke,
    borderRightColor: tokens.colorTransparentStroke,
    borderBottomColor: tokens.colorTransparentStroke,
    borderLeftColor: tokens.colorTransparentStroke,
  },
  pairCaption: { marginBottom: tokens.spacingVerticalM },
  empty: { rowGap: tokens.spacingVerticalXS },
});

export interface PersonalTabProps {
  api: ApiClient;
  locale: string;
  deepLinkPairId?: string;
  onReady: () => void;
  devUserName?: string;
  onSignOut?: () => void;
}

export function PersonalTab({ api, locale, deepLinkPairId, onReady, devUserName, onSignOut }: PersonalTabProps) {
  const styles = useStyles();
  const card = useCardStyle();
  const me = useResource(() => api.get<Me>('/api/me'), [api]);
  const [place] = useState(() =>
    placeOf(deepLinkPairId ?? new URLSearchParams(window.location.search).get('subPage') ?? undefined),
  );
  const [openPairId, setOpenPairId] = useState<string | undefined>(place.pairId);
  const [dataOpen, setDataOpen] = useState(
    () => deepLinkPairId === MY_DATA || new URLSearchParams(window.location.search).get('view') === MY_DATA,
  );
  const retention = me.data?.pairs.filter((p) => p.contentDeletesAt) ?? [];
  // Bumped when "Delete for good" ran: the dashboard reloads, so what was deleted leaves the screen at once.
  const [contentVersion, setContentVersion] = useState(0);

  useEffect(() => {
    if (me.data || me.error) onReady();
  }, [me.data, me.error, onReady]);

  // An executive usually has one pair: go straight to it.
  const onlyPair = me.data?.pairs.length === 1 ? me.data.pairs[0]!.pairId : undefined;
  const pairId = openPairId ?? onlyPair;

  return (
    <main className={styles.page}>
      {devUserName && (
        <div className={styles.bar}>
          <Caption1>{strings.devSession.signedInAs(devUserName)}</Caption1>
          <Button appearance="subtle" size="small" onClick={onSignOut}>
            {strings.devSession.signOut}
          </Button>
        </div>
      )}
      {me.data && (
        <MyData
          api={api}
          isAdmin={me.data.roles.includes('ProgramAdmin')}
          open={dataOpen}
          setOpen={setDataOpen}
          onDeleted={() => setContentVersion((v) => v + 1)}
        />
      )}
      {retention.length > 0 && (
        <Suspense fallback={null}>
          <RetentionNotices pairs={retention} locale={locale} onExport={() => setDataOpen(true)} />
        </Suspense>
      )}
      {me.loading && !me.data && <Spinner label={strings.loading} />}
      {me.error && <ProblemMessage error={me.error} onRetry={me.reload} />}
      {me.data && pairId && (
        <>
          {me.data.pairs.length > 1 && (
            <div>
              <Button
                icon={<ArrowLeft20Regular className={styles.back} />}
                appearance="subtle"
                onClick={() => setOpenPairId(undefined)}
              >
                {strings.back}
              </Button>
            </div>
          )}
          <PairDashboard
            api={api}
            pairId={pairId}
            locale={locale}
            version={contentVersion}
            section={pairId === place.pairId ? place.section : undefined}
          />
        </>
      )}
      {me.data && !pairId && (
        <>
          <Title3 as="h1">{strings.pairs.title}</Title3>
          {me.data.pairs.length === 0 ? (
            <>
              <div className={mergeClasses(card, styles.empty)}>
                <Text weight="semibold">{strings.pairs.none}</Text>
                <Body1>{strings.pairs.noneDetail}</Body1>
              </div>
              <Suspense fallback={null}>
                <UnmatchedNotices api={api} />
              </Suspense>
            </>
          ) : (
            <ul className={styles.list}>
              {me.data.pairs.map((p) => (
                <li key={p.pairId}>
                  <Button
                    className={styles.pairButton}
                    onClick={() => setOpenPairId(p.pairId)}
                    aria-label={strings.pairs.open(p.partner.name)}
                  >
                    <Text weight="semibold">{p.partner.name}</Text>
                    <Caption1 className={styles.pairCaption}>
                      {p.role === 'mentor' ? strings.pairs.roleMentor : strings.pairs.roleMentee}
                    </Caption1>
                    <Body1>
                      {p.nextSession
                        ? strings.pairs.nextSession(formatSessionTime(p.nextSession.scheduledAt, locale))
                        : strings.pairs.noSession}
                    </Body1>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </main>
  );
}

/** The personal tab as a surface of App: its own chunk, so the other surfaces do not load it. */
export default function PersonalTabSurface({ api, host, onReady, devSession, onSignOut }: SurfaceProps) {
  return (
    <PersonalTab
      api={api}
      locale={host.locale}
      {...(host.kind === 'teams' && host.subPageId ? { deepLinkPairId: host.subPageId } : {})}
      onReady={onReady}
      {...(devSession ? { devUserName: devSession.user.name, onSignOut } : {})}
    />
  );
}
