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
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // jose 6 and marked 18 ship ES modules only (as in jest.config.js).
  transformIgnorePatterns: ['/node_modules/(?!(jose|marked|marked-gfm-heading-id)/)'],
};
