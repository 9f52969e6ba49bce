// Takeaways the viewer may read, with their level, and the ones waiting for the viewer's consent.
import { Badge, Body1, Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import type { Takeaway } from '../api/types';
import { strings } from '../strings';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  item: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', listStyleType: 'none', padding: 0, margin: 0, columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, alignItems: 'center' },
});

interface Props {
  api: ApiClient;
  pairId: string;
  takeaways: Takeaway[];
  awaitingYou: Takeaway[];
  onChanged: () => void;
}

export function Takeaways({ api, pairId, takeaways, awaitingYou, onChanged }: Props) {
  const styles = useStyles();
  const [error, setError] = useState<Error>();
  const decide = async (t: Takeaway, approve: boolean) => {
    setError(undefined);
    try {
      await api.send('POST', `/api/pairs/${pairId}/takeaways/${t.id}/consent`, { body: { approve } });
      onChanged();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Section title={strings.takeaways.title}>
      {awaitingYou.length > 0 && (
        <>
          <Text weight="semibold" as="h3">{strings.takeaways.awaitingYou}</Text>
          <ul className={styles.list}>
            {awaitingYou.map((t) => (
              <li key={t.id} className={styles.item}>
                <Body1>{t.text}</Body1>
                <div className={styles.row}>
                  <Badge appearance="outline">{strings.takeaways.level[t.requestedVisibility]}</Badge>
                </div>
                {t.findings.length > 0 && (
                  <ul className={styles.row} aria-label={strings.takeaways.findingsLabel}>
                    {t.findings.map((f) => (
                      <li key={`${f.start}`}>
                        <Badge color="warning" appearance="tint">{strings.takeaways.finding[f.kind] ?? f.kind}: {f.text}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
                {t.programText && <Caption1>{strings.takeaways.programCopy(t.programText)}</Caption1>}
                {t.abilities.consent && (
                  <div className={styles.row}>
                    <Button appearance="primary" onClick={() => decide(t, true)}>{strings.takeaways.approve}</Button>
                    <Button onClick={() => decide(t, false)}>{strings.takeaways.decline}</Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {takeaways.length === 0 && <Body1>{strings.takeaways.none}</Body1>}
      <ul className={styles.list}>
        {takeaways.map((t) => (
          <li key={t.id} className={styles.item}>
            <Body1>{t.text}</Body1>
            <div className={styles.row}>
              <Badge appearance="tint" color={t.visibility === 'private' ? 'subtle' : 'brand'}>{strings.takeaways.level[t.visibility]}</Badge>
              {strings.takeaways.status[t.status] && <Caption1>{strings.takeaways.status[t.status]}</Caption1>}
            </div>
          </li>
        ))}
      </ul>
      {error && <ProblemMessage error={error} onRetry={onChanged} />}
    </Section>
  );
}
