// One note kept in step with the server: autosave after a typing pause, a local copy of unsaved text
// (localStorage, so it survives going offline and reloading), ETags on every write, and the partner's
// changes merged in (noteMerge.ts) or, where both changed the same text, both versions shown.
import { useEffect, useLayoutEffect, useState } from 'react';
import type { ApiClient, ApiError } from '../../api/client';
import type { Note } from '../../api/types';
import { keepBoth, mergeText } from './noteMerge';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'offline' | 'conflict' | 'confidential' | 'empty' | 'error';
export type NoteVisibility = Note['visibility'];
export type ConflictChoice = 'mine' | 'theirs' | 'both';

export const AUTOSAVE_MS = 800;
const OFFLINE_RETRY_MS = 3000;

/** What is kept on the device while text is not saved yet. */
interface Draft {
  text: string;
  /** The stored text the draft started from. */
  base: string;
  etag?: string;
  noteId?: string;
  /** Idempotency-Key of the create, so that a retried create never makes a second note. */
  createKey: string;
  /** The create sent under createKey: a retry sends exactly it again (the server refuses the key for another body). */
  createSent?: { body: string; visibility: NoteVisibility };
  visibility: NoteVisibility;
}

export interface NoteSyncOptions {
  api: ApiClient;
  /** `/api/pairs/:pairId/sessions/:sessionId/notes` */
  notesPath: string;
  /** Where unsaved text is kept on this device (one key per user, session and note). */
  storageKey: string;
  /** The stored note as last polled; undefined while the caller's own note does not exist yet. */
  stored?: Note;
  /**
   * Confidential mode: nothing is written, to the server or to the device. Entering it cancels a pending
   * save and takes back what was typed since the last save (handed to onWithheld); the editor is then read-only.
   */
  confidential: boolean;
  /** Receives the unsaved text taken back when confidential mode starts (it is off the record from then on). */
  onWithheld?: (text: string) => void;
  /** Re-reads the notes (after a 412) and returns them. */
  refreshNotes: () => Promise<Note[] | undefined>;
  delayMs?: number;
}

export interface NoteSync {
  text: string;
  setText: (text: string) => void;
  status: SaveStatus;
  error?: string;
  conflict?: { mine: string; theirs: string };
  resolveConflict: (choice: ConflictChoice) => void;
  visibility: NoteVisibility;
  setVisibility: (visibility: NoteVisibility) => void;
}

/** A conflict shown to the writer: their text, the partner's, and the ETag of the partner's. */
interface Conflict {
  mine: string;
  theirs: string;
  theirsEtag: string;
}

/**
 * The note as this editor knows it, read by timers and server answers between renders (React state
 * is for what is shown): the draft, the save in flight and an open conflict.
 */
interface SyncRecord extends Draft {
  saving: boolean;
  /** The text of a save in flight: it left before confidential mode began, so it counts as saved. */
  sending?: string;
  conflict?: Conflict;
}

function readDraft(key: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : undefined;
  } catch {
    return undefined;
  }
}

function writeDraft(key: string, { text, base, createKey, visibility, createSent, etag, noteId }: Draft): void {
  try {
    localStorage.setItem(
      key,
      JSON.stringify({ text, base, createKey, visibility, createSent, etag, noteId } satisfies Draft),
    );
  } catch {
    // Storage full or blocked: the text is still in memory and saved when the server answers.
  }
}

/** The draft of a note not yet changed here: the stored note, or an empty one with a fresh create key. */
function draftOf(stored: Note | undefined): Draft {
  return {
    text: stored?.body ?? '',
    base: stored?.body ?? '',
    createKey: crypto.randomUUID(),
    visibility: stored?.visibility ?? 'private',
    ...(stored ? { etag: stored.etag, noteId: stored.id } : {}),
  };
}

/** Whether a failed create was refused for good: nothing exists under its key, so the next attempt is a new request. */
const createRefused = (failure: ApiError) =>
  failure.status >= 400 && failure.status < 500 && ![408, 409, 422, 429].includes(failure.status);

/** What the editor shows. */
interface Shown {
  text: string;
  status: SaveStatus;
  error?: string;
  conflict?: Conflict;
  visibility: NoteVisibility;
}

type SyncSettings = Pick<
  NoteSyncOptions,
  'api' | 'notesPath' | 'storageKey' | 'confidential' | 'onWithheld' | 'refreshNotes'
> & { delayMs: number };

/**
 * The note's way to the server, as steps that timers, answers and the editor call; what the editor shows
 * goes out through `show`. Outside React: the record is read and written between renders.
 */
