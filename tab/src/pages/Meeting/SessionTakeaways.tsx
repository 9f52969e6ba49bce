// Takeaways in the panel: write one, choose who may read it, see its sensitive content (category and
// reason) and redact it in place before it leaves the private level; my takeaways with their state;
// the partner's takeaways waiting for my approval, reviewed in the consent component; and what was
// shared from this session, as it left. The findings review and the consent load when first needed.
import {
  Badge,
  Body1,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Takeaway } from '../../api/types';
import { sharedTextOf } from '../../components/consent/sharedText';
import { useTakeawayDraft, type Level } from '../../components/consent/useTakeawayDraft';
import { ProblemMessage } from '../../components/ProblemMessage';
import { PanelSection as Section } from './PanelSection';
import { meetingStrings as s } from './strings';
import { withTexts } from '../../i18n/catalogue';

const TakeawayConsent = lazy(withTexts(['shared'], () => import('../../components/consent/TakeawayConsent')));
const FindingsReview = lazy(
  withTexts(['shared'], () =>
    import('../../components/consent/TakeawayConsent').then((m) => ({ default: m.FindingsReview })),
  ),
);

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
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
  sessionId: string;
  me: string;
  takeaways: Takeaway[];
  awaitingYou: Takeaway[];
  canWrite: boolean;
  /** Confidential mode: nothing is sent. */
  confidential: boolean;
  refresh: () => Promise<unknown>;
}

export function SessionTakeaways({
  api,
  pairId,
  sessionId,
  me,
  takeaways,
  awaitingYou,
  canWrite,
  confidential,
  refresh,
}: Props) {
  const [confirmation, setConfirmation] = useState<string>();
  const ofSession = takeaways.filter((t) => t.sessionId === sessionId);
  return (
    <Section title={s.takeaways.title}>
      <TakeawayForm
        api={api}
        pairId={pairId}
        sessionId={sessionId}
        refresh={refresh}
        writable={canWrite && !confidential}
      />
      {confirmation && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{confirmation}</MessageBarBody>
        </MessageBar>
      )}
      <AwaitingYou
        api={api}
        pairId={pairId}
        awaitingYou={awaitingYou}
        confidential={confidential}
        refresh={refresh}
        onConfirmation={setConfirmation}
      />
      <MyTakeaways mine={ofSession.filter((t) => t.authorId === me && t.status !== 'shared')} />
      <SharedFromSession shared={ofSession.filter((t) => t.status === 'shared')} />
    </Section>
  );
}

/** Writing a takeaway: text, level, the findings of the current text (redacted in place), save or share. */
function TakeawayForm({
  api,
  pairId,
  sessionId,
  refresh,
  writable,
}: Pick<Props, 'api' | 'pairId' | 'sessionId' | 'refresh'> & { writable: boolean }) {
  const styles = useStyles();
  const { text, setText, level, setLevel, findings, error, busy, check, save } = useTakeawayDraft(api, pairId, refresh);
  return (
    <>
      {writable && (
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) void save(sessionId);
          }}
        >
          <Field label={s.takeaways.label}>
            <Textarea value={text} rows={3} resize="vertical" onChange={(_, d) => setText(d.value)} />
          </Field>
          <Field label={s.takeaways.level}>
            <RadioGroup value={level} onChange={(_, d) => setLevel(d.value as Level)}>
              {(['private', 'pair', 'program'] as const).map((v) => (
                <Radio key={v} value={v} label={s.takeaways.levels[v]} />
              ))}
            </RadioGroup>
          </Field>
          {level !== 'private' && (
            <div className={styles.row}>
              <Button disabled={!text.trim() || busy || findings !== undefined} onClick={() => void check(text)}>
                {s.takeaways.check}
              </Button>
            </div>
          )}
          {findings && level !== 'private' && (
            <Suspense fallback={<Spinner size="tiny" label={s.loading} />}>
              <FindingsReview
                text={text}
                findings={findings}
                onRedacted={(next) => {
                  setText(next);
                  void check(next);
                }}
              />
            </Suspense>
          )}
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={!text.trim() || busy}>
              {level === 'private' ? s.takeaways.save : s.takeaways.share}
            </Button>
          </div>
        </form>
      )}
      {error && <ProblemMessage error={error} />}
    </>
  );
}

/** The partner's takeaways waiting for my approval, each reviewed in the consent component when opened. */
function AwaitingYou({
  api,
  pairId,
  awaitingYou,
  confidential,
  refresh,
  onConfirmation,
}: Pick<Props, 'api' | 'pairId' | 'awaitingYou' | 'confidential' | 'refresh'> & {
  onConfirmation: (message: string | undefined) => void;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState<string>();
  if (awaitingYou.length === 0) return null;
  return (
    <>
      <Text weight="semibold" as="h3">
        {s.takeaways.awaitingYou}
      </Text>
      <ul className={styles.list} aria-label={s.takeaways.awaitingYou}>
        {awaitingYou.map((t) => (
          <li key={t.id} className={styles.item}>
            <Body1>{t.text}</Body1>
            <div className={styles.row}>
              <Badge appearance="outline">{s.takeaways.levelShort[t.requestedVisibility]}</Badge>
            </div>
            {open === t.id ? (
              <Suspense fallback={<Spinner size="tiny" label={s.loading} />}>
                <TakeawayConsent
                  api={api}
                  pairId={pairId}
                  takeaway={t}
                  disabled={confidential}
                  onDecided={async (message) => {
                    setOpen(undefined);
                    onConfirmation(message);
                    await refresh();
                  }}
                />
              </Suspense>
            ) : (
              t.abilities.consent &&
              !confidential && (
                <div className={styles.row}>
                  <Button
                    appearance="primary"
                    onClick={() => {
                      onConfirmation(undefined);
                      setOpen(t.id);
                    }}
                  >
                    {s.takeaways.review}
                  </Button>
                </div>
              )
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** My takeaways of this session that have not been shared, with their state. */
function MyTakeaways({ mine }: { mine: Takeaway[] }) {
  const styles = useStyles();
  return (
    <>
      <Text weight="semibold" as="h3">
        {s.takeaways.mine}
      </Text>
      {mine.length === 0 ? (
        <Body1>{s.takeaways.none}</Body1>
      ) : (
        <ul className={styles.list}>
          {mine.map((t) => (
            <li key={t.id} className={styles.item}>
              <Body1>{t.text}</Body1>
              <div className={styles.row}>
                <Badge appearance="outline">{s.takeaways.levelShort[t.requestedVisibility]}</Badge>
                {t.status === 'awaitingConsent' && (
                  <Badge appearance="tint" color="informative">
                    {s.takeaways.waiting}
                  </Badge>
                )}
                {t.status === 'declined' && (
                  <Badge appearance="tint" color="danger">
                    {s.takeaways.declined}
                  </Badge>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What was shared from this session, as it left. */
function SharedFromSession({ shared }: { shared: Takeaway[] }) {
  const styles = useStyles();
  if (shared.length === 0) return null;
  return (
    <>
      <Text weight="semibold" as="h3">
        {s.takeaways.sharedList}
      </Text>
      <ul className={styles.list} aria-label={s.takeaways.sharedList}>
        {shared.map((t) => (
          <li key={t.id} className={styles.item}>
            <Body1>{sharedTextOf(t)}</Body1>
            <div className={styles.row}>
              <Badge appearance="outline">{s.takeaways.levelShort[t.requestedVisibility]}</Badge>
              <Badge appearance="tint" color="success">
                {s.takeaways.shared}
              </Badge>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
