// Programme settings, saved with the ETag last read (If-Match): a concurrent change is reported, never overwritten.
// A change of the end date or the retention period shows first what retention will delete, and when.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Subtitle2,
  Switch,
  Textarea,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { RETENTION_FLOOR_DAYS, RETENTION_NOTICE_DAYS } from '../../../../bot/src/domain/retention';
import { ApiError, type ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useAdminStyles } from './Admin.styles';
import type { Program, ReminderSchedule, RetentionPreview as Preview } from './adminTypes';
import { RetentionPreview } from './RetentionPreview';
import { strings } from './strings';

const DEFAULT_SCHEDULE: ReminderSchedule = {
  prepareHoursBefore: 24,
  startingSoonMinutesBefore: 15,
  captureTakeawaysAfterSession: true,
  stalledGraceDays: 7,
  commitmentCheckInDaysBefore: 2,
};
const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

const formOf = (program: Program) => ({
  name: program.name,
  objectives: program.objectives.join('\n'),
  startsOn: program.startsOn,
  endsOn: program.endsOn,
  cadenceDays: program.cadenceDays,
  sessionMinutes: program.sessionMinutes,
  topics: program.topics.join('\n'),
  programLearningsEnabled: program.programLearningsEnabled,
  retentionDays: program.retentionDays,
  reminderSchedule: program.reminderSchedule ?? DEFAULT_SCHEDULE,
});

/**
 * The settings form: its values, the ETag they were read with, the save (after the retention preview where
 * deletion dates move) and the reload after a concurrent change.
 */