class NoteSyncer {
  private readonly note: SyncRecord;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    initial: Draft,
    private settings: SyncSettings,
    private readonly show: (change: Partial<Shown> | ((shown: Shown) => Partial<Shown>)) => void,
  ) {
    this.note = { ...initial, saving: false };
  }

  /** The latest props, from the last commit. */
  configure(settings: SyncSettings): void {
    this.settings = settings;
  }

  private showText(text: string): void {
    this.note.text = text;
    this.show({ text });
  }

  private showConflict(conflict: Conflict | undefined): void {
    this.note.conflict = conflict;
    this.show({ conflict });
  }

  /** Takes the note as the server stored it as the text this editor starts from. */
  private adopt(stored: Pick<Note, 'id' | 'body' | 'etag'>): void {
    this.note.noteId = stored.id;
    this.note.base = stored.body;
    this.note.etag = stored.etag;
  }

  private persist(): void {
    if (!this.settings.confidential) writeDraft(this.settings.storageKey, this.note);
  }

  private clearDraft(): void {
    localStorage.removeItem(this.settings.storageKey);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  /** Unsaved text found on the device at start (typed offline, then reloaded) is saved. */
  readonly start = (): (() => void) => {
    if (this.note.text !== this.note.base) void this.flush();
    return () => clearTimeout(this.timer);
  };

  readonly retry = (): void => void this.flush();

  readonly setText = (text: string): void => {
    this.showText(text);
    if (this.settings.confidential) return;
    this.persist();
    this.show(({ status }) => ({ status: status === 'offline' || status === 'conflict' ? status : 'unsaved' }));
    this.schedule(this.settings.delayMs);
  };

  /** A stored version from polling: a newer partner's text in an open conflict, or taken in. */
  polled(stored: Note): void {
    const open = this.note.conflict;
    if (!open) this.incorporate(stored);
    else if (stored.etag !== open.theirsEtag)
      this.showConflict({ ...open, theirs: stored.body, theirsEtag: stored.etag });
  }

  /** Takes a newer stored version in: adopt it, merge it with unsaved text, or show both. */
  private incorporate(stored: Note): void {
    const note = this.note;
    if (note.saving || stored.etag === note.etag) return;
    note.noteId = stored.id;
    const mine = note.text;
    if (mine === note.base) {
      this.adopt(stored);
      this.showText(stored.body);
      this.clearDraft();
      this.show({ status: 'saved' });
      return;
    }
    const merged = mergeText(note.base, mine, stored.body);
    if (merged === undefined) {
      this.showConflict({ mine, theirs: stored.body, theirsEtag: stored.etag });
      this.show({ status: 'conflict' });
      this.persist();
      return;
    }
    this.adopt(stored);
    this.showText(merged);
    this.persist();
    void this.flush();
  }

  /** Saves the text now: a PATCH of the note, or its create (sent again exactly as first sent). */
  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    const note = this.note;
    const { api, notesPath, confidential } = this.settings;
    if (note.saving || confidential || note.conflict) return;
    const sending = note.text;
    if (sending === note.base && (note.noteId || sending === '')) {
      this.clearDraft();
      this.show({ status: 'saved' });
      return;
    }
    if (sending.trim() === '') {
      this.show({ status: 'empty' });
      return;
    }
    note.saving = true;
    note.sending = sending;
    this.show({ status: 'saving', error: undefined });
    if (!note.noteId && !note.createSent) {
      note.createSent = { body: sending, visibility: note.visibility };
      this.persist();
    }
    try {
      this.saved(
        note.noteId
          ? await api.send<Note>('PATCH', `${notesPath}/${note.noteId}`, {
              body: { body: sending },
              ...(note.etag ? { ifMatch: note.etag } : {}),
            })
          : await api.send<Note>('POST', notesPath, { body: note.createSent, idempotencyKey: note.createKey }),
      );
    } catch (e) {
      await this.failed(e as ApiError);
    }
  }

  /** A save came back: what was typed meanwhile is saved next. */
  private saved(result: Note): void {
    const note = this.note;
    note.saving = false;
    note.createSent = undefined;
    note.sending = undefined;
    this.adopt(result);
    const { confidential } = this.settings;
    if (note.text === result.body || confidential) {
      // (In confidential mode the editor already shows what was sent: nothing more is saved.)
      this.showText(result.body);
      this.clearDraft();
      this.show({ status: confidential ? 'confidential' : 'saved' });
    } else {
      // Typed on while saving (or a retried create returned the first text): save the rest.
      this.persist();
      this.show({ status: 'unsaved' });
      this.schedule(this.settings.delayMs);
    }
  }

  /** A save failed: offline, the first create still under way, a newer version stored, or an error to show. */
  private async failed(failure: ApiError): Promise<void> {
    const note = this.note;
    note.saving = false;
    note.sending = undefined;
    this.persist();
    if (!note.noteId && createRefused(failure)) {
      note.createKey = crypto.randomUUID();
      note.createSent = undefined;
      this.persist();
    }
    if (failure.status === 0) {
      this.show({ status: 'offline' });
    } else if (failure.status === 409 && !note.noteId) {
      // The first attempt is still being saved (another tab or a retry): ask again shortly for its result.
      this.show({ status: 'saving' });
      this.schedule((failure.retryAfterSeconds ?? 2) * 1000);
    } else if (failure.status === 412) {
      if (!(await this.reread())) this.show({ status: 'unsaved' });
    } else {
      this.show({ status: 'error', error: failure.message });
    }
  }

  /** After a 412: the note as stored now, taken in; false where it is not there. */
  private async reread(): Promise<boolean> {
    const current = (await this.settings.refreshNotes())?.find((n) => n.id === this.note.noteId);
    if (current) this.incorporate(current);
    return current !== undefined;
  }

  readonly resolveConflict = (choice: ConflictChoice): void => {
    const open = this.note.conflict;
    if (!open) return;
    this.note.base = open.theirs;
    this.note.etag = open.theirsEtag;
    const mine = this.note.text;
    this.showConflict(undefined);
    this.showText(choice === 'theirs' ? open.theirs : choice === 'mine' ? mine : keepBoth(mine, open.theirs));
    void this.flush();
  };

  readonly setVisibility = (visibility: NoteVisibility): void => {
    this.note.visibility = visibility;
    this.show({ visibility });
    if (this.settings.confidential || !this.note.noteId) this.persist();
    else void this.changeVisibility(visibility, 1);
  };

  private async changeVisibility(visibility: NoteVisibility, attempt: number): Promise<void> {
    const note = this.note;
    const { api, notesPath } = this.settings;
    try {
      const result = await api.send<Note>('PATCH', `${notesPath}/${note.noteId}`, {
        body: { visibility },
        ...(note.etag ? { ifMatch: note.etag } : {}),
      });
      // The level changed, not the text: the stored text is still what this editor started from.
      note.etag = result.etag;
      note.base = result.body;
    } catch (e) {
      const failure = e as ApiError;
      if (failure.status === 412 && attempt === 1) {
        await this.reread();
        return this.changeVisibility(visibility, 2);
      }
      this.show({ status: 'error', error: failure.message });
    }
  }

  /**
   * Confidential mode starts: the pending save is cancelled and the text typed since the last save leaves
   * the editor and the device (handed to onWithheld); the editor shows the saved text (or what is being sent).
   */
  withhold(): void {
    clearTimeout(this.timer);
    const saved = this.note.sending ?? this.note.base;
    const unsaved = this.note.text;
    this.clearDraft();
    if (unsaved === saved) return;
    this.showText(saved);
    if (unsaved.trim() !== '') this.settings.onWithheld?.(unsaved);
  }

  /** Nothing is typed during confidential mode (the editor is read-only): when it ends, the note is as saved. */
  statusFor(confidential: boolean): SaveStatus {
    return confidential ? 'confidential' : this.note.text === this.note.base ? 'saved' : 'unsaved';
  }
}

