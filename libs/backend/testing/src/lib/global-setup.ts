import { startTestCluster } from './postgres-cluster';
import { CLUSTER_ENV, type RunningCluster } from './cluster-env';

/**
 * Jest `globalSetup` of the database tier: one cluster per run, for every test file and worker of
 * it (they find it through the environment, which workers inherit).
 */
export default function setup(): void {
  const cluster = startTestCluster();
  process.env[CLUSTER_ENV.socketDir] = cluster.socketDir;
  process.env[CLUSTER_ENV.user] = cluster.user;
  // An interrupted run (Ctrl-C, a failing setup) skips the teardown; the cluster must still go.
  process.once('exit', cluster.stop);
  (globalThis as RunningCluster).gtvTestCluster = cluster;
}
