// The audit trail: who changed settings, dates, retention, participants and pairs, who imported and who
// exported; newest first, exportable as CSV (the export is recorded too). Never pair content.
import {
  Button,
  Caption1,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../../api/client';
import { ProblemMessage } from '../../components/ProblemMessage';
import { Section } from '../../components/Section';
import { listQuery, useDebounced, usePagedList } from '../../hooks/usePagedList';
import { useAdminStyles } from './Admin.styles';
import type { AuditEntry, CsvFile, Program } from './adminTypes';
import { download } from './InsightsPanel';
import { ListSearch, LoadMore } from './ListControls';
import { strings } from './strings';

const s = strings.audit;
const shown = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

export function AuditPanel({ api, program, locale }: { api: ApiClient; program: Program; locale: string }) {
  const styles = useAdminStyles();
  const [search, setSearch] = useState('');
  const [action, setAction] = useState<AuditEntry['action'] | ''>('');
  const q = useDebounced(search.trim());
  const list = usePagedList(
    async (cursor) => {
      const page = await api.get<{ entries: AuditEntry[]; nextCursor?: string }>(
        `/api/programs/${program.id}/audit${listQuery({ q, action }, cursor)}`,
      );
      return { items: page.entries, nextCursor: page.nextCursor };
    },
    [api, program.id, q, action],
  );
  const audit = { ...list, data: list.items ? { entries: list.items } : undefined };
  const [exportError, setExportError] = useState<Error>();
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  async function exportCsv() {
    try {
      download(await api.get<CsvFile>(`/api/programs/${program.id}/audit/export`));
      audit.reload();
    } catch (error) {
      setExportError(error as Error);
    }
  }

  return (
    <Section title={strings.tabs.audit} action={<Button onClick={exportCsv}>{s.export}</Button>}>
      <Caption1>{s.intro}</Caption1>
      <ListSearch
        label={strings.tabs.audit}
        search={search}
        onSearch={setSearch}
        filter={action}
        onFilter={setAction}
        filters={(Object.keys(s.actions) as AuditEntry['action'][]).map((value) => ({
          value,
          label: s.actions[value] ?? value,
        }))}
      />
      {exportError && <ProblemMessage error={exportError} />}
      {audit.loading && !audit.data && <Spinner label={strings.loading} />}
      {audit.error && <ProblemMessage error={audit.error} onRetry={audit.reload} />}
      {audit.data && audit.data.entries.length === 0 && (
        <Caption1>{q || action ? strings.list.noMatch : s.none}</Caption1>
      )}
      {audit.data && audit.data.entries.length > 0 && (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label={strings.tabs.audit}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.at}</TableHeaderCell>
                <TableHeaderCell>{s.who}</TableHeaderCell>
                <TableHeaderCell>{s.action}</TableHeaderCell>
                <TableHeaderCell>{s.target}</TableHeaderCell>
                <TableHeaderCell>{s.details}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {audit.data.entries.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>{when(e.at)}</TableCell>
                  <TableCell>{e.actor.name || e.actor.id}</TableCell>
                  <TableCell>{s.actions[e.action] ?? e.action}</TableCell>
                  <TableCell>{e.target?.name ?? e.target?.userId ?? e.target?.pairId ?? '—'}</TableCell>
                  <TableCell>
                    {e.changes?.map((c) => (
                      <div key={c.field}>{`${c.field}: ${shown(c.from)} → ${shown(c.to)}`}</div>
                    ))}
                    {e.count !== undefined && s.count(e.count)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <LoadMore list={list} />
    </Section>
  );
}
