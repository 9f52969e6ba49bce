// Matching: suggestions with their reasons; accept (becomes a pair), change the executive, or reject (the
// next suggestion avoids it); everyone left unmatched with why, and a way to tell them.
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Switch,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { listQuery } from '../../hooks/usePagedList';
import { useResource } from '../../hooks/useResource';
import { useAdminStyles } from './Admin.styles';
import type { MatchResult, Participant, Program, Suggestion } from './adminTypes';
import { strings } from './strings';

const s = strings.matching;
type Pair = { mentorId: string; menteeId: string };

export function MatchingPanel({ api, program }: { api: ApiClient; program: Program }) {
  const styles = useAdminStyles();
  const [avoidSameDepartment, setAvoid] = useState(false);
  const [rejected, setRejected] = useState<Pair[]>([]);
  const [result, setResult] = useState<MatchResult>();
  // The people the suggestions name, 200 at a time (not the whole programme).
  const people = useResource(async () => {
    const ids = result
      ? [...new Set([...result.pairs.flatMap((p) => [p.mentorId, p.menteeId]), ...result.unmatched.map((u) => u.id)])]
      : [];
    const chunks = Array.from({ length: Math.ceil(ids.length / 200) }, (_, i) => ids.slice(i * 200, i * 200 + 200));
    const pages = await Promise.all(
      chunks.map((chunk) =>
        api.get<{ participants: Participant[] }>(
          `/api/programs/${program.id}/participants${listQuery({ users: chunk.join(','), limit: chunk.length })}`,
        ),
      ),
    );
    return { participants: pages.flatMap((p) => p.participants) };
  }, [api, program.id, result]);
  const nameOf = (id: string) => people.data?.participants.find((p) => p.id === id)?.name ?? id;
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [state, setState] = useState<{ busy?: boolean; error?: Error; message?: string }>({});

  async function suggest(reject: Pair[] = rejected, message?: string) {
    setState({ busy: true });
    try {
      setResult(
        await api.send<MatchResult>('POST', `/api/programs/${program.id}/matches/suggest`, {
          body: { avoidSameDepartment, rejected: reject },
        }),
      );
      setEdits({});
      setState(message ? { message } : {});
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  async function accept(suggestion: Suggestion) {
    const menteeId = edits[suggestion.mentorId] ?? suggestion.menteeId;
    setState({ busy: true });
    try {
      await api.send('POST', `/api/programs/${program.id}/pairs`, {
        body: { mentorId: suggestion.mentorId, menteeId },
        idempotencyKey: `accept-${suggestion.mentorId}-${menteeId}`.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 100),
      });
      people.reload();
      await suggest(rejected, s.accepted(nameOf(suggestion.mentorId), nameOf(menteeId)));
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  async function reject(suggestion: Suggestion) {
    const next = [...rejected, { mentorId: suggestion.mentorId, menteeId: suggestion.menteeId }];
    setRejected(next);
    await suggest(next);
  }

  async function tell() {
    if (!result) return;
    setState({ busy: true });
    try {
      const told = await api.send<{ notified: string[] }>('POST', `/api/programs/${program.id}/matches/unmatched`, {
        body: { people: result.unmatched.map((u) => ({ id: u.id, reason: u.reason.slice(0, 500) })) },
      });
      setState({ message: s.told(told.notified.length) });
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  // Executives the admin may pick instead: anyone suggested or unmatched on the executive side.
  const executives = result
    ? [...new Set([...result.pairs.map((p) => p.menteeId), ...result.unmatched.map((u) => u.id)])].filter(
        (id) => people.data?.participants.find((p) => p.id === id)?.role === 'mentee',
      )
    : [];

  return (
    <>
      <Section title={s.suggestions}>
        <Caption1>{s.intro}</Caption1>
        <div className={styles.row}>
          <Switch
            checked={avoidSameDepartment}
            onChange={(_, d) => setAvoid(d.checked)}
            label={s.avoidSameDepartment}
          />
          <Button appearance="primary" onClick={() => suggest()} disabled={state.busy}>
            {result ? s.again : s.suggest}
          </Button>
          {state.busy && <Spinner size="tiny" label={strings.loading} />}
        </div>
        {state.error && <ProblemMessage error={state.error} />}
        {state.message && (
          <MessageBar intent="success">
            <MessageBarBody>{state.message}</MessageBarBody>
          </MessageBar>
        )}
        {!result && <Caption1>{s.none}</Caption1>}
        {result && result.pairs.length === 0 && <Caption1>{s.noPairs}</Caption1>}
        {result && result.pairs.length > 0 && <Caption1>{s.scoreHint}</Caption1>}
        {result && result.pairs.length > 0 && (
          <ul className={styles.cards}>
            {result.pairs.map((p) => (
              <li key={`${p.mentorId}-${p.menteeId}`}>
                <SuggestionCard
                  suggestion={p}
                  menteeId={edits[p.mentorId] ?? p.menteeId}
                  executives={executives}
                  nameOf={nameOf}
                  busy={state.busy}
                  onEdit={(menteeId) => setEdits((e) => ({ ...e, [p.mentorId]: menteeId }))}
                  onAccept={() => accept(p)}
                  onReject={() => reject(p)}
                />
              </li>
            ))}
          </ul>
        )}
      </Section>
      {result && <Unmatched unmatched={result.unmatched} nameOf={nameOf} busy={state.busy} onTell={tell} />}
    </>
  );
}

/** One suggestion: who with whom, its score and reasons; another executive may be picked before accepting. */
function SuggestionCard({
  suggestion,
  menteeId,
  executives,
  nameOf,
  busy,
  onEdit,
  onAccept,
  onReject,
}: {
  suggestion: Suggestion;
  menteeId: string;
  executives: string[];
  nameOf: (id: string) => string;
  busy?: boolean;
  onEdit: (menteeId: string) => void;
  onAccept: () => void;
  onReject: () => void;
}) {
  const styles = useAdminStyles();
  const mentor = nameOf(suggestion.mentorId);
  const mentee = nameOf(menteeId);
  return (
    <Card>
      <CardHeader
        header={<Text weight="semibold">{`${mentor} → ${mentee}`}</Text>}
        description={<Caption1>{s.score(suggestion.score)}</Caption1>}
      />
      <ul className={styles.reasons}>
        {suggestion.reasons.map((r) => (
          <li key={r}>
            <Caption1>{r}</Caption1>
          </li>
        ))}
      </ul>
      <Field label={s.edit}>
        <Select aria-label={s.editFor(mentor)} value={menteeId} onChange={(_, d) => onEdit(d.value)}>
          {executives.map((id) => (
            <option key={id} value={id}>
              {nameOf(id)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" aria-label={s.acceptFor(mentor, mentee)} onClick={onAccept} disabled={busy}>
          {s.accept}
        </Button>
        <Button aria-label={s.rejectFor(mentor, mentee)} onClick={onReject} disabled={busy}>
          {s.reject}
        </Button>
      </div>
    </Card>
  );
}

/** Everyone left unmatched, with why; they can be told. */
function Unmatched({
  unmatched,
  nameOf,
  busy,
  onTell,
}: {
  unmatched: MatchResult['unmatched'];
  nameOf: (id: string) => string;
  busy?: boolean;
  onTell: () => void;
}) {
  const styles = useAdminStyles();
  return (
    <Section
      title={s.unmatched}
      action={
        unmatched.length > 0 ? (
          <Button onClick={onTell} disabled={busy}>
            {s.tell}
          </Button>
        ) : undefined
      }
    >
      {unmatched.length === 0 ? (
        <Caption1>{s.noUnmatched}</Caption1>
      ) : (
        <ul className={styles.reasons}>
          {unmatched.map((u) => (
            <li key={u.id}>
              <Text weight="semibold">{nameOf(u.id)}</Text>: <Caption1>{u.reason}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
