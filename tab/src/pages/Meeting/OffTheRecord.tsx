// Off the record (confidential mode): a scratch pad that lives in memory only. Entering the mode takes
// back what was typed in the notes since their last save (useNoteSync hands it over); while it is on,
// nothing is written to the server or the device. Ending it asks, in a dialog whose default (focused)
// answer discards, whether to keep the text; kept, it becomes a new private note, never part of a shared
// one. The dialog sits in the panel (an alertdialog, not a modal over the meeting), which also keeps
// Fluent's modal machinery out of the personal tab's first load (it would share the admin view's).
import {
  Body1,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  pad: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  textarea: { width: '100%' },
  actions: { display: 'flex', flexDirection: 'column', alignItems: 'stretch', rowGap: tokens.spacingVerticalS },
  dialog: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteDarkOrangeBorder2}`,
  },
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
  const discardRef = useRef<HTMLButtonElement>(null);
  // The dialog takes the focus on its default answer.
  useEffect(() => {
    if (ending) discardRef.current?.focus();
  }, [ending]);

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
      <Switch checked={on} label={s.confidential.toggle} disabled={ending} onChange={(_, d) => toggle(d.checked)} />
      {kept && (
        <MessageBar intent="success">
          <MessageBarBody>{s.confidential.kept}</MessageBarBody>
        </MessageBar>
      )}
      {on && (
        <div className={styles.pad}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{s.confidential.on}</MessageBarBody>
          </MessageBar>
          {withheld && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{s.confidential.withheld}</MessageBarBody>
            </MessageBar>
          )}
          <Field label={s.confidential.pad} hint={s.confidential.padHint}>
            <Textarea
              className={styles.textarea}
              resize="vertical"
              rows={5}
              value={text}
              onChange={(_, d) => setText(d.value)}
            />
          </Field>
        </div>
      )}
      {ending && (
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- a dialog closes on Escape (WAI-ARIA dialog pattern)
        <div
          role="alertdialog"
          aria-labelledby="end-off-record-title"
          aria-describedby="end-off-record-body"
          className={styles.dialog}
          onKeyDown={(e: KeyboardEvent) => e.key === 'Escape' && !keeping.busy && setEnding(false)}
        >
          <Subtitle2 as="h2" id="end-off-record-title">
            {s.confidential.endTitle}
          </Subtitle2>
          <Body1 id="end-off-record-body">{s.confidential.endBody}</Body1>
          {keeping.error && <ProblemMessage error={keeping.error} />}
          <div className={styles.actions}>
            <Button ref={discardRef} appearance="primary" onClick={end} disabled={keeping.busy}>
              {s.confidential.discard}
            </Button>
            {notesPath && (
              <Button onClick={() => void keep()} disabled={keeping.busy}>
                {keeping.busy ? s.confidential.keeping : s.confidential.keep}
              </Button>
            )}
            <Button appearance="subtle" onClick={() => setEnding(false)} disabled={keeping.busy}>
              {s.confidential.stay}
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
