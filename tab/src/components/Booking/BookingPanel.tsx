// Booking a session in both calendars, or moving one: the times that suit both (in the viewer's time zone),
// pick one, booked; or, when calendars are not connected, a time the member types, saved here as before.
// Loaded on demand (its own chunk), only when someone books, moves or cancels.
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Booking, MeetingTimes, Session, SessionChange } from '../../api/types';
import { formatSessionTime } from '../../format';
import { useResource } from '../../hooks/useResource';
import { strings } from '../../strings';
import { ProblemMessage } from '../ProblemMessage';
import { bookingStrings as s } from './strings';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderTopWidth: tokens.strokeWidthThin,
    borderTopStyle: 'solid',
    borderTopColor: tokens.colorNeutralStroke2,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'end',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  grow: { flexGrow: 1, minWidth: '12em' },
  select: { maxWidth: '100%', boxSizing: 'border-box' },
});

export interface BookingPanelProps {
  api: ApiClient;
  pairId: string;
  locale: string;
  /** Moving this session; without one, booking a new one. */
  session?: Session;
  onDone: () => void;
  onClose: () => void;
}

type Outcome = { kind: 'booked'; booking: Booking } | { kind: 'moved'; change: SessionChange };

/** The value of a datetime-local input, as an instant with its offset (the browser's zone is the viewer's). */
const fromLocalInput = (value: string) => new Date(value).toISOString();
/** The same while the value is still being typed (an incomplete value is no time at all). */
const fromLocalInputSafe = (value: string) => (Number.isNaN(new Date(value).getTime()) ? '' : fromLocalInput(value));

