// The language menu: the person picks the language of Reverse Mentoring here, or goes back to Teams'. The
// choice is kept in this browser for every surface (tab/src/locale.ts); the page reloads in it. Loaded
// only when opened (MyData.tsx), with the follow-through chunk.
import { Caption1, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { catalogue, pageLanguageState } from '../i18n/catalogue';
import { LANGUAGE_NAMES } from '../i18n/languageNames';
import type { Language } from '../i18n/languages';

const s = catalogue('panels').languagePanel;
const TEAMS = 'teams';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export default function LanguagePanel({ reload = () => window.location.reload() }: { reload?: () => void }) {
  const styles = useStyles();
  const page = pageLanguageState();
  const chosen = page?.chosen();
  const name = (language: string) => LANGUAGE_NAMES[language as Language] ?? language;
  return (
    <section id="language" className={styles.panel} aria-label={s.title}>
      <Field label={s.label}>
        <Select
          value={chosen ?? TEAMS}
          onChange={(_, data) => {
            page?.choose(data.value === TEAMS ? undefined : data.value);
            reload();
          }}
        >
          <option value={TEAMS}>{s.teams(name(page?.teams ?? 'en'))}</option>
          {(page?.available ?? []).map((language) => (
            // Each name in its own language, marked so that screen readers speak it so.
            <option key={language} value={language} lang={language}>
              {name(language)}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1>{s.hint}</Caption1>
    </section>
  );
}
