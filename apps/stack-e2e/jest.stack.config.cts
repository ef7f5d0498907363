/*
 * Runs against a stack brought up by tools/test/run.sh, through the `e2e` target only. Not named
 * jest.config.*: Nx would infer a `test` target from that name, and `nx run-many -t test` would then
 * run these tests against whatever stack answers on this machine's ports.
 */
module.exports = {
  displayName: 'stack-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 30000,
  // One admin login for the whole run: every file logging in would meet the per-username limit.
  globalSetup: '<rootDir>/src/support/global-setup.ts',
};
