// The Teams high-contrast theme, a chunk of its own: the tab loads only the theme Teams asks for (see theme.ts).
export { teamsHighContrastTheme as theme } from '@fluentui/react-components';
