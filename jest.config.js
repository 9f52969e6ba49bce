/** @type {import('jest').Config} */
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];

// jose 6, marked 18 and intl-messageformat 12 (with its @formatjs parts) ship ES modules only; let swc turn them into CommonJS for jest. So do the d3
// modules under @fluentui/react-charts (the admin view's charts), as .mjs files.
const transformIgnorePatterns = [
  '/node_modules/(?!(jose|marked|intl-messageformat|@formatjs|marked-gfm-heading-id|d3-[a-z-]+|internmap|@fluentui/react-charts/node_modules/(d3-[a-z-]+|internmap))/)',
];

module.exports = {
  testTimeout: 30000,
  // Two workers on CI's 2-core machine (jest's default there is one): most suites wait on Chromium, the embedded store or a
  // child process, so two run side by side in about half the time (jest 466 s against 962 s with one worker, all passing).
  maxWorkers: 2,
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/test/tab/'],
      setupFiles: ['<rootDir>/test/support/i18n.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc(false) },
      transformIgnorePatterns,
    },
    {
      displayName: 'tab',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/tab'],
      globalSetup: '<rootDir>/test/tab/serverSetup.ts',
      globalTeardown: '<rootDir>/test/tab/serverTeardown.ts',
      setupFiles: ['<rootDir>/test/tab/jsdomSetup.ts', '<rootDir>/test/support/i18n.ts'],
      setupFilesAfterEnv: ['@testing-library/jest-dom'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform: { '^.+\\.(t|j)sx?$': swc(true), '^.+\\.mjs$': swc(false) },
      transformIgnorePatterns,
    },
  ],
};
