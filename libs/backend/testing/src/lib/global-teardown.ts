import type { RunningCluster } from './cluster-env';

/** Jest `globalTeardown` of the database tier: the cluster and its directory go. */
export default function teardown(): void {
  const cluster = (globalThis as RunningCluster).gtvTestCluster;
  if (!cluster) return;
  process.removeListener('exit', cluster.stop);
  cluster.stop();
  (globalThis as RunningCluster).gtvTestCluster = undefined;
}
