// The next session in the viewer's time zone: join link, calendar file and the agenda to tick and extend.
import { Body1, Button, Caption1, Checkbox, Link, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDown16Regular, ArrowUp16Regular, CalendarAdd20Regular } from '@fluentui/react-icons';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { Session } from '../api/types';
import { formatSessionTime, sessionIcs } from '../format';
import { strings } from '../strings';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';
import { withTexts } from '../i18n/catalogue';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  agenda: { listStyleType: 'none', padding: 0, margin: 0 },
  // A subtle button shows no box, only its words (and icon): pulled back by its padding and border, and no wider
  // than its words, they start where the card's other content does instead of looking indented.
  flush: {
    minWidth: 0,
    marginInlineStart: `calc(-1 * (${tokens.spacingHorizontalM} + ${tokens.strokeWidthThin}))`,
  },
  item: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  label: { flexGrow: 1, minWidth: 0 },
  // Fluent greys an unticked label and blackens a ticked one; an agenda reads the other way round.
  open: { color: tokens.colorNeutralForeground1 },
  done: { color: tokens.colorNeutralForeground3, textDecorationLine: 'line-through' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    flexShrink: 1,
  },
});

// Booking, moving and cancelling load on demand: most visits only read the dashboard.
const BookingPanel = lazy(withTexts(['panels'], () => import('./Booking/BookingPanel')));
const CancelSession = lazy(
  withTexts(['panels'], () => import('./Booking/BookingPanel').then((m) => ({ default: m.CancelSession }))),
);
const BookingBadges = lazy(
  withTexts(['panels'], () => import('./Booking/BookingPanel').then((m) => ({ default: m.BookingBadges }))),
);
const AgendaItemForm = lazy(
  withTexts(['shared'], () => import('./AgendaItemForm/AgendaItemForm').then((m) => ({ default: m.AgendaItemForm }))),
);

interface Props {
  api: ApiClient;
  pairId: string;
  partnerName: string;
  /** Both members, to name who leads each agenda item. */
  people: { id: string; name: string }[];
  session: Session | null;
  locale: string;
  onChanged: () => void;
  /** The viewer may book sessions for the pair (through the calendars). */
  canBook: boolean;
  /** Opened from a deep link to book (the bot's Book action). */
  openBooking?: boolean;
  /** The viewer: only who booked a meeting changes it in the calendars. */
  viewerId?: string;
  /** The pair's goals, to link a new agenda item to one. */
  goals?: { id: string; title: string }[];
  /** The pair has ended: nothing to book. */
  ended?: boolean;
}

type Open = 'book' | 'move' | 'cancel' | undefined;

