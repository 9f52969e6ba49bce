// Takeaways in the personal tab: the ones waiting for the viewer's consent (reviewed in the consent
// component, loaded when opened), the shared ones as they left (the anonymised copy for the
// programme), and the viewer's own with their state.
import {
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { Session, Takeaway } from '../api/types';
import { formatSessionTime } from '../format';
import { sharedTextOf } from './consent/sharedText';
import { strings } from '../strings';
import { Section } from './Section';
import { withTexts } from '../i18n/catalogue';

const TakeawayConsent = lazy(withTexts(['shared'], () => import('./consent/TakeawayConsent')));
const TakeawayWriter = lazy(
  withTexts(['shared'], () => import('./consent/TakeawayConsent').then((m) => ({ default: m.TakeawayWriter }))),
);

/** A takeaway written outside a meeting belongs to the latest session that has started, else the next one. */
function sessionForTakeaway(sessions: readonly Session[], now = Date.now()) {
  const live = sessions.filter((x) => x.status !== 'cancelled');
  const past = live
    .filter((x) => Date.parse(x.scheduledAt) <= now)
    .sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt));
  return past[0] ?? [...live].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))[0];
}

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  item: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'center',
  },
});

interface Props {
  api: ApiClient;
  pairId: string;
  locale: string;
  /** The pair's sessions (history and next): a takeaway written here belongs to one of them. */
  sessions: readonly Session[];
  takeaways: Takeaway[];
  awaitingYou: Takeaway[];
  onChanged: () => void;
}

export function Takeaways({ api, pairId, locale, sessions, takeaways, awaitingYou, onChanged }: Props) {
  const styles = useStyles();
  const [open, setOpen] = useState<string>();
  const [writing, setWriting] = useState(false);
  const session = sessionForTakeaway(sessions);
  const [confirmation, setConfirmation] = useState<string>();
  const shared = takeaways.filter((t) => t.status === 'shared');
  // Only its author reads a takeaway that is not shared.
  const others = takeaways.filter((t) => t.status !== 'shared');
  return (
    <Section title={strings.takeaways.title}>
      {confirmation && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{confirmation}</MessageBarBody>
        </MessageBar>
      )}
      {session?.abilities.createTakeaway &&
        (writing ? (
          <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}>
            <TakeawayWriter
              api={api}
              pairId={pairId}
              sessionId={session.id}
              sessionLabel={formatSessionTime(session.scheduledAt, locale)}
              onSaved={(message) => {
                setWriting(false);
                setConfirmation(message);
                onChanged();
              }}
            />
          </Suspense>
        ) : (
          <div className={styles.row}>
            <Button
              onClick={() => {
                setConfirmation(undefined);
                setWriting(true);
              }}
            >
              {strings.takeaways.write}
            </Button>
          </div>
        ))}
      {awaitingYou.length > 0 && (
        <>
          <Text weight="semibold" as="h3">
            {strings.takeaways.awaitingYou}
          </Text>
          <ul className={styles.list} aria-label={strings.takeaways.awaitingYou}>
            {awaitingYou.map((t) => (
              <li key={t.id} className={styles.item}>
                <div className={styles.row}>
                  <Badge appearance="outline">{strings.takeaways.level[t.requestedVisibility]}</Badge>
                  {t.findings.length > 0 && (
                    <Badge appearance="tint" color="warning">
                      {strings.takeaways.findingsCount(t.findings.length)}
                    </Badge>
                  )}
                </div>
                <Body1>{t.text}</Body1>
                {open === t.id ? (
                  <Suspense fallback={<Spinner size="tiny" label={strings.loading} />}>
                    <TakeawayConsent
                      api={api}
                      pairId={pairId}
                      takeaway={t}
                      onDecided={(message) => {
                        setOpen(undefined);
                        setConfirmation(message);
                        onChanged();
                      }}
                    />
                  </Suspense>
                ) : (
                  t.abilities.consent && (
                    <div className={styles.row}>
                      <Button
                        appearance="primary"
                        aria-expanded={false}
                        onClick={() => {
                          setConfirmation(undefined);
                          setOpen(t.id);
                        }}
                      >
                        {strings.takeaways.review}
                      </Button>
                    </div>
                  )
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Text weight="semibold" as="h3">
        {strings.takeaways.shared}
      </Text>
      {shared.length === 0 ? (
        <Body1>{strings.takeaways.none}</Body1>
      ) : (
        <ul className={styles.list} aria-label={strings.takeaways.shared}>
          {shared.map((t) => (
            <li key={t.id} className={styles.item}>
              <Body1>{sharedTextOf(t)}</Body1>
              <div className={styles.row}>
                <Badge appearance="tint" color="brand">
                  {strings.takeaways.level[t.visibility]}
                </Badge>
              </div>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <>
          <Text weight="semibold" as="h3">
            {strings.takeaways.yours}
          </Text>
          <ul className={styles.list}>
            {others.map((t) => (
              <li key={t.id} className={styles.item}>
                <Body1>{t.text}</Body1>
                <div className={styles.row}>
                  <Badge appearance="tint" color={t.visibility === 'private' ? 'subtle' : 'brand'}>
                    {strings.takeaways.level[t.requestedVisibility]}
                  </Badge>
                  {strings.takeaways.status[t.status] && <Caption1>{strings.takeaways.status[t.status]}</Caption1>}
                </div>
                {t.programText && <Caption1>{strings.takeaways.programCopy(t.programText)}</Caption1>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
