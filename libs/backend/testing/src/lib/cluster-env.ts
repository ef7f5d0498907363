import type { TestCluster } from './postgres-cluster';

/** How the global setup tells test files where the run's cluster is. */
export const CLUSTER_ENV = {
  socketDir: 'GTV_TEST_PG_SOCKET_DIR',
  user: 'GTV_TEST_PG_USER',
} as const;

export type RunningCluster = typeof globalThis & {
  gtvTestCluster?: TestCluster & { stop(): void };
};

export function clusterFromEnv(): TestCluster {
  const socketDir = process.env[CLUSTER_ENV.socketDir];
  const user = process.env[CLUSTER_ENV.user];
  if (!socketDir || !user) {
    throw new Error(
      'no test PostgreSQL: run database tests through their jest.db.config (nx run <project>:test-db)',
    );
  }
  return { socketDir, user };
}
