// ESLint for bot/, tab/, test/ and scripts/ (`npm run lint`, part of `npm test`). The plugins live in
// tools/lint (their own install: typescript-eslint needs TypeScript's JavaScript API, which the
// TypeScript 7 that type-checks the app does not have). The import rules of STYLE.md are the blocks
// marked "STYLE.md"; test/lint/importRules.test.ts proves that each one fires.
import { globals, js, jsxA11y, layers, prettierConfig, reactHooks, tseslint } from './tools/lint/plugins.mjs';

/** The server's floors: what each folder (or file) of bot/src may import besides itself (STYLE.md, "Layering"). */
const FLOORS = {
  domain: [],
  types: [],
  config: [],
  // The bot's words in twelve languages (ICU catalogues): depends on nothing of ours.
  i18n: [],
  telemetry: ['config', 'domain'],
  // Start-up's process plumbing (WEB_CONCURRENCY): the first process hands connections to the others.
  serverProcesses: [],
  store: ['config', 'domain'],
  graph: ['config', 'domain'],
  policies: ['domain', 'store'],
  activityFeed: ['config', 'domain', 'graph'],
  calendar: ['config', 'domain', 'graph'],
  directory: ['config', 'domain', 'graph'],
  commands: ['activityFeed', 'calendar', 'config', 'directory', 'domain', 'graph', 'i18n', 'policies', 'store'],
  jobs: ['activityFeed', 'calendar', 'commands', 'config', 'directory', 'domain', 'graph', 'i18n', 'policies', 'store'],
};
const SERVER_EDGE = [...FLOORS.jobs, 'jobs', 'telemetry'];
FLOORS.api = SERVER_EDGE;
FLOORS.teams = SERVER_EDGE;
FLOORS.app = [...SERVER_EDGE, 'api', 'teams'];
FLOORS.index = [...FLOORS.app, 'app', 'serverProcesses'];

/** Packages that one folder of bot/src owns (STYLE.md: swapping either touches one folder). */
const OWNED_PACKAGES = [
  { owner: 'bot/src/teams', patterns: ['botbuilder', 'botbuilder-*', 'botframework-*'] },
  { owner: 'bot/src/store', patterns: ['@azure/cosmos'] },
];

const processEnvRule = (where) => ({
  'no-restricted-properties': [
    'error',
    {
      object: 'process',
      property: 'env',
      message: `Read settings through bot/src/config.ts, not process.env, in ${where}.`,
    },
  ],
  'no-restricted-imports': [
    'error',
    ...['process', 'node:process'].map((name) => ({
      name,
      importNames: ['env'],
      message: 'Read settings through bot/src/config.ts.',
    })),
  ],
});

/** One block per owning folder, so each file gets the restrictions of every package it does not own. */
function packageOwnership() {
  const restricted = (except) =>
    OWNED_PACKAGES.filter(({ owner }) => owner !== except).map(({ owner, patterns }) => ({
      group: patterns,
      message: `Only ${owner}/ imports this package (STYLE.md, "Layering").`,
    }));
  const rule = (except) => ['error', { patterns: restricted(except) }];
  return [
    { files: ['bot/src/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': rule(undefined) } },
    ...OWNED_PACKAGES.map(({ owner }) => ({
      files: [`${owner}/**/*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': rule(owner) },
    })),
  ];
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/', 'tab/dist/', 'coverage/', 'reports/', '.stryker-tmp/', 'appPackage/build/', 'tools/'],
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['bot/**/*.ts', 'test/**/*.{ts,tsx}', 'scripts/**/*.ts', '*.{js,mjs}', 'test/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['tab/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['tab/src/**/*.{ts,tsx}', 'test/tab/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest'], jsxA11y.flatConfigs.recommended],
    rules: {
      // A region that scrolls must take the focus to scroll by keyboard (axe: scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
    },
  },
  {
    files: ['*.js', 'test/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // STYLE.md: the server's floors; no import runs back up a floor.
  {
    files: ['bot/src/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/floors': ['error', { root: 'bot/src', floors: FLOORS }] },
  },
  // STYLE.md: botbuilder only in bot/src/teams/, @azure/cosmos only in bot/src/store/.
  ...packageOwnership(),
  // STYLE.md: one reader of process.env, bot/src/config.ts (tests and scripts set up their own).
  { files: ['bot/src/**/*.ts'], ignores: ['bot/src/config.ts'], rules: processEnvRule('the server') },
  // STYLE.md: the tab takes types from the server, and at run time only its pure domain (limits, words).
  {
    files: ['tab/src/**/*.{ts,tsx}'],
    rules: {
      ...processEnvRule('the tab'),
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+bot/(?!src/domain/)',
              allowTypeImports: true,
              message: 'The tab imports server code as types only (import type); at run time only bot/src/domain.',
            },
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@azure/*', 'express', 'pino', 'node:*'],
              message: 'Server packages do not belong in the tab.',
            },
          ],
        },
      ],
    },
  },

  prettierConfig,
);