/** Offline: try again when the browser says the network is back, and every few seconds. */
function useRetryWhileOffline(offline: boolean, retry: () => void) {
  useEffect(() => {
    if (!offline) return undefined;
    window.addEventListener('online', retry);
    const every = setInterval(retry, OFFLINE_RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      clearInterval(every);
    };
  }, [offline, retry]);
}

export function useNoteSync({ stored, delayMs = AUTOSAVE_MS, ...options }: NoteSyncOptions): NoteSync {
  const settings: SyncSettings = { ...options, delayMs };
  const { confidential } = settings;
  const [initial] = useState(() => readDraft(settings.storageKey) ?? draftOf(stored));
  const [shown, setShown] = useState<Shown>({
    text: initial.text,
    status: confidential ? 'confidential' : initial.text === initial.base ? 'saved' : 'unsaved',
    visibility: initial.visibility,
  });
  const [syncer] = useState(
    () =>
      new NoteSyncer(initial, settings, (change) => {
        setShown((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));
      }),
  );
  useLayoutEffect(() => syncer.configure(settings));

  useEffect(() => {
    if (stored) syncer.polled(stored);
  }, [syncer, stored]);
  useEffect(() => syncer.start(), [syncer]);
  useRetryWhileOffline(shown.status === 'offline', syncer.retry);
  // In the same task as the switch to confidential mode (a layout effect), before any timer can fire.
  useLayoutEffect(() => {
    if (confidential) syncer.withhold();
  }, [syncer, confidential]);
  // Confidential mode switched on or off: the status follows (state adjusted while rendering, as React advises).
  const [shownFor, setShownFor] = useState(confidential);
  if (confidential !== shownFor) {
    setShownFor(confidential);
    setShown((s) => ({ ...s, status: syncer.statusFor(confidential) }));
  }

  const { text, status, error, conflict, visibility } = shown;
  return {
    text,
    setText: syncer.setText,
    status,
    ...(error ? { error } : {}),
    ...(conflict ? { conflict: { mine: conflict.mine, theirs: conflict.theirs } } : {}),
    resolveConflict: syncer.resolveConflict,
    visibility,
    setVisibility: syncer.setVisibility,
  };
}
