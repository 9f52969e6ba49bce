// Writing a takeaway, in the meeting panel and the personal tab alike: the text, the level, and the
// findings of exactly the current text; before anything leaves the private level the first "Share"
// checks, so the findings are on screen before it is sent.
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Finding, Takeaway } from '../../api/types';

export type Level = Takeaway['requestedVisibility'];

export function useTakeawayDraft(api: ApiClient, pairId: string, onSaved: () => Promise<unknown> | void) {
  const [text, setText] = useState('');
  const [level, setLevel] = useState<Level>('private');
  // Findings for exactly `checked.text`; a change to the text needs a new check before sharing.
  const [checked, setChecked] = useState<{ text: string; findings: Finding[] }>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const findings = checked?.text === text ? checked.findings : undefined;

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
  const scan = async (value: string) => {
    const answer = await api.send<{ findings: Finding[] }>('POST', `/api/pairs/${pairId}/findings`, {
      body: { text: value },
    });
    setChecked({ text: value, findings: answer.findings });
    return answer.findings;
  };
  const check = (value: string) => run(async () => void (await scan(value)));
  const save = (sessionId: string) =>
    run(async () => {
      if (level !== 'private' && !findings && (await scan(text)).length > 0) return;
      await api.send('POST', `/api/pairs/${pairId}/sessions/${sessionId}/takeaways`, {
        body: { text, visibility: level },
        idempotencyKey: crypto.randomUUID(),
      });
      setText('');
      setChecked(undefined);
      await onSaved();
    });
  return { text, setText, level, setLevel, findings, error, busy, check, save };
}