export default function BookingPanel({ api, pairId, locale, session, onDone, onClose }: BookingPanelProps) {
  const styles = useStyles();
  const moving = session !== undefined;
  const times = useResource(
    () =>
      api.send<MeetingTimes>('POST', `/api/pairs/${pairId}/availability`, {
        body: session ? { durationMinutes: session.durationMinutes } : {},
      }),
    [api, pairId, session?.id],
  );
  const [picked, setPicked] = useState<string>();
  const [manual, setManual] = useState('');
  const [occurrences, setOccurrences] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [outcome, setOutcome] = useState<Outcome>();

  const submit = async (scheduledAt: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const duration = times.data?.durationMinutes ?? session?.durationMinutes ?? 45;
      if (session) {
        const change = await api.send<SessionChange>('PATCH', `/api/pairs/${pairId}/sessions/${session.id}/schedule`, {
          body: { scheduledAt },
          ifMatch: session.etag,
        });
        setOutcome({ kind: 'moved', change });
      } else {
        const booking = await api.send<Booking>('POST', `/api/pairs/${pairId}/bookings`, {
          body: { scheduledAt, durationMinutes: duration, ...(occurrences > 1 ? { occurrences } : {}) },
          // One key per press: a retry of the same press books once (Outlook's transactionId and the session ids follow it).
          idempotencyKey: `booking-${crypto.randomUUID()}`,
        });
        setOutcome({ kind: 'booked', booking });
      }
      onDone();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  if (outcome)
    return (
      <div className={styles.panel} role="region" aria-label={moving ? s.moveTitle : s.title}>
        <OutcomeMessage outcome={outcome} onClose={onClose} />
      </div>
    );

  const data = times.data;
  const unavailable = data?.calendar;
  const length = (data?.durationMinutes ?? session?.durationMinutes ?? 45) * 60_000;
  // Overlaps one of the viewer's sessions in their other pairs (a moved session never clashes with itself: it is in this pair).
  const clashes = (start: number) =>
    !Number.isNaN(start) &&
    (data?.yourOtherSessions ?? []).some((o) => Date.parse(o.start) < start + length && Date.parse(o.end) > start);
  const typedClash = manual !== '' && clashes(Date.parse(fromLocalInputSafe(manual)));
  return (
    <div className={styles.panel} role="region" aria-label={moving ? s.moveTitle : s.title}>
      <Text weight="semibold" as="h3">
        {moving ? s.moveTitle : s.title}
      </Text>
      {times.loading && !data && <Spinner size="small" label={s.finding} />}
      {times.error && <ProblemMessage error={times.error} onRetry={times.reload} />}
      {unavailable && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.unavailable}</MessageBarTitle>
            {unavailable.detail}
          </MessageBarBody>
          {unavailable.retryAfterSeconds !== undefined && (
            <MessageBarActions>
              <Button onClick={times.reload}>{strings.retry}</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {data && !unavailable && data.times.length === 0 && <Body1>{s.none}</Body1>}
      {data && data.times.length > 0 && (
        <Field label={s.pick} hint={data.source === 'seeded' ? `${s.pickHint} ${s.seeded}` : s.pickHint}>
          <RadioGroup value={picked ?? ''} onChange={(_, d) => setPicked(d.value)}>
            {data.times.map((t) => (
              <Radio
                key={t.start}
                value={t.start}
                label={
                  clashes(Date.parse(t.start))
                    ? `${formatSessionTime(t.start, locale)} · ${s.clash}`
                    : formatSessionTime(t.start, locale)
                }
              />
            ))}
          </RadioGroup>
        </Field>
      )}
      {data && !moving && (
        <Field label={s.repeat}>
          <Select
            className={styles.select}
            value={String(occurrences)}
            onChange={(_, d) => setOccurrences(Number(d.value))}
          >
            <option value="1">{s.single}</option>
            {[3, 6].map((n) => (
              <option key={n} value={String(n)}>
                {s.series(n)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {data && data.times.length > 0 && (
        <div className={styles.row}>
          <Button appearance="primary" disabled={!picked || busy} onClick={() => picked && void submit(picked)}>
            {moving ? s.confirmMove : s.confirm}
          </Button>
          <Button onClick={onClose}>{s.close}</Button>
          {busy && <Spinner size="tiny" label={moving ? s.moving : s.booking} />}
        </div>
      )}
      {data && (
        <form
          className={styles.row}
          onSubmit={(event) => {
            event.preventDefault();
            if (manual) void submit(fromLocalInput(manual));
          }}
        >
          <Field label={data.times.length > 0 ? s.manual : s.manualLabel} className={styles.grow}>
            <Input
              type="datetime-local"
              value={manual}
              onChange={(_, d) => setManual(d.value)}
              aria-label={s.manualLabel}
            />
          </Field>
          <Button type="submit" disabled={!manual || busy}>
            {s.manualBook}
          </Button>
          {data.times.length === 0 && <Button onClick={onClose}>{s.close}</Button>}
        </form>
      )}
      {typedClash && (
        <MessageBar intent="warning">
          <MessageBarBody>{s.clashTyped}</MessageBarBody>
        </MessageBar>
      )}
      {error && <ProblemMessage error={error} />}
    </div>
  );
}

function OutcomeMessage({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const close = (
    <MessageBarActions>
      <Button onClick={onClose}>{s.close}</Button>
    </MessageBarActions>
  );
  if (outcome.kind === 'moved') {
    const inCalendar = outcome.change.calendar === 'updated';
    return (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.moved}</MessageBarTitle>
          {inCalendar ? s.movedDetail : s.movedHereOnly}
        </MessageBarBody>
        {close}
      </MessageBar>
    );
  }
  const { calendar } = outcome.booking;
  if (calendar.status === 'notBooked') {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.notBooked}</MessageBarTitle>
          {/* Without calendars the server's text already says how to add it; otherwise say it here. */}
          {calendar.reason === 'notConfigured' ? calendar.detail : s.notBookedDetail(calendar.detail)}
        </MessageBarBody>
        {close}
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{s.booked}</MessageBarTitle>
        {s.bookedDetail} {calendar.panel === 'added' ? s.panelAdded : s.panelMissing}
      </MessageBarBody>
      {close}
    </MessageBar>
  );
}

/** Cancelling, confirmed first: the partner is told (and gets Outlook's cancellation when the meeting is in the calendars). */
export function CancelSession({
  api,
  pairId,
  session,
  onDone,
  onClose,
}: Omit<BookingPanelProps, 'locale' | 'session'> & { session: Session }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{s.cancelled}</MessageBarTitle>
          {s.cancelledDetail}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{s.confirmCancel}</MessageBarBody>
        <MessageBarActions>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              api
                .send('POST', `/api/pairs/${pairId}/sessions/${session.id}/cancel`, { body: {}, ifMatch: session.etag })
                .then(
                  () => {
                    setDone(true);
                    onDone();
                  },
                  (e: Error) => setError(e),
                )
                .finally(() => setBusy(false));
            }}
          >
            {s.yesCancel}
          </Button>
          <Button onClick={onClose}>{s.keep}</Button>
        </MessageBarActions>
      </MessageBar>
      {error && <ProblemMessage error={error} />}
    </>
  );
}

/** What a booked session shows: in the calendars, who booked it (only they change it there), one of a series. */
export function BookingBadges({ session, people }: { session: Session; people: { id: string; name: string }[] }) {
  if (!session.booking) return null;
  const organizer = people.find((p) => p.id === session.booking!.organizerId)?.name;
  return (
    <Caption1>
      {s.inCalendars}
      {organizer ? ` · ${s.organizer(organizer)}` : ''}
      {session.booking.series ? ` · ${s.series1}` : ''}
      {session.booking.panel !== 'added' ? ` · ${s.panelMissing}` : ''}
    </Caption1>
  );
}