export function NextSession({
  api,
  pairId,
  partnerName,
  people,
  session,
  locale,
  onChanged,
  canBook,
  openBooking,
  viewerId,
  goals,
  ended,
}: Props) {
  const styles = useStyles();
  const [error, setError] = useState<Error>();
  const [open, setOpen] = useState<Open>(openBooking && canBook ? 'book' : undefined);
  const close = () => setOpen(undefined);
  // The same key with or without a session: booking the first one keeps the panel and its outcome on screen.
  const panel = open && (
    <Suspense key="booking" fallback={<Spinner size="small" label={strings.loading} />}>
      {open === 'book' && <BookingPanel api={api} pairId={pairId} locale={locale} onDone={onChanged} onClose={close} />}
      {open === 'move' && session && (
        <BookingPanel api={api} pairId={pairId} locale={locale} session={session} onDone={onChanged} onClose={close} />
      )}
      {open === 'cancel' && session && (
        <CancelSession api={api} pairId={pairId} session={session} onDone={onChanged} onClose={close} />
      )}
    </Suspense>
  );
  const bookButton = canBook && open !== 'book' && (
    <Button
      icon={<CalendarAdd20Regular />}
      appearance={session ? 'subtle' : 'primary'}
      className={session ? styles.flush : undefined}
      onClick={() => setOpen('book')}
    >
      {strings.session.book}
    </Button>
  );
  if (!session) {
    return (
      <Section title={strings.session.title}>
        <Body1>{ended ? strings.session.noneEnded : strings.session.none}</Body1>
        {bookButton && <div className={styles.row}>{bookButton}</div>}
        {panel}
      </Section>
    );
  }
  const base = `/api/pairs/${pairId}/sessions/${session.id}/agenda`;
  // A meeting in the calendars is changed by whoever booked it (the badge names them).
  const mayChange = !session.booking || session.booking.organizerId === viewerId;
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(e as Error);
    }
  };
  const calendarHref = `data:text/calendar;charset=utf-8,${encodeURIComponent(sessionIcs(session, `${strings.appName}: ${partnerName}`))}`;
  return (
    <Section title={strings.session.title}>
      <div className={styles.row}>
        <Text weight="semibold">{formatSessionTime(session.scheduledAt, locale)}</Text>
        <Caption1>{strings.session.minutes(session.durationMinutes)}</Caption1>
        {session.joinUrl && (
          <Link href={session.joinUrl} target="_blank" rel="noreferrer">
            {strings.session.join}
          </Link>
        )}
        <Button
          as="a"
          href={calendarHref}
          download="session.ics"
          icon={<CalendarAdd20Regular />}
          appearance="subtle"
          className={styles.flush}
        >
          {strings.session.calendar}
        </Button>
      </div>
      {session.booking && (
        <Suspense fallback={null}>
          <BookingBadges session={session} people={people} />
        </Suspense>
      )}
      <div className={styles.row}>
        {mayChange && session.abilities.reschedule && open !== 'move' && (
          <Button appearance="subtle" className={styles.flush} onClick={() => setOpen('move')}>
            {strings.session.move}
          </Button>
        )}
        {mayChange && session.abilities.cancel && open !== 'cancel' && (
          <Button appearance="subtle" className={styles.flush} onClick={() => setOpen('cancel')}>
            {strings.session.cancel}
          </Button>
        )}
        {bookButton}
      </div>
      {panel}
      <Text weight="semibold" as="h3">
        {strings.session.agenda}
      </Text>
      {session.agenda.length === 0 && <Body1>{strings.session.noAgenda}</Body1>}
      <ul className={styles.agenda}>
        {session.agenda.map((item, index) => (
          <li key={item.id} className={styles.item}>
            <Checkbox
              className={styles.label}
              checked={item.done}
              disabled={!session.abilities.updateAgendaItem}
              label={{
                children: item.title,
                className: session.abilities.updateAgendaItem ? (item.done ? styles.done : styles.open) : undefined,
              }}
              onChange={(_, d) =>
                act(() =>
                  api.send('PATCH', `${base}/${item.id}`, {
                    body: { done: d.checked === true },
                    ifMatch: session.etag,
                  }),
                )
              }
            />
            <span className={styles.actions}>
              {item.ownerId && <Caption1>{people.find((p) => p.id === item.ownerId)?.name}</Caption1>}
              {item.minutes !== undefined && <Caption1>{strings.session.minutes(item.minutes)}</Caption1>}
              {session.abilities.updateAgendaItem && (
                <>
                  <Button
                    appearance="transparent"
                    size="small"
                    icon={<ArrowUp16Regular />}
                    disabled={index === 0}
                    aria-label={strings.session.moveUp(item.title)}
                    onClick={() =>
                      act(() =>
                        api.send('PATCH', `${base}/${item.id}`, {
                          body: { position: index - 1 },
                          ifMatch: session.etag,
                        }),
                      )
                    }
                  />
                  <Button
                    appearance="transparent"
                    size="small"
                    icon={<ArrowDown16Regular />}
                    disabled={index === session.agenda.length - 1}
                    aria-label={strings.session.moveDown(item.title)}
                    onClick={() =>
                      act(() =>
                        api.send('PATCH', `${base}/${item.id}`, {
                          body: { position: index + 1 },
                          ifMatch: session.etag,
                        }),
                      )
                    }
                  />
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      {session.abilities.addAgendaItem && (
        <Suspense fallback={null}>
          <AgendaItemForm
            api={api}
            path={base}
            people={people}
            {...(viewerId ? { defaultOwnerId: viewerId } : {})}
            {...(goals ? { goals } : {})}
            onAdded={onChanged}
          />
        </Suspense>
      )}
      {error && <ProblemMessage error={error} onRetry={onChanged} />}
    </Section>
  );
}
