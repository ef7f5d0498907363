import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NatsConnection } from 'nats';
import { componentLogPath, listenerPid, secret } from './stack';

/** frame-extraction's HTTP port (tools/stack/ports.env). */
export const FRAME_EXTRACTION_PORT = 3003;
/** The port a second replica started by a test listens on: free in ports.env. */
export const SECOND_REPLICA_PORT = 3013;
export const LEASE_BUCKET = 'gtv_frame_leases';

/** A metric's value from a frame-extraction replica's /metrics (summed over label sets matching `labels`). */
export async function frameMetric(
  name: string,
  labels = '',
  port = FRAME_EXTRACTION_PORT,
): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
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

/** The argument lists of the ffmpeg children of the replica listening on `port`. */
export function readerArgvs(port: number): string[][] {
  const parent = listenerPid(port);
  if (parent === undefined) throw new Error(`nothing listens on ${port}`);
  const argvs: string[][] = [];
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== parent) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.some((a) => a.endsWith('ffmpeg'))) argvs.push(argv);
    } catch {
      // The process ended while being read.
    }
  }
  return argvs;
}

/**
 * The camera paths read by the ffmpeg children of the replica listening on `port`: each output names
 * its camera (`-metadata camera=cam_N`, reader-args.ts); the RTSP URLs themselves come through pipes.
 */
export function readerPaths(port: number): string[] {
  return readerArgvs(port)
    .flat()
    .map((arg) => /^camera=(cam_\d+)$/.exec(arg)?.[1])
    .filter((path) => path !== undefined)
    .sort();
}

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

/** A second frame-extraction replica, as the test started it: its process and its log. */
export interface SecondReplica {
  process: ChildProcess;
  /** Everything it printed: a test that fails shows it, as a crash or a refusal says why. */
  log(): string;
}

/**
 * A second frame-extraction replica, run like the stack runs the first (tools/stack/components/service.sh),
 * its output in $GTV_STATE/logs/<replicaId>.log.
 */
export function startSecondReplica(replicaId: string): SecondReplica {
  const root = resolve(__dirname, '../../../..');
  const out = openSync(componentLogPath(replicaId), 'w');
  const child = spawn(join(root, 'tools/stack/components/service.sh'), ['frame-extraction'], {
    env: {
      ...process.env,
      FRAME_EXTRACTION_HTTP_PORT: String(SECOND_REPLICA_PORT),
      FRAME_REPLICA_ID: replicaId,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  return { process: child, log: () => readFileSync(componentLogPath(replicaId), 'utf8') };
}
