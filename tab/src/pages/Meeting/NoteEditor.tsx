// One note's editor: the text, its save state said in words (and to screen readers), the level switch
// for the author, and both versions side by side when the same text was changed in two places.
import {
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Switch,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { NoteSync, SaveStatus } from './useNoteSync';
import { meetingStrings as s } from './strings';

const useStyles = makeStyles({
  editor: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  textarea: { width: '100%' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
  },
  status: { color: tokens.colorNeutralForeground3 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  versions: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  version: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    padding: tokens.spacingHorizontalS,
    margin: 0,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});

const ATTENTION: SaveStatus[] = ['offline', 'conflict', 'confidential', 'error', 'empty'];

interface Props {
  sync: NoteSync;
  label: string;
  /** Only the author moves a note between private and pair. */
  canChangeLevel: boolean;
  readOnly?: boolean;
}

export function NoteEditor({ sync, label, canChangeLevel, readOnly = false }: Props) {
  const styles = useStyles();
  const statusText = s.notes.status[sync.status] + (sync.status === 'error' && sync.error ? `: ${sync.error}` : '');
  return (
    <div className={styles.editor} role="group" aria-label={label}>
      <Field
        label={label}
        hint={canChangeLevel ? (sync.visibility === 'pair' ? s.notes.pairHint : s.notes.privateHint) : undefined}
      >
        <Textarea
          className={styles.textarea}
          resize="vertical"
          rows={6}
          value={sync.text}
          readOnly={readOnly}
          placeholder={s.notes.placeholder}
          onChange={(_, d) => sync.setText(d.value)}
        />
      </Field>
      <div className={styles.row}>
        <Caption1
          role="status"
          aria-live="polite"
          data-save-status={sync.status}
          className={ATTENTION.includes(sync.status) ? styles.warning : styles.status}
        >
          {statusText}
        </Caption1>
        {canChangeLevel && (
          <Switch
            label={s.notes.sharedWithPair}
            checked={sync.visibility === 'pair'}
            disabled={readOnly}
            onChange={(_, d) => sync.setVisibility(d.checked ? 'pair' : 'private')}
          />
        )}
      </div>
      {sync.conflict && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.notes.conflictTitle}</MessageBarTitle>
            <div className={styles.versions}>
              <Text weight="semibold">{s.notes.yours}</Text>
              <Body1 as="p" className={styles.version}>
                {sync.conflict.mine}
              </Body1>
              <Text weight="semibold">{s.notes.theirs}</Text>
              <Body1 as="p" className={styles.version}>
                {sync.conflict.theirs}
              </Body1>
              <div className={styles.buttons}>
                <Button appearance="primary" onClick={() => sync.resolveConflict('both')}>
                  {s.notes.keepBoth}
                </Button>
                <Button onClick={() => sync.resolveConflict('mine')}>{s.notes.keepMine}</Button>
                <Button onClick={() => sync.resolveConflict('theirs')}>{s.notes.keepTheirs}</Button>
              </div>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
