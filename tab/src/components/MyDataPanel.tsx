// "Your data": download everything you wrote as JSON, or delete it after a confirmation. Loaded when the
// person opens it (MyData.tsx), so the personal tab's first load does not carry it.
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { catalogue } from '../i18n/catalogue';
import { ProblemMessage } from './ProblemMessage';

const strings = catalogue('panels').myDataPanel;

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
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
      {state.deleted !== undefined && (
        <MessageBar intent="success">
          <MessageBarBody>{strings.deleted(state.deleted)}</MessageBarBody>
        </MessageBar>
      )}
      <Text>{confirming ? strings.confirm : strings.explanation}</Text>
      <div className={styles.actions}>
        {confirming ? (
          <>
            <Button appearance="primary" onClick={erase} disabled={state.busy}>
              {strings.confirmButton}
            </Button>
            <Button onClick={() => setConfirming(false)}>{strings.cancel}</Button>
          </>
        ) : (
          <>
            <Button appearance="primary" onClick={download}>
              {strings.download}
            </Button>
            <Button onClick={() => setConfirming(true)}>{strings.delete}</Button>
          </>
        )}
      </div>
    </section>
  );
}
