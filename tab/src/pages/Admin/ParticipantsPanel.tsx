// Participants: the list with training status, add one through the directory people picker, or import a
// CSV (preview with per-row errors; nothing is imported until every row is right).
import {
  Badge,
  Button,
  Caption1,
  Combobox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Select,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { listQuery, useDebounced, usePagedList } from '../../hooks/usePagedList';
import { useAdminStyles } from './Admin.styles';
import { BulkBar, SelectAllHeader, SelectCell, useSelection } from './BulkSelection';
import type { CsvFile, DirectoryPerson, ImportResult, PairRole, Participant, Program } from './adminTypes';
import { download } from './InsightsPanel';
import { ListSearch, LoadMore } from './ListControls';
import { strings } from './strings';

const s = strings.participants;
const commaList = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function ParticipantsPanel({ api, program }: { api: ApiClient; program: Program }) {
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<PairRole | ''>('');
  const q = useDebounced(search.trim());
  const list = usePagedList(
    async (cursor) => {
      const page = await api.get<{ participants: Participant[]; nextCursor?: string }>(
        `/api/programs/${program.id}/participants${listQuery({ q, role }, cursor)}`,
      );
      return { items: page.participants, nextCursor: page.nextCursor };
    },
    [api, program.id, q, role],
  );
  return (
    <>
      <ParticipantList
        list={list.items}
        loading={list.loading}
        error={list.error}
        onRetry={list.reload}
        searching={Boolean(q || role)}
        controls={
          <ListSearch
            label={s.title}
            search={search}
            onSearch={setSearch}
            filter={role}
            onFilter={setRole}
            filters={[
              { value: 'mentor', label: s.mentor },
              { value: 'mentee', label: s.mentee },
            ]}
          />
        }
        more={<LoadMore list={list} />}
        onExport={async (users) =>
          download(
            await api.send<CsvFile>('POST', `/api/programs/${program.id}/participants/export`, { body: { users } }),
          )
        }
      />
      <AddParticipant api={api} program={program} onAdded={list.reload} />
      <CsvImport api={api} program={program} onImported={list.reload} />
    </>
  );
}

function ParticipantList({
  list,
  loading,
  error,
  onRetry,
  searching,
  controls,
  more,
  onExport,
}: {
  list?: Participant[];
  loading: boolean;
  error?: Error;
  onRetry: () => void;
  searching: boolean;
  controls: ReactNode;
  more: ReactNode;
  /** The server builds the file (formula-safe, recorded in the audit trail). */
  onExport: (userIds: string[]) => Promise<void>;
}) {
  const styles = useAdminStyles();
  const selection = useSelection((list ?? []).map((p) => p.id));
  const [exported, setExported] = useState<{ count?: number; error?: Error; busy?: boolean }>({});
  const chosen = (list ?? []).filter((p) => selection.selected.has(p.id));
  async function exportChosen(): Promise<void> {
    setExported({ busy: true });
    try {
      await onExport(chosen.map((p) => p.userId));
      setExported({ count: chosen.length });
    } catch (error) {
      setExported({ error: error as Error });
    }
  }
  return (
    <Section title={s.title}>
      {controls}
      {loading && !list && <Spinner label={strings.loading} />}
      {error && <ProblemMessage error={error} onRetry={onRetry} />}
      {list && list.length === 0 && <Caption1>{searching ? strings.list.noMatch : s.none}</Caption1>}
      {exported.count !== undefined && (
        <MessageBar intent="success">
          <MessageBarBody>{strings.bulk.exported(exported.count)}</MessageBarBody>
        </MessageBar>
      )}
      {exported.error && <ProblemMessage error={exported.error} />}
      <BulkBar selection={selection}>
        <Button size="small" disabled={exported.busy} onClick={() => void exportChosen()}>
          {strings.bulk.export}
        </Button>
      </BulkBar>
      {list && list.length > 0 && (
        <div className={styles.tableWrap}>
          <Table aria-label={s.title} size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <SelectAllHeader selection={selection} />
                <TableHeaderCell>{s.name}</TableHeaderCell>
                <TableHeaderCell>{s.role}</TableHeaderCell>
                <TableHeaderCell>{s.department}</TableHeaderCell>
                <TableHeaderCell>{s.training}</TableHeaderCell>
                <TableHeaderCell>{s.pairedColumn}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((p) => (
                <TableRow key={p.id}>
                  <SelectCell selection={selection} id={p.id} name={p.name} />
                  <TableCell>{p.name}</TableCell>
                  <TableCell>{p.role === 'mentor' ? s.mentor : s.mentee}</TableCell>
                  <TableCell>{p.department ?? ''}</TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={p.trainingAcknowledged ? 'success' : 'warning'}>
                      {p.trainingAcknowledged ? s.acknowledged : s.notAcknowledged}
                    </Badge>
                  </TableCell>
                  <TableCell>{p.paired ? s.paired : s.unpaired}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {more}
    </Section>
  );
}

function AddParticipant({ api, program, onAdded }: { api: ApiClient; program: Program; onAdded: () => void }) {
  const styles = useAdminStyles();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<DirectoryPerson[]>([]);
  const [picked, setPicked] = useState<DirectoryPerson>();
  const [role, setRole] = useState<PairRole>('mentor');
  const [skills, setSkills] = useState('');
  const [interests, setInterests] = useState('');
  const [state, setState] = useState<{ error?: Error; added?: string; busy?: boolean }>({});

  // Debounced directory search while typing.
  useEffect(() => {
    if (query.trim().length < 2 || picked?.name === query) return;
    const timer = setTimeout(() => {
      api
        .send<{ people: DirectoryPerson[] }>('POST', `/api/programs/${program.id}/directory/search`, {
          body: { query },
        })
        .then(
          (r) => setFound(r.people),
          (error: Error) => setState({ error }),
        );
    }, 250);
    return () => clearTimeout(timer);
  }, [api, program.id, query, picked]);

  async function add() {
    if (!picked) return;
    setState({ busy: true });
    try {
      await api.send('POST', `/api/programs/${program.id}/participants`, {
        body: {
          id: picked.id,
          name: picked.name,
          role,
          skills: commaList(skills),
          interests: commaList(interests),
          ...(picked.email ? { email: picked.email } : {}),
          ...(picked.department ? { department: picked.department } : {}),
        },
      });
      setState({ added: picked.name });
      setPicked(undefined);
      setQuery('');
      setSkills('');
      setInterests('');
      setFound([]);
      onAdded();
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  return (
    <Section title={s.addTitle}>
      {state.error && <ProblemMessage error={state.error} />}
      {state.added && (
        <MessageBar intent="success">
          <MessageBarBody>{s.added(state.added)}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.form}>
        <Field label={s.search}>
          <Combobox
            freeform
            placeholder={s.searchPlaceholder}
            // Fluent names the expand button "Open" in English unless told otherwise.
            expandIcon={{ 'aria-label': s.showMatches }}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setPicked(undefined);
            }}
            onOptionSelect={(_, d) => {
              const person = found.find((p) => p.id === d.optionValue);
              setPicked(person);
              if (person) setQuery(person.name);
            }}
          >
            {found.length === 0 && query.trim().length >= 2 ? (
              <Option disabled value="">
                {s.noMatches}
              </Option>
            ) : null}
            {found.map((p) => (
              <Option
                key={p.id}
                value={p.id}
                text={p.name}
              >{`${p.name}${p.email ? ` · ${p.email}` : ''}${p.department ? ` · ${p.department}` : ''}`}</Option>
            ))}
          </Combobox>
        </Field>
        <Field label={s.role}>
          <Select value={role} onChange={(_, d) => setRole(d.value as PairRole)}>
            <option value="mentor">{s.mentor}</option>
            <option value="mentee">{s.mentee}</option>
          </Select>
        </Field>
        <Field label={s.skills}>
          <Input value={skills} onChange={(_, d) => setSkills(d.value)} />
        </Field>
        <Field label={s.interests}>
          <Input value={interests} onChange={(_, d) => setInterests(d.value)} />
        </Field>
      </div>
      <div>
        <Button appearance="primary" disabled={!picked || state.busy} onClick={add}>
          {s.add}
        </Button>
      </div>
    </Section>
  );
}

function CsvImport({ api, program, onImported }: { api: ApiClient; program: Program; onImported: () => void }) {
  const styles = useAdminStyles();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportResult>();
  const [state, setState] = useState<{ error?: Error; imported?: number; busy?: boolean }>({});
  const url = `/api/programs/${program.id}/participants/import`;

  async function run(commit: boolean) {
    setState({ busy: true });
    try {
      const result = await api.send<ImportResult>('POST', url, { body: { csv, commit } });
      if (commit) {
        setState({ imported: result.imported });
        setPreview(undefined);
        setCsv('');
        onImported();
      } else {
        setPreview(result);
        setState({});
      }
    } catch (error) {
      setState({ error: error as Error });
    }
  }

  return (
    <Section title={s.importTitle}>
      <Caption1>{s.importHint}</Caption1>
      {state.error && <ProblemMessage error={state.error} />}
      {state.imported !== undefined && (
        <MessageBar intent="success">
          <MessageBarBody>{s.imported(state.imported)}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.form}>
        <Field label={s.file}>
          {(fieldProps) => (
            <input
              {...fieldProps}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file)
                  void file.text().then((text) => {
                    setCsv(text);
                    setPreview(undefined);
                  });
              }}
            />
          )}
        </Field>
        <Field label={s.csvText} className={styles.wide}>
          <Textarea
            value={csv}
            onChange={(_, d) => {
              setCsv(d.value);
              setPreview(undefined);
            }}
            resize="vertical"
            rows={5}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Button onClick={() => run(false)} disabled={!csv.trim() || state.busy}>
          {s.preview}
        </Button>
        {preview && preview.errorCount === 0 && (
          <Button appearance="primary" onClick={() => run(true)} disabled={state.busy}>
            {s.import(preview.rows.length)}
          </Button>
        )}
      </div>
      {preview && (
        <>
          <MessageBar intent={preview.errorCount ? 'error' : 'success'} layout="multiline">
            <MessageBarBody>
              {preview.errorCount ? s.previewErrors(preview.errorCount) : s.previewOk(preview.rows.length)}
              {preview.fileErrors.map((e) => (
                <div key={e.message}>{s.fileProblem(e.message)}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
          {preview.rows.length > 0 && <Subtitle2 as="h3">{s.preview}</Subtitle2>}
          {preview.rows.length > 0 && (
            <div className={styles.tableWrap}>
              <Table aria-label={s.preview} size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{s.line}</TableHeaderCell>
                    <TableHeaderCell>{s.name}</TableHeaderCell>
                    <TableHeaderCell>{s.email}</TableHeaderCell>
                    <TableHeaderCell>{s.role}</TableHeaderCell>
                    <TableHeaderCell>{s.department}</TableHeaderCell>
                    <TableHeaderCell>{s.problems}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {preview.rows.map((r) => (
                    <TableRow key={r.line}>
                      <TableCell>{r.line}</TableCell>
                      <TableCell>{r.name}</TableCell>
                      <TableCell>{r.email}</TableCell>
                      <TableCell>{r.role === 'mentor' ? s.mentor : r.role === 'mentee' ? s.mentee : r.role}</TableCell>
                      <TableCell>{r.department ?? ''}</TableCell>
                      <TableCell>
                        {r.errors.length ? (
                          <span className={styles.errorText}>
                            {r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}
                          </span>
                        ) : (
                          <span className={styles.okText}>{r.existing ? s.update : s.ok}</span>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
