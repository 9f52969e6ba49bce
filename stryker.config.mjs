// npm run mutate: Stryker mutation testing of the policy module (bot/src/policies), killed by the policy
// tests only (test/policies). Not part of npm test: a run takes minutes. Report: reports/mutation/policies.html
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  mutate: ['bot/src/policies/**/*.ts'],
  coverageAnalysis: 'perTest',
  jest: { projectType: 'custom', configFile: 'test/policies/jest.stryker.config.js', enableFindRelatedTests: false },
  // The sandbox needs the server code, the tests and their support; not the tab, its build or the app package.
  // Nor tsconfig.json: Stryker would rewrite it with TypeScript's JS API, which TypeScript 7 does not have
  // (jest compiles with swc and needs no tsconfig).
  ignorePatterns: [
    'tsconfig.json',
    'tab',
    'appPackage',
    'infra',
    'docs',
    'reports',
    'test/e2e',
    'test/tab',
    'test/appPackage',
    'test/infra',
  ],
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/policies.html' },
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  // The policy tests build a real app on the embedded store; on a busy 2-core machine a run takes far longer
  // than Stryker's default allowance, and a mutant would then count as "timed out" (detected) without being killed.
  timeoutMS: 60000,
  thresholds: { high: 95, low: 90 },
};
