// The one consent component, for the personal tab and the meeting side panel (both load it lazily):
// the partner sees exactly the text that would be stored at the level asked for (the anonymised copy
// for the programme), with the findings marked and why, may redact more words (never add) and then
// approves or declines. FindingsReview shows the author the same findings while writing.
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useMemo, useState } from 'react';
import { redactWords, splitWords } from '../../../../bot/src/domain/redaction';
import { labelOf } from '../../../../bot/src/domain/sensitive/labels';
import type { ApiClient } from '../../api/client';
import type { Finding, Takeaway } from '../../api/types';
import { ProblemMessage } from '../ProblemMessage';
import { consentStrings as s } from './strings';
import { useTakeawayDraft, type Level } from './useTakeawayDraft';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  quote: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  word: {
    font: 'inherit',
    color: 'inherit',
    background: 'none',
    border: 'none',
    padding: 0,
    margin: 0,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusSmall,
    textDecorationLine: 'underline',
    textDecorationStyle: 'dotted',
    textUnderlineOffset: '3px',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground2Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  // The outline keeps marks visible in high contrast, where the palette's yellow background is the canvas.
  marked: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    outline: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStrokeAccessible}`,
  },
  redacted: { textDecorationLine: 'line-through', textDecorationStyle: 'solid', textDecorationThickness: '2px' },
  label: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusSmall,
    outline: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStrokeAccessible}`,
  },
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  textarea: {
    font: 'inherit',
    resize: 'vertical',
    minWidth: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'center',
  },
});

const LABEL = /\[[^\][]{1,40}\]/gu;

