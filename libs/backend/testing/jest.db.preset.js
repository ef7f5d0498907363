// The database tier (`*.db-spec.ts`, Nx target `test-db`): one throwaway PostgreSQL cluster per run,
// a fresh database per test file cloned from the service's migrated template (libs/backend/testing).
const { join } = require('node:path');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.db-spec.ts'],
  globalSetup: join(__dirname, 'src/lib/global-setup.ts'),
  globalTeardown: join(__dirname, 'src/lib/global-teardown.ts'),
  // Lock waits and a cold template; a unit test's 5 s would be tight on a busy 2-core machine.
  testTimeout: 30000,
};
