import { Body1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { strings } from '../strings';

const useStyles = makeStyles({ page: { padding: tokens.spacingHorizontalXL } });

export default function Unavailable() {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <Title3 as="h1">{strings.unavailable.title}</Title3>
      <Body1 as="p">{strings.unavailable.detail}</Body1>
    </main>
  );
}
