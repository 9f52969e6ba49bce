// Off the record (confidential mode): a scratch pad that lives in memory only. Entering the mode takes
// back what was typed in the notes since their last save (useNoteSync hands it over); while it is on,
// nothing is written to the server or the device. Ending it asks, in a dialog whose default is to
// discard, whether to keep the text; kept, it becomes a new private note, never part of a shared one.
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, MessageBar, MessageBarBody,
  Switch, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  pad: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  textarea: { width: '100%' },
  actions: { display: 'flex', flexDirection: 'column', alignItems: 'stretch', rowGap: tokens.spacingVerticalS },
});

interface Props {
  api: ApiClient;
  /** Where a kept text becomes a private note; undefined when the meeting has no session to note in. */
  notesPath?: string;
  on: boolean;
  setOn: (on: boolean) => void;
  text: string;
  setText: (text: string) => void;
  /** Whether text typed before the switch was taken back into the pad. */
  withheld: boolean;
  /** After a kept note was written: re-read the notes. */
  onKept: () => void;
}

export function OffTheRecord({ api, notesPath, on, setOn, text, setText, withheld, onKept }: Props) {
  const styles = useStyles();
  const [ending, setEnding] = useState(false);
  const [keeping, setKeeping] = useState<{ busy?: boolean; error?: Error; key?: string }>({});
  const [kept, setKept] = useState(false);

  const end = () => {
    setText('');
    setEnding(false);
    setKeeping({});
    setOn(false);
  };
  const toggle = (next: boolean) => {
    setKept(false);
    if (next) setOn(true);
    else if (text.trim() === '') end();
    else setEnding(true);
  };
  async function keep() {
    // One key per kept text: a retry after a lost answer never makes a second note.
    const key = keeping.key ?? crypto.randomUUID();
    setKeeping({ busy: true, key });
    try {
      await api.send('POST', notesPath!, { body: { body: text, visibility: 'private' }, idempotencyKey: key });
      end();
      setKept(true);
      onKept();
    } catch (error) {
      setKeeping({ error: error as Error, key });
    }
  }

  return (
    <>
      <Switch checked={on} label={s.confidential.toggle} onChange={(_, d) => toggle(d.checked)} />
      {kept && <MessageBar intent="success"><MessageBarBody>{s.confidential.kept}</MessageBarBody></MessageBar>}
      {on && (
        <div className={styles.pad}>
          <MessageBar intent="warning" layout="multiline"><MessageBarBody>{s.confidential.on}</MessageBarBody></MessageBar>
          {withheld && <MessageBar intent="info" layout="multiline"><MessageBarBody>{s.confidential.withheld}</MessageBarBody></MessageBar>}
          <Field label={s.confidential.pad} hint={s.confidential.padHint}>
            <Textarea className={styles.textarea} resize="vertical" rows={5} value={text} onChange={(_, d) => setText(d.value)} />
          </Field>
        </div>
      )}
      <Dialog open={ending} modalType="alert" onOpenChange={(_, d) => !d.open && setEnding(false)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{s.confidential.endTitle}</DialogTitle>
            <DialogContent>
              {s.confidential.endBody}
              {keeping.error && <ProblemMessage error={keeping.error} />}
            </DialogContent>
            <DialogActions className={styles.actions}>
              {/* The default, first and focused: discarding. Keeping takes a deliberate choice. */}
              <Button appearance="primary" onClick={end} disabled={keeping.busy}>{s.confidential.discard}</Button>
              {notesPath && <Button onClick={() => void keep()} disabled={keeping.busy}>{keeping.busy ? s.confidential.keeping : s.confidential.keep}</Button>}
              <Button appearance="subtle" onClick={() => setEnding(false)} disabled={keeping.busy}>{s.confidential.stay}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
