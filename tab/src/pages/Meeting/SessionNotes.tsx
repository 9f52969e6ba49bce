// The session's notes in the panel: my own note (private by default) and my partner's shared notes,
// which the pair writes in together.
import { Spinner } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { ApiClient } from '../../api/client';
import type { Note } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { PanelSection as Section } from './PanelSection';
import { NoteEditor } from './NoteEditor';
import { meetingStrings as s } from './strings';
import { usePolled } from './usePolled';
import { useNoteSync } from './useNoteSync';

interface Props {
  api: ApiClient;
  pairId: string;
  sessionId: string;
  me: string;
  partnerName: string;
  /** Confidential mode: the notes are read-only, and unsaved text is taken back (onWithheld). */
  confidential: boolean;
  onWithheld?: (text: string) => void;
  /** Changes when a note was written elsewhere in the panel (kept from off the record): re-read at once. */
  revision?: number;
  /** Ended pair: read-only. */
  readOnly: boolean;
}

/** Where a note's unsaved text is kept on this device. */
export const draftKey = (pairId: string, sessionId: string, userId: string, slot: string) =>
  `rm.note.${pairId}.${sessionId}.${userId}.${slot}`;

export function SessionNotes(props: Props) {
  const { api, pairId, sessionId } = props;
  const notesPath = `/api/pairs/${pairId}/sessions/${sessionId}/notes`;
  const notes = usePolled<{ notes: Note[] }>(api, notesPath);
  const refreshNotes = async () => (await notes.refresh())?.notes;
  const { refresh } = notes;
  useEffect(() => {
    if (props.revision) void refresh();
  }, [props.revision, refresh]);
  const mine = notes.data?.notes.filter((n) => n.authorId === props.me) ?? [];
  return (
    <Section title={s.notes.title}>
      {!notes.data &&
        (notes.error ? (
          <ProblemMessage error={notes.error} onRetry={() => void notes.refresh()} />
        ) : (
          <Spinner size="small" label={s.loading} />
        ))}
      {notes.data && (
        <>
          <OneNote
            {...props}
            notesPath={notesPath}
            slot="mine"
            label={s.notes.mine}
            refreshNotes={refreshNotes}
            stored={mine[0]}
          />
          {mine.slice(1).map((n, i) => (
            <OneNote
              key={n.id}
              {...props}
              notesPath={notesPath}
              slot={n.id}
              label={s.notes.mineMore(i + 2)}
              refreshNotes={refreshNotes}
              stored={n}
            />
          ))}
          {notes.data.notes
            .filter((n) => n.authorId !== props.me && n.visibility === 'pair')
            .map((n) => (
              <OneNote
                key={n.id}
                {...props}
                notesPath={notesPath}
                slot={n.id}
                label={s.notes.partnerLabel(props.partnerName)}
                refreshNotes={refreshNotes}
                stored={n}
              />
            ))}
        </>
      )}
    </Section>
  );
}

function OneNote(
  props: Props & {
    notesPath: string;
    slot: string;
    label: string;
    stored?: Note;
    refreshNotes: () => Promise<Note[] | undefined>;
  },
) {
  const sync = useNoteSync({
    api: props.api,
    notesPath: props.notesPath,
    storageKey: draftKey(props.pairId, props.sessionId, props.me, props.slot),
    ...(props.stored ? { stored: props.stored } : {}),
    confidential: props.confidential,
    ...(props.onWithheld ? { onWithheld: props.onWithheld } : {}),
    refreshNotes: props.refreshNotes,
  });
  const mine = props.stored ? props.stored.authorId === props.me : props.slot === 'mine';
  const readOnly =
    props.readOnly || props.confidential || (props.stored ? props.stored.abilities.update !== true : false);
  return (
    <NoteEditor
      sync={sync}
      label={props.label}
      canChangeLevel={mine && !props.readOnly && !props.confidential}
      readOnly={readOnly}
    />
  );
}