/** A text with its labels ("[name]") or its findings marked, for reading. */
export function MarkedText({ text, findings }: { text: string; findings?: readonly Finding[] }) {
  const styles = useStyles();
  const spans = findings
    ? [...findings].sort((a, b) => a.start - b.start).map((f) => ({ start: f.start, end: f.end }))
    : [...text.matchAll(LABEL)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const parts: JSX.Element[] = [];
  let at = 0;
  for (const [i, f] of spans.entries()) {
    if (f.start < at) continue;
    parts.push(<Fragment key={`t${i}`}>{text.slice(at, f.start)}</Fragment>);
    parts.push(
      <mark key={`m${i}`} className={styles.label}>
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return (
    <Body1 as="p" block className={styles.quote}>
      {parts}
    </Body1>
  );
}

function FindingList({ findings, onRedact }: { findings: readonly Finding[]; onRedact?: (f: Finding) => void }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={s.findingsTitle}>
      {findings.map((f) => (
        <li key={`${f.start}-${f.end}`} className={styles.row}>
          <Badge appearance="tint" color="warning">
            {s.category[f.kind] ?? f.kind}
          </Badge>
          <Caption1>{`“${f.text}” — ${s.reason[f.reason] ?? f.reason}`}</Caption1>
          {onRedact && (
            <Button size="small" onClick={() => onRedact(f)}>
              {s.redactFinding(f.text)}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** For the author while writing: the text with its findings, each with category, reason and "Redact" (which hands back the redacted text). */
export function FindingsReview({
  text,
  findings,
  onRedacted,
}: {
  text: string;
  findings: readonly Finding[];
  onRedacted: (next: string) => void;
}) {
  if (findings.length === 0) return <Caption1 role="status">{s.noFindings}</Caption1>;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{s.findingsTitle}</MessageBarTitle>
        <Body1 as="p" block>
          {s.findingsHint}
        </Body1>
        <MarkedText text={text} findings={findings} />
        <FindingList findings={findings} onRedact={(f) => onRedacted(redactFinding(text, f))} />
      </MessageBarBody>
    </MessageBar>
  );
}

/** Replaces one finding by its label (the one the programme copy uses); the text is then checked again. */
export const redactFinding = (text: string, f: Finding): string =>
  text.slice(0, f.start) + labelOf(f) + text.slice(f.end);

/** Writing a takeaway outside a meeting (the personal tab): it belongs to the pair's latest session. */
export function TakeawayWriter({
  api,
  pairId,
  sessionId,
  sessionLabel,
  onSaved,
}: {
  api: ApiClient;
  pairId: string;
  sessionId: string;
  sessionLabel: string;
  onSaved: (confirmation: string) => Promise<unknown> | void;
}) {
  const styles = useStyles();
  const { text, setText, level, setLevel, findings, error, busy, check, save } = useTakeawayDraft(api, pairId, () =>
    onSaved(s.writer.saved),
  );
  return (
    <form
      className={styles.card}
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) void save(sessionId);
      }}
    >
      <Caption1>{s.writer.session(sessionLabel)}</Caption1>
      {/* A native textarea styled like Fluent's: importing Textarea here would split the panel's shared chunk (+0.8 KB there). */}
      <Field label={s.writer.label}>
        {(fieldProps) => (
          <textarea
            {...fieldProps}
            className={styles.textarea}
            value={text}
            rows={3}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      {/* A native select: the panel's radio group would be split into a chunk of its own for both surfaces. */}
      <Field label={s.writer.level}>
        <Select value={level} onChange={(_, d) => setLevel(d.value as Level)}>
          {(['private', 'pair', 'program'] as const).map((v) => (
            <option key={v} value={v}>
              {s.writer.levels[v]}
            </option>
          ))}
        </Select>
      </Field>
      {findings && level !== 'private' && (
        <FindingsReview
          text={text}
          findings={findings}
          onRedacted={(next) => {
            setText(next);
            void check(next);
          }}
        />
      )}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={!text.trim() || busy}>
          {level === 'private' ? s.writer.save : s.writer.share}
        </Button>
      </div>
      {error && <ProblemMessage error={error} />}
    </form>
  );
}

/** What the partner is asked to approve: the text stored at the level asked for. */
const proposedOf = (t: Takeaway) => (t.requestedVisibility === 'program' ? (t.programText ?? '') : t.text);

interface ConsentProps {
  api: ApiClient;
  pairId: string;
  takeaway: Takeaway;
  disabled?: boolean;
  /** After a decision, with the confirmation to show; the item then moves to the shared list. */
  onDecided: (confirmation: string) => void | Promise<unknown>;
}

export default function TakeawayConsent({ api, pairId, takeaway, disabled, onDecided }: ConsentProps) {
  const styles = useStyles();
  const proposed = proposedOf(takeaway);
  const { gaps, words } = useMemo(() => splitWords(proposed), [proposed]);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const finalText = redactWords(proposed, picked);
  const level = s.level[takeaway.requestedVisibility] ?? takeaway.requestedVisibility;

  // Which words the scanner marked: a label in the programme copy, a finding in the pair text.
  const markedWords = useMemo(() => {
    const marked = new Set<number>();
    let at = 0;
    const spans =
      takeaway.requestedVisibility === 'program'
        ? [...proposed.matchAll(LABEL)].map((m) => [m.index, m.index + m[0].length] as const)
        : takeaway.findings.map((f) => [f.start, f.end] as const);
    words.forEach((w, i) => {
      at += gaps[i]!.length;
      if (spans.some(([a, b]) => at < b && a < at + w.length)) marked.add(i);
      at += w.length;
    });
    return marked;
  }, [proposed, takeaway, gaps, words]);

  // A label's brackets belong to it: the gap before drops its "[", the gap after its "]".
  const isLabel = (i: number) =>
    takeaway.requestedVisibility === 'program' &&
    markedWords.has(i) &&
    /\[$/u.test(gaps[i] ?? '') &&
    /^\]/u.test(gaps[i + 1] ?? '');
  const gapText = (i: number) => {
    let gap = gaps[i] ?? '';
    if (i > 0 && isLabel(i - 1)) gap = gap.slice(1);
    if (i < words.length && isLabel(i)) gap = gap.slice(0, -1);
    return gap;
  };
  const toggle = (i: number) =>
    setPicked((p) => {
      const next = new Set(p);
      if (!next.delete(i)) next.add(i);
      return next;
    });
  const decide = async (approve: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', `/api/pairs/${pairId}/takeaways/${takeaway.id}/consent`, {
        body: approve ? { approve, finalText } : { approve },
      });
      await onDecided(approve ? s.approved(level) : s.declined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.card}>
      <Text weight="semibold">{s.storedAs(level)}</Text>
      <Caption1>{s.storedHint}</Caption1>
      {takeaway.requestedVisibility === 'program' && <Caption1>{s.programHint}</Caption1>}
      <Body1 as="p" block className={styles.quote} role="group" aria-label={s.wordsLabel}>
        {gapText(0)}
        {words.map((w, i) => (
          <Fragment key={i}>
            {/* In the programme copy the marked words are the labels: already redacted, nothing to pick. */}
            {isLabel(i) ? (
              <span className={styles.label}>{`[${w}]`}</span>
            ) : (
              <button
                type="button"
                aria-pressed={picked.has(i)}
                aria-label={picked.has(i) ? s.restoreWord(w) : s.redactWord(w)}
                className={mergeClasses(
                  styles.word,
                  markedWords.has(i) && styles.marked,
                  picked.has(i) && styles.redacted,
                )}
                disabled={disabled || busy}
                onClick={() => toggle(i)}
              >
                {w}
              </button>
            )}
            {gapText(i + 1)}
          </Fragment>
        ))}
      </Body1>
      {takeaway.findings.length > 0 ? (
        <FindingList findings={takeaway.findings} />
      ) : (
        <Caption1>{s.noFindings}</Caption1>
      )}
      <Text weight="semibold" as="h4" size={200}>
        {s.finalLabel}
      </Text>
      <div aria-live="polite" data-final-text>
        <MarkedText text={finalText} />
      </div>
      <div className={styles.row}>
        <Button appearance="primary" disabled={disabled || busy} onClick={() => void decide(true)}>
          {s.approve}
        </Button>
        <Button disabled={disabled || busy} onClick={() => void decide(false)}>
          {s.decline}
        </Button>
      </div>
      {error && <ProblemMessage error={error} />}
    </div>
  );
}
