// Outside Teams, and only when the server runs development sign-in: pick a demo user.
import {
  Body1,
  Button,
  Card,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { fetchDemoUsers, signInAs, type DevSession } from '../../api/devSignIn';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useResource } from '../../hooks/useResource';
import { catalogue } from '../../i18n/catalogue';
import { strings } from '../../strings';

const s = catalogue('signIn');

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
        <Title3 as="h1">{s.title}</Title3>
        {available === undefined ? (
          <Body1 as="p">{s.notInTeams}</Body1>
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
                <MessageBarTitle>{s.developmentOnly}</MessageBarTitle>
                {s.explanation}
              </MessageBarBody>
            </MessageBar>
            <Link href="/dev">{s.startPage}</Link>
            {available.length === 0 ? (
              <Body1 as="p">{s.noUsers}</Body1>
            ) : (
              <>
                <Field label={s.pick}>
                  <Select value={userId ?? available[0]?.userId} onChange={(_, d) => setUserId(d.value)}>
                    {available.map((u) => (
                      <option key={u.userId} value={u.userId}>
                        {u.name}
                        {u.roles.length ? ` (${u.roles.join(', ')})` : ''}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Button appearance="primary" type="submit" disabled={busy}>
                  {s.button}
                </Button>
              </>
            )}
            {error && <ProblemMessage error={error} />}
          </form>
        )}
      </Card>
    </main>
  );
}
