// The Teams dark theme, a chunk of its own: the tab loads only the theme Teams asks for (see theme.ts).
export { teamsDarkTheme as theme } from '@fluentui/react-components';
