// The programme admin's view (/tab/admin): settings, participants, matching, pairs, insights and the app
// rollout of one programme. Shown only to callers with the ProgramAdmin role; everyone else is told why.
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Tab,
  TabList,
  Title3,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Me } from '../../api/types';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useResource } from '../../hooks/useResource';
import type { SurfaceProps } from '../../surfaceProps';
import { useAdminStyles } from './Admin.styles';
import type { Program } from './adminTypes';
import { AuditPanel } from './AuditPanel';
import { InsightsPanel } from './InsightsPanel';
import { MatchingPanel } from './MatchingPanel';
import { PairsPanel } from './PairsPanel';
import { ParticipantsPanel } from './ParticipantsPanel';
import { RolloutPanel } from './RolloutPanel';
import { SettingsPanel } from './SettingsPanel';
import { strings } from './strings';

const TABS = ['settings', 'participants', 'matching', 'pairs', 'insights', 'rollout', 'audit'] as const;
type TabName = (typeof TABS)[number];

/** The personal tab's URL, keeping the query string (Teams' locale). */
const personalTabUrl = () => `/tab/personal${window.location.search}`;

export default function Admin({ api, host, onReady }: SurfaceProps) {
  const styles = useAdminStyles();
  const me = useResource(() => api.get<Me>('/api/me'), [api]);
  const isAdmin = me.data?.roles.includes('ProgramAdmin') ?? false;
  const programs = useResource(
    () => (isAdmin ? api.get<{ programs: Program[] }>('/api/programs') : Promise.resolve({ programs: [] })),
    [api, isAdmin],
  );
  const [programId, setProgramId] = useState<string>();
  const [tab, setTab] = useState<TabName>('participants');
  const program = programs.data?.programs.find((p) => p.id === programId) ?? programs.data?.programs[0];

  useEffect(() => {
    if (me.error || (me.data && !isAdmin) || programs.data || programs.error) onReady();
  }, [me.data, me.error, isAdmin, programs.data, programs.error, onReady]);

  if (me.loading && !me.data)
    return (
      <main className={styles.page}>
        <Spinner label={strings.loading} />
      </main>
    );
  if (me.error)
    return (
      <main className={styles.page}>
        <ProblemMessage error={me.error} onRetry={me.reload} />
      </main>
    );
  if (!isAdmin) {
    return (
      <main className={styles.page}>
        <Title3 as="h1">{strings.title}</Title3>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.notAdmin.title}</MessageBarTitle>
            {strings.notAdmin.detail}
          </MessageBarBody>
        </MessageBar>
        <div>
          <Button as="a" href={personalTabUrl()}>
            {strings.notAdmin.back}
          </Button>
        </div>
      </main>
    );
  }

  return (
    <main className={styles.page}>
      <div className={styles.bar}>
        <Title3 as="h1">{program ? `${strings.title}: ${program.name}` : strings.title}</Title3>
        <div className={styles.row}>
          {(programs.data?.programs.length ?? 0) > 1 && (
            <Field label={strings.program}>
              <Select value={program?.id ?? ''} onChange={(_, d) => setProgramId(d.value)}>
                {programs.data!.programs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Button as="a" appearance="subtle" href={personalTabUrl()}>
            {strings.myPairs}
          </Button>
        </div>
      </div>
      {programs.loading && !programs.data && <Spinner label={strings.loading} />}
      {programs.error && <ProblemMessage error={programs.error} onRetry={programs.reload} />}
      {programs.data && !program && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.noProgram.title}</MessageBarTitle>
            {strings.noProgram.detail}
          </MessageBarBody>
        </MessageBar>
      )}
      {program && (
        <>
          <div className={styles.tabs}>
            <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabName)} aria-label={strings.title}>
              {TABS.map((t) => (
                <Tab key={t} value={t} id={`admin-tab-${t}`} aria-controls={`admin-panel-${t}`}>
                  {strings.tabs[t]}
                </Tab>
              ))}
            </TabList>
          </div>
          <section
            id={`admin-panel-${tab}`}
            role="tabpanel"
            aria-labelledby={`admin-tab-${tab}`}
            className={styles.panel}
          >
            {tab === 'settings' && (
              <SettingsPanel api={api} program={program} locale={host.locale} onSaved={programs.reload} />
            )}
            {tab === 'participants' && <ParticipantsPanel api={api} program={program} />}
            {tab === 'matching' && <MatchingPanel api={api} program={program} />}
            {tab === 'pairs' && (
              <PairsPanel api={api} program={program} locale={host.locale} onRepair={() => setTab('matching')} />
            )}
            {tab === 'insights' && <InsightsPanel api={api} program={program} />}
            {tab === 'rollout' && <RolloutPanel api={api} program={program} locale={host.locale} />}
            {tab === 'audit' && <AuditPanel api={api} program={program} locale={host.locale} />}
          </section>
        </>
      )}
    </main>
  );
}
