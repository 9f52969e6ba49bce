// "Your data": download everything you wrote as JSON, or delete it after a confirmation. Loaded when the
// person opens it (MyData.tsx), so the personal tab's first load does not carry it.
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { language } from '../locale';
import { ProblemMessage } from './ProblemMessage';

const en = {
  title: 'Your data',
  explanation: 'Download everything you wrote or own in Reverse Mentoring (notes, takeaways, goals, commitments, the ratings you gave) as a JSON file, or delete it. Deleting keeps your pairs, sessions and your place in the programme; your programme admin manages those. Learnings you shared with the programme are deleted with your takeaways.',
  download: 'Download as JSON',
  delete: 'Delete my content…',
  confirm: 'This deletes your notes, takeaways, goals and commitments in every pair, for good. Your partner keeps their own content.',
  confirmButton: 'Delete for good',
  cancel: 'Cancel',
  deleted: (n: number) => `Deleted ${n} ${n === 1 ? 'item' : 'items'}.`,
};
const de: typeof en = {
  title: 'Ihre Daten',
  explanation: 'Laden Sie alles, was Sie in Reverse Mentoring geschrieben haben oder verantworten (Notizen, Erkenntnisse, Ziele, Zusagen, Ihre Bewertungen), als JSON-Datei herunter oder löschen Sie es. Ihre Tandems, Sitzungen und Ihre Teilnahme bleiben bestehen; diese verwaltet Ihre Programmverantwortung. Mit dem Programm geteilte Erkenntnisse werden mit Ihren Erkenntnissen gelöscht.',
  download: 'Als JSON herunterladen',
  delete: 'Meine Inhalte löschen…',
  confirm: 'Damit werden Ihre Notizen, Erkenntnisse, Ziele und Zusagen in allen Tandems endgültig gelöscht. Ihr Gegenüber behält die eigenen Inhalte.',
  confirmButton: 'Endgültig löschen',
  cancel: 'Abbrechen',
  deleted: (n: number) => `${n} ${n === 1 ? 'Eintrag' : 'Einträge'} gelöscht.`,
};
const strings = language === 'de' ? de : en;

const useStyles = makeStyles({
  panel: {
    display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

type Deleted = { deleted: Record<string, number> };

/** The "Your data" panel: download as JSON, or delete after a confirmation. */
export default function MyDataPanel({ api, onDeleted }: { api: ApiClient; onDeleted?: () => void }) {
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<{ error?: Error; deleted?: number; busy?: boolean }>({});

  async function download() {
    try {
      const data = await api.get<unknown>('/api/me/data');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      link.download = 'reverse-mentoring-my-data.json';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  async function erase() {
    setState({ busy: true });
    try {
      const result = await api.send<Deleted>('DELETE', '/api/me/data');
      setConfirming(false);
      setState({ deleted: Object.values(result.deleted).reduce((a, b) => a + b, 0) });
      onDeleted?.();
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  return (
    <section id="your-data" className={styles.panel} aria-label={strings.title}>
      {state.error && <ProblemMessage error={state.error} />}
      {state.deleted !== undefined && <MessageBar intent="success"><MessageBarBody>{strings.deleted(state.deleted)}</MessageBarBody></MessageBar>}
      <Text>{confirming ? strings.confirm : strings.explanation}</Text>
      <div className={styles.actions}>
        {confirming ? (
          <>
            <Button appearance="primary" onClick={erase} disabled={state.busy}>{strings.confirmButton}</Button>
            <Button onClick={() => setConfirming(false)}>{strings.cancel}</Button>
          </>
        ) : (
          <>
            <Button appearance="primary" onClick={download}>{strings.download}</Button>
            <Button onClick={() => setConfirming(true)}>{strings.delete}</Button>
          </>
        )}
      </div>
    </section>
  );
}
