/*
 * The console in Debian's Chromium (playwright-core) against a stack brought up by tools/test/run.sh,
 * through the `e2e` target only. Not named jest.config.*: Nx would infer a `test` target from that
 * name, and `nx run-many -t test` would then drive a browser at whatever stack answers on this host.
 */
module.exports = {
  displayName: 'console-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60000,
};
