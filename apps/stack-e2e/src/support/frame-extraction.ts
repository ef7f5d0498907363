import type { NatsConnection } from 'nats';
import { deployment, type FrameReplica } from './deployment';
import { secret } from './stack';

/** A metric's value from a frame-extraction replica's /metrics (summed over label sets matching `labels`). */
export async function frameMetric(
  name: string,
  labels = '',
  replica: FrameReplica = deployment.frameReplica(),
): Promise<number> {
  const res = await fetch(`${replica.url}/metrics`, {
    headers: { authorization: `Bearer ${secret('GTV_INTERNAL_SERVICE_TOKEN')}` },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  let total = 0;
  for (const line of (await res.text()).split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== ' ' && line[name.length] !== '{'))
      continue;
    if (labels && !line.includes(labels)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/**
 * The camera paths read by a replica's ffmpeg readers: each output names its camera
 * (`-metadata camera=cam_N`, reader-args.ts); the RTSP URLs themselves come through pipes.
 */
export function readerPaths(replica: FrameReplica = deployment.frameReplica()): string[] {
  return replica
    .readerArgvs()
    .flat()
    .map((arg) => /^camera=(cam_\d+)$/.exec(arg)?.[1])
    .filter((path) => path !== undefined)
    .sort();
}

export const LEASE_BUCKET = 'gtv_frame_leases';

/**
 * Who holds each of `cameraIds`' leases: camera id → replica id. Each key is read by name: listing the
 * bucket's keys (an ordered consumer over the latest values) misses keys renewed while it runs, and the
 * replicas renew every lease every couple of seconds.
 */
export async function leaseHolders(
  nc: NatsConnection,
  cameraIds: readonly number[],
): Promise<Map<number, string>> {
  const kv = await nc.jetstream().views.kv(LEASE_BUCKET);
  const holders = new Map<number, string>();
  for (const id of cameraIds) {
    const entry = await kv.get(`camera.${id}`);
    if (entry?.operation === 'PUT') {
      holders.set(id, (entry.json() as { replica: string }).replica);
    }
  }
  return holders;
}
