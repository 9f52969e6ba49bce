// One note kept in step with the server: autosave after a typing pause, a local copy of unsaved text
// (localStorage, so it survives going offline and reloading), ETags on every write, and the partner's
// changes merged in (noteMerge.ts) or, where both changed the same text, both versions shown.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiClient, ApiError } from '../../api/client';
import type { Note } from '../../api/types';
import { useLatest } from '../../hooks/useLatest';
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

function readDraft(key: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : undefined;
  } catch {
    return undefined;
  }
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

export function useNoteSync({ api, notesPath, storageKey, stored, confidential, onWithheld, refreshNotes, delayMs = AUTOSAVE_MS }: NoteSyncOptions): NoteSync {
  const [initial] = useState(() => {
    const draft = readDraft(storageKey);
    if (draft) return draft;
    return {
      text: stored?.body ?? '', base: stored?.body ?? '', createKey: crypto.randomUUID(), visibility: stored?.visibility ?? 'private',
      ...(stored ? { etag: stored.etag, noteId: stored.id } : {}),
    } satisfies Draft;
  });
  const [text, setTextState] = useState(initial.text);
  const [status, setStatus] = useState<SaveStatus>(initial.text === initial.base ? 'saved' : 'unsaved');
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<{ mine: string; theirs: string; theirsEtag: string }>();
  const [visibility, setVisibilityState] = useState<NoteVisibility>(initial.visibility);

  const textRef = useRef(initial.text);
  const baseRef = useRef(initial.base);
  const etagRef = useRef(initial.etag);
  const noteIdRef = useRef(initial.noteId);
  const createKeyRef = useRef(initial.createKey);
  const createSentRef = useRef(initial.createSent);
  const visibilityRef = useRef(initial.visibility);
  const savingRef = useRef(false);
  const conflictRef = useLatest(conflict);
  const confidentialRef = useLatest(confidential);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  /** The text of a save in flight: it left before confidential mode began, so it counts as saved. */
  const sendingRef = useRef<string>();
  const onWithheldRef = useLatest(onWithheld);

  const persist = useCallback(() => {
    if (confidentialRef.current) return;
    const draft: Draft = {
      text: textRef.current, base: baseRef.current, createKey: createKeyRef.current, visibility: visibilityRef.current,
      ...(createSentRef.current ? { createSent: createSentRef.current } : {}),
      ...(etagRef.current ? { etag: etagRef.current } : {}), ...(noteIdRef.current ? { noteId: noteIdRef.current } : {}),
    };
    try {
      localStorage.setItem(storageKey, JSON.stringify(draft));
    } catch {
      // Storage full or blocked: the text is still in memory and saved when the server answers.
    }
  }, [storageKey, confidentialRef]);
  const clearDraft = useCallback(() => localStorage.removeItem(storageKey), [storageKey]);

  const showText = (value: string) => {
    textRef.current = value;
    setTextState(value);
  };

  // Set from flush below; lets incorporate() and flush() call each other.
  const flushRef = useRef<() => Promise<void>>(async () => {});

  /** Takes a newer stored version in: adopt it, merge it with unsaved text, or show both. */
  const incorporate = useCallback((note: Note) => {
    if (savingRef.current || note.etag === etagRef.current) return;
    noteIdRef.current = note.id;
    const mine = textRef.current;
    if (mine === baseRef.current) {
      baseRef.current = note.body;
      etagRef.current = note.etag;
      showText(note.body);
      clearDraft();
      setStatus('saved');
      return;
    }
    const merged = mergeText(baseRef.current, mine, note.body);
    if (merged === undefined) {
      setConflict({ mine, theirs: note.body, theirsEtag: note.etag });
      setStatus('conflict');
      persist();
      return;
    }
    baseRef.current = note.body;
    etagRef.current = note.etag;
    showText(merged);
    persist();
    void flushRef.current();
  }, [clearDraft, persist]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (savingRef.current || confidentialRef.current || conflictRef.current) return;
    const sending = textRef.current;
    if (sending === baseRef.current && (noteIdRef.current || sending === '')) {
      clearDraft();
      setStatus('saved');
      return;
    }
    if (sending.trim() === '') {
      setStatus('empty');
      return;
    }
    savingRef.current = true;
    sendingRef.current = sending;
    setStatus('saving');
    setError(undefined);
    if (!noteIdRef.current && !createSentRef.current) {
      createSentRef.current = { body: sending, visibility: visibilityRef.current };
      persist();
    }
    try {
      const saved = noteIdRef.current
        ? await api.send<Note>('PATCH', `${notesPath}/${noteIdRef.current}`, { body: { body: sending }, ...(etagRef.current ? { ifMatch: etagRef.current } : {}) })
        : await api.send<Note>('POST', notesPath, { body: createSentRef.current, idempotencyKey: createKeyRef.current });
      savingRef.current = false;
      createSentRef.current = undefined;
      sendingRef.current = undefined;
      noteIdRef.current = saved.id;
      baseRef.current = saved.body;
      etagRef.current = saved.etag;
      if (textRef.current === saved.body || confidentialRef.current) {
        // (In confidential mode the editor already shows what was sent: nothing more is saved.)
        showText(saved.body);
        clearDraft();
        setStatus(confidentialRef.current ? 'confidential' : 'saved');
      } else {
        // Typed on while saving (or a retried create returned the first text): save the rest.
        persist();
        setStatus('unsaved');
        timer.current = setTimeout(() => void flushRef.current(), delayMs);
      }
    } catch (e) {
      savingRef.current = false;
      sendingRef.current = undefined;
      const failure = e as ApiError;
      persist();
      if (!noteIdRef.current && failure.status >= 400 && failure.status < 500 && ![408, 409, 422, 429].includes(failure.status)) {
        // The create was refused, so nothing exists under its key: the next attempt is a new request.
        createKeyRef.current = crypto.randomUUID();
        createSentRef.current = undefined;
        persist();
      }
      if (failure.status === 0) {
        setStatus('offline');
      } else if (failure.status === 409 && !noteIdRef.current) {
        // The first attempt is still being saved (another tab or a retry): ask again shortly for its result.
        setStatus('saving');
        timer.current = setTimeout(() => void flushRef.current(), (failure.retryAfterSeconds ?? 2) * 1000);
      } else if (failure.status === 412) {
        const notes = await refreshNotes();
        const current = notes?.find((n) => n.id === noteIdRef.current);
        if (current) incorporate(current);
        else setStatus('unsaved');
      } else {
        setError(failure.message);
        setStatus('error');
      }
    }
  }, [api, notesPath, delayMs, persist, clearDraft, refreshNotes, incorporate, confidentialRef, conflictRef]);
  useLayoutEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const setText = useCallback((value: string) => {
    showText(value);
    if (confidentialRef.current) return;
    persist();
    setStatus((s) => (s === 'offline' || s === 'conflict' ? s : 'unsaved'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flushRef.current(), delayMs);
  }, [persist, delayMs, confidentialRef]);

  // A newer stored version from polling.
  useEffect(() => {
    if (!stored) return;
    if (conflictRef.current) {
      if (stored.etag !== conflictRef.current.theirsEtag) setConflict({ ...conflictRef.current, theirs: stored.body, theirsEtag: stored.etag });
      return;
    }
    incorporate(stored);
  }, [stored, incorporate, conflictRef]);

  // Unsaved text found on the device at start (typed offline, then reloaded): save it.
  useEffect(() => {
    if (textRef.current !== baseRef.current) void flushRef.current();
    return () => clearTimeout(timer.current);
  }, []);

  // Offline: try again when the browser says the network is back, and every few seconds.
  useEffect(() => {
    if (status !== 'offline') return undefined;
    const retry = () => void flushRef.current();
    window.addEventListener('online', retry);
    const every = setInterval(retry, OFFLINE_RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      clearInterval(every);
    };
  }, [status]);

  // Confidential mode starts: in the same task as the switch (a layout effect), before any timer can fire,
  // the pending save is cancelled and the text typed since the last save leaves the editor and the
  // device; it is off the record from now on. The editor shows the saved text (or what is being sent).
  useLayoutEffect(() => {
    if (!confidential) return;
    clearTimeout(timer.current);
    const saved = sendingRef.current ?? baseRef.current;
    const unsaved = textRef.current;
    clearDraft();
    if (unsaved !== saved) {
      showText(saved);
      if (unsaved.trim() !== '') onWithheldRef.current?.(unsaved);
    }
  }, [confidential, clearDraft, onWithheldRef]);

  // Nothing typed in the editor during confidential mode (it is read-only): when it ends, the note is as saved.
  useEffect(() => {
    setStatus(confidential ? 'confidential' : textRef.current === baseRef.current ? 'saved' : 'unsaved');
  }, [confidential]);

  const resolveConflict = useCallback((choice: ConflictChoice) => {
    const open = conflictRef.current;
    if (!open) return;
    baseRef.current = open.theirs;
    etagRef.current = open.theirsEtag;
    const next = choice === 'theirs' ? open.theirs : choice === 'mine' ? textRef.current : keepBoth(textRef.current, open.theirs);
    conflictRef.current = undefined;
    setConflict(undefined);
    showText(next);
    void flushRef.current();
  }, [conflictRef]);

  const setVisibility = useCallback((next: NoteVisibility) => {
    visibilityRef.current = next;
    setVisibilityState(next);
    if (confidentialRef.current || !noteIdRef.current) {
      persist();
      return;
    }
    const change = async (attempt: number): Promise<void> => {
      try {
        const saved = await api.send<Note>('PATCH', `${notesPath}/${noteIdRef.current}`, { body: { visibility: next }, ...(etagRef.current ? { ifMatch: etagRef.current } : {}) });
        // The level changed, not the text: the stored text is still what this editor started from.
        etagRef.current = saved.etag;
        baseRef.current = saved.body;
      } catch (e) {
        const failure = e as ApiError;
        if (failure.status === 412 && attempt === 1) {
          const current = (await refreshNotes())?.find((n) => n.id === noteIdRef.current);
          if (current) incorporate(current);
          return change(2);
        }
        setError(failure.message);
        setStatus('error');
      }
    };
    void change(1);
  }, [api, notesPath, persist, refreshNotes, incorporate, confidentialRef]);

  return {
    text, setText, status, ...(error ? { error } : {}),
    ...(conflict ? { conflict: { mine: conflict.mine, theirs: conflict.theirs } } : {}),
    resolveConflict, visibility, setVisibility,
  };
}