function useSettingsForm(api: ApiClient, program: Program, onSaved: () => void) {
  const [etag, setEtag] = useState(program.etag);
  const [form, setForm] = useState(() => formOf(program));
  const [state, setState] = useState<{ saving?: boolean; saved?: boolean; error?: Error }>({});
  // The retention preview: open before a save that moves deletion dates (confirm), or on request.
  const [preview, setPreview] = useState<{ confirm: boolean; data?: Preview; error?: Error }>();
  const [savedDates, setSavedDates] = useState({ endsOn: program.endsOn, retentionDays: program.retentionDays });
  const fieldError = (field: string) =>
    state.error instanceof ApiError
      ? state.error.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message
      : undefined;
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const setSchedule = <K extends keyof ReminderSchedule>(key: K, value: ReminderSchedule[K]) =>
    setForm((f) => ({ ...f, reminderSchedule: { ...f.reminderSchedule, [key]: value } }));

  /** After a concurrent change: the stored settings and their ETag replace the form. */
  async function reload() {
    try {
      const fresh = await api.get<Program>(`/api/programs/${program.id}`);
      setEtag(fresh.etag);
      setForm(formOf(fresh));
      setSavedDates({ endsOn: fresh.endsOn, retentionDays: fresh.retentionDays });
      setState({});
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  async function showPreview(confirm: boolean) {
    setPreview({ confirm });
    try {
      const data = await api.send<Preview>('POST', `/api/programs/${program.id}/retention/preview`, {
        body: { startsOn: form.startsOn, endsOn: form.endsOn, retentionDays: form.retentionDays },
      });
      setPreview({ confirm, data });
    } catch (error) {
      setPreview({ confirm, error: error as Error });
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.endsOn !== savedDates.endsOn || form.retentionDays !== savedDates.retentionDays) void showPreview(true);
    else void save();
  }

  async function save() {
    setPreview(undefined);
    setState({ saving: true });
    try {
      const saved = await api.send<Program>('PATCH', `/api/programs/${program.id}`, {
        ifMatch: etag,
        body: { ...form, objectives: lines(form.objectives), topics: lines(form.topics) },
      });
      setEtag(saved.etag);
      setSavedDates({ endsOn: saved.endsOn, retentionDays: saved.retentionDays });
      setState({ saved: true });
      onSaved();
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  return {
    form,
    set,
    setSchedule,
    state,
    fieldError,
    preview,
    closePreview: () => setPreview(undefined),
    showPreview,
    submit,
    save,
    reload,
  };
}

export function SettingsPanel({
  api,
  program,
  locale,
  onSaved,
}: {
  api: ApiClient;
  program: Program;
  locale: string;
  onSaved: () => void;
}) {
  const styles = useAdminStyles();
  const { form, set, setSchedule, state, fieldError, preview, closePreview, showPreview, submit, save, reload } =
    useSettingsForm(api, program, onSaved);
  // A text area as tall as its lines (one item per line), so nothing is cut off.
  const rowsFor = (text: string) => Math.min(12, Math.max(3, text.split('\n').length + 1));
  const number = (key: 'cadenceDays' | 'sessionMinutes' | 'retentionDays', label: string, hint?: string) => (
    <Field label={label} hint={hint} validationMessage={fieldError(key)}>
      <Input type="number" value={String(form[key])} onChange={(_, d) => set(key, Number(d.value))} />
    </Field>
  );
  // The hints' numbers are arguments, so that they are written in the locale's digits (Arabic-Indic in ar-SA).
  const scheduleLabels: Record<Exclude<keyof ReminderSchedule, 'captureTakeawaysAfterSession'>, string> = {
    prepareHoursBefore: strings.settings.prepareHoursBefore(0),
    startingSoonMinutesBefore: strings.settings.startingSoonMinutesBefore(0),
    stalledGraceDays: strings.settings.stalledGraceDays,
    commitmentCheckInDaysBefore: strings.settings.commitmentCheckInDaysBefore(0),
  };
  const scheduleNumber = (key: Exclude<keyof ReminderSchedule, 'captureTakeawaysAfterSession'>) => (
    <Field label={scheduleLabels[key]} validationMessage={fieldError(`reminderSchedule.${key}`)}>
      <Input
        type="number"
        value={String(form.reminderSchedule[key])}
        onChange={(_, d) => setSchedule(key, Number(d.value))}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} className={styles.panel} aria-label={strings.tabs.settings}>
      {state.error instanceof ApiError && state.error.status === 412 ? (
        <MessageBar intent="warning">
          <MessageBarBody>{strings.settings.changedElsewhere}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={reload}>{strings.settings.reload}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : state.error ? (
        <ProblemMessage error={state.error} />
      ) : null}
      {state.saved && (
        <MessageBar intent="success">
          <MessageBarBody>{strings.saved}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.form}>
        <Field label={strings.settings.name} required validationMessage={fieldError('name')} className={styles.wide}>
          <Input value={form.name} onChange={(_, d) => set('name', d.value)} />
        </Field>
        <Field label={strings.settings.objectives} validationMessage={fieldError('objectives')}>
          <Textarea
            value={form.objectives}
            rows={rowsFor(form.objectives)}
            onChange={(_, d) => set('objectives', d.value)}
            resize="vertical"
          />
        </Field>
        <Field label={strings.settings.topics} validationMessage={fieldError('topics')}>
          <Textarea
            value={form.topics}
            rows={rowsFor(form.topics)}
            onChange={(_, d) => set('topics', d.value)}
            resize="vertical"
          />
        </Field>
        <Field label={strings.settings.startsOn} validationMessage={fieldError('startsOn')}>
          <Input type="date" value={form.startsOn} onChange={(_, d) => set('startsOn', d.value)} />
        </Field>
        <Field label={strings.settings.endsOn} validationMessage={fieldError('endsOn')}>
          <Input type="date" value={form.endsOn} onChange={(_, d) => set('endsOn', d.value)} />
        </Field>
        {number('cadenceDays', strings.settings.cadenceDays)}
        {number('sessionMinutes', strings.settings.sessionMinutes)}
        <div className={styles.panel}>
          {number(
            'retentionDays',
            strings.settings.retentionDays(RETENTION_FLOOR_DAYS),
            strings.settings.retentionHint(...RETENTION_NOTICE_DAYS),
          )}
          <div>
            <Button onClick={() => void showPreview(false)}>{strings.settings.previewRetention}</Button>
          </div>
        </div>
        <Field label={strings.settings.learnings} hint={strings.settings.learningsHint}>
          <Switch
            checked={form.programLearningsEnabled}
            onChange={(_, d) => set('programLearningsEnabled', d.checked)}
            label={strings.settings.learnings}
          />
        </Field>
      </div>
      <Subtitle2 as="h2">{strings.settings.reminders}</Subtitle2>
      <div className={styles.form}>
        {scheduleNumber('prepareHoursBefore')}
        {scheduleNumber('startingSoonMinutesBefore')}
        {scheduleNumber('stalledGraceDays')}
        {scheduleNumber('commitmentCheckInDaysBefore')}
        <Switch
          checked={form.reminderSchedule.captureTakeawaysAfterSession}
          onChange={(_, d) => setSchedule('captureTakeawaysAfterSession', d.checked)}
          label={strings.settings.captureTakeawaysAfterSession}
        />
      </div>
      <div>
        <Button appearance="primary" type="submit" disabled={state.saving}>
          {strings.save}
        </Button>
      </div>
      <RetentionPreview
        open={Boolean(preview)}
        locale={locale}
        onClose={closePreview}
        {...(preview?.data ? { preview: preview.data } : {})}
        {...(preview?.error ? { error: preview.error } : {})}
        {...(preview?.confirm ? { onConfirm: () => void save() } : {})}
      />
    </form>
  );
}
