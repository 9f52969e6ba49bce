// Jest configuration for Stryker's mutation runs of the policy module (stryker.config.mjs): only the policy
// tests, compiled with swc as in jest.config.js.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testTimeout: 30000,
  roots: ['<rootDir>/test/policies'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // jose 6, marked 18 and intl-messageformat 12 (with its @formatjs parts) ship ES modules only (as in jest.config.js).
  transformIgnorePatterns: ['/node_modules/(?!(jose|marked|intl-messageformat|@formatjs|marked-gfm-heading-id)/)'],
};
