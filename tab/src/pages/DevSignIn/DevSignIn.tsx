// Outside Teams, and only when the server runs development sign-in: pick a demo user.
import { Body1, Button, Card, Field, Link, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { language } from '../../locale';
import { fetchDemoUsers, signInAs, type DevSession } from '../../api/devSignIn';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useResource } from '../../hooks/useResource';
import { strings } from '../../strings';

// Kept here, not in strings.ts: only this development page says it, and the shell's budget is tight.
const START_PAGE = language === 'de'
  ? 'Jede Oberfläche (Seitenbereich, Bühne, Konfiguration, Verwaltung) für jede Demo-Person, in jedem Design: die Startseite für die Entwicklung'
  : 'Every surface (side panel, stage, configuration, admin) for every demo user, in every theme: the development start page';

const useStyles = makeStyles({
  page: { display: 'flex', justifyContent: 'center', padding: tokens.spacingHorizontalL },
  card: { width: '100%', maxWidth: '420px', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});

export default function DevSignIn({ onSignedIn }: { onSignedIn: (session: DevSession) => void }) {
  const styles = useStyles();
  const users = useResource(fetchDemoUsers, []);
  const [userId, setUserId] = useState<string>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  if (users.loading && !users.data) return <Spinner label={strings.loading} />;
  if (users.error) return <ProblemMessage error={users.error} onRetry={users.reload} />;
  const available = users.data;
  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <Title3 as="h1">{strings.signIn.title}</Title3>
        {available === undefined ? (
          <Body1 as="p">{strings.signIn.notInTeams}</Body1>
        ) : (
          <form
            className={styles.form}
            onSubmit={(event) => {
              event.preventDefault();
              const user = available.find((u) => u.userId === (userId ?? available[0]?.userId));
              if (!user) return;
              setBusy(true);
              signInAs(user).then(onSignedIn, (e: Error) => {
                setError(e);
                setBusy(false);
              });
            }}
          >
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{strings.signIn.developmentOnly}</MessageBarTitle>
                {strings.signIn.explanation}
              </MessageBarBody>
            </MessageBar>
            <Link href="/dev">{START_PAGE}</Link>
            {available.length === 0 ? (
              <Body1 as="p">{strings.signIn.noUsers}</Body1>
            ) : (
              <>
                <Field label={strings.signIn.pick}>
                  <Select value={userId ?? available[0]?.userId} onChange={(_, d) => setUserId(d.value)}>
                    {available.map((u) => (
                      <option key={u.userId} value={u.userId}>
                        {u.name}{u.roles.length ? ` (${u.roles.join(', ')})` : ''}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Button appearance="primary" type="submit" disabled={busy}>{strings.signIn.button}</Button>
              </>
            )}
            {error && <ProblemMessage error={error} />}
          </form>
        )}
      </Card>
    </main>
  );
}
