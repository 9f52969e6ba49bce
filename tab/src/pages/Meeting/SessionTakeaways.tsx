// Takeaways in the panel: write one, choose who may read it, see sensitive content highlighted and
// redact it in place before it leaves the private level; my takeaways with their state ("waiting for
// your partner"); and the partner's takeaways waiting for my approval.
import {
  Badge, Body1, Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Text, Textarea,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { Fragment, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Finding, Takeaway } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { PanelSection as Section } from './PanelSection';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  item: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, alignItems: 'center' },
  preview: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  mark: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1, borderRadius: tokens.borderRadiusSmall },
  redactions: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
});

type Level = Takeaway['requestedVisibility'];

/** The text with each finding marked, for the author to see what would leave the session. */
export function HighlightedText({ text, findings }: { text: string; findings: Finding[] }) {
  const styles = useStyles();
  const parts: JSX.Element[] = [];
  let at = 0;
  for (const [i, f] of [...findings].sort((a, b) => a.start - b.start).entries()) {
    if (f.start < at) continue;
    parts.push(<Fragment key={`t${i}`}>{text.slice(at, f.start)}</Fragment>);
    parts.push(<mark key={`m${i}`} className={styles.mark}>{text.slice(f.start, f.end)}</mark>);
    at = f.end;
  }
  parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <Body1 as="p" className={styles.preview}>{parts}</Body1>;
}

/** Replaces one finding by its label; the other findings' spans are re-checked afterwards. */
export function redact(text: string, finding: Finding): string {
  return text.slice(0, finding.start) + s.takeaways.redacted(s.takeaways.finding[finding.kind] ?? finding.kind) + text.slice(finding.end);
}

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

export function SessionTakeaways({ api, pairId, sessionId, me, takeaways, awaitingYou, canWrite, confidential, refresh }: Props) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [level, setLevel] = useState<Level>('private');
  // Findings for exactly `checkedText`; a change to the text needs a new check before sharing.
  const [checked, setChecked] = useState<{ text: string; findings: Finding[] }>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const findings = checked?.text === text ? checked.findings : undefined;
  const mine = takeaways.filter((t) => t.authorId === me && t.sessionId === sessionId);
  const writable = canWrite && !confidential;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const check = (value: string) =>
    run(async () => {
      const answer = await api.send<{ findings: Finding[] }>('POST', `/api/pairs/${pairId}/findings`, { body: { text: value } });
      setChecked({ text: value, findings: answer.findings });
    });
  const save = () =>
    run(async () => {
      // Before anything leaves the private level, its findings are on screen: the first press checks.
      if (level !== 'private' && !findings) {
        const answer = await api.send<{ findings: Finding[] }>('POST', `/api/pairs/${pairId}/findings`, { body: { text } });
        setChecked({ text, findings: answer.findings });
        if (answer.findings.length > 0) return;
      }
      await api.send('POST', `/api/pairs/${pairId}/sessions/${sessionId}/takeaways`, { body: { text, visibility: level }, idempotencyKey: crypto.randomUUID() });
      setText('');
      setChecked(undefined);
      await refresh();
    });
  const decide = (t: Takeaway, approve: boolean) =>
    run(async () => {
      await api.send('POST', `/api/pairs/${pairId}/takeaways/${t.id}/consent`, { body: { approve } });
      await refresh();
    });

  return (
    <Section title={s.takeaways.title}>
      {writable && (
        <form className={styles.form} onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void save();
        }}>
          <Field label={s.takeaways.label}>
            <Textarea value={text} rows={3} resize="vertical" onChange={(_, d) => setText(d.value)} />
          </Field>
          <Field label={s.takeaways.level}>
            <RadioGroup value={level} onChange={(_, d) => setLevel(d.value as Level)}>
              {(['private', 'pair', 'program'] as const).map((v) => <Radio key={v} value={v} label={s.takeaways.levels[v]} />)}
            </RadioGroup>
          </Field>
          {level !== 'private' && (
            <div className={styles.row}>
              <Button disabled={!text.trim() || busy || findings !== undefined} onClick={() => void check(text)}>{s.takeaways.check}</Button>
            </div>
          )}
          {findings && level !== 'private' && (findings.length === 0 ? (
            <Caption1 role="status">{s.takeaways.noFindings}</Caption1>
          ) : (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{s.takeaways.findingsTitle}</MessageBarTitle>
                {s.takeaways.findingsHint}
                <HighlightedText text={text} findings={findings} />
                <ul className={styles.redactions} aria-label={s.takeaways.findingsTitle}>
                  {findings.map((f) => (
                    <li key={`${f.start}-${f.end}`} className={styles.row}>
                      <Badge appearance="tint" color="warning">{s.takeaways.finding[f.kind] ?? f.kind}</Badge>
                      <Button size="small" onClick={() => {
                        const next = redact(text, f);
                        setText(next);
                        void check(next);
                      }}>{s.takeaways.redact(f.text)}</Button>
                    </li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          ))}
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={!text.trim() || busy}>
              {level === 'private' ? s.takeaways.save : s.takeaways.share}
            </Button>
          </div>
        </form>
      )}
      {error && <ProblemMessage error={error} />}

      <Text weight="semibold" as="h3">{s.takeaways.mine}</Text>
      {mine.length === 0 ? <Body1>{s.takeaways.none}</Body1> : (
        <ul className={styles.list}>
          {mine.map((t) => (
            <li key={t.id} className={styles.item}>
              <Body1>{t.text}</Body1>
              <div className={styles.row}>
                <Badge appearance="outline">{s.takeaways.levelShort[t.requestedVisibility]}</Badge>
                {t.status === 'awaitingConsent' && <Badge appearance="tint" color="informative">{s.takeaways.waiting}</Badge>}
                {t.status === 'declined' && <Badge appearance="tint" color="danger">{s.takeaways.declined}</Badge>}
                {t.status === 'shared' && <Badge appearance="tint" color="success">{s.takeaways.shared}</Badge>}
              </div>
            </li>
          ))}
        </ul>
      )}

      {awaitingYou.length > 0 && (
        <>
          <Text weight="semibold" as="h3">{s.takeaways.awaitingYou}</Text>
          <ul className={styles.list}>
            {awaitingYou.map((t) => (
              <li key={t.id} className={styles.item}>
                <HighlightedText text={t.text} findings={t.findings} />
                <div className={styles.row}>
                  <Badge appearance="outline">{s.takeaways.levelShort[t.requestedVisibility]}</Badge>
                  {t.findings.map((f) => <Badge key={`${f.start}`} appearance="tint" color="warning">{s.takeaways.finding[f.kind] ?? f.kind}</Badge>)}
                </div>
                {t.abilities.consent && !confidential && (
                  <div className={styles.row}>
                    <Button appearance="primary" disabled={busy} onClick={() => void decide(t, true)}>{s.takeaways.approve}</Button>
                    <Button disabled={busy} onClick={() => void decide(t, false)}>{s.takeaways.decline}</Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
