import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import type {
  AddedFrameReplica,
  ComponentOutput,
  DeploymentUnderTest,
  EdgeAnswer,
  EdgeCall,
  FrameReplica,
} from './deployment';
import { componentLogPath, EDGE, eventually, listenerPid, STATE } from './stack';

const ROOT = join(__dirname, '../../../..');

/** The port each component that a test crashes listens on, by its variable in tools/stack/ports.env. */
const LISTEN_PORT_VARIABLES: Record<string, string> = {
  'camera-registry': 'GTV_CAMERA_REGISTRY_PORT',
  ingest: 'GTV_INGEST_PORT',
  'frame-extraction': 'GTV_FRAME_EXTRACTION_PORT',
  analytics: 'GTV_ANALYTICS_PORT',
  'lpr-engine': 'GTV_LPR_ENGINE_PORT',
  kafka: 'GTV_KAFKA_PORT',
  mediamtx: 'GTV_MEDIAMTX_API_PORT',
};

/** The port a frame-extraction replica added by a test listens on: free in ports.env. */
const ADDED_FRAME_REPLICA_PORT = 3013;

/** The ffmpeg children of the process listening on `port`, read from /proc. */
function readerArgvsOf(port: number): string[][] {
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

/** A frame-extraction process of this host, by the port it listens on. */
function frameReplicaOn(port: number): FrameReplica {
  return {
    url: `http://127.0.0.1:${port}`,
    readerArgvs: () => readerArgvsOf(port),
    processId: () => String(listenerPid(port)),
  };
}

/** A port as tools/stack/ports.sh sets it: the environment's value, else ports.env's default. */
function port(variable: string): number {
  const defaults = readFileSync(join(ROOT, 'tools/stack/ports.env'), 'utf8');
  const value =
    process.env[variable] ?? new RegExp(`^${variable}=(\\d+)$`, 'm').exec(defaults)?.[1];
  if (value === undefined) throw new Error(`${variable} is not in tools/stack/ports.env`);
  return Number(value);
}

/** The single-node stack of tools/gtv up: process-compose over a socket in $GTV_STATE, logs in files. */
export class ProcessStackDeployment implements DeploymentUnderTest {
  readonly logStore = true;

  /** A process-compose command, e.g. `supervisor('process', 'stop', 'kafka')`. */
  private supervisor(...args: string[]): string {
    const bin = execFileSync(join(ROOT, 'tools/install/process-compose.sh'), { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop() as string;
    return execFileSync(bin, ['-U', '-u', join(STATE, 'supervisor.sock'), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  stop(component: string): void {
    this.supervisor('process', 'stop', component);
  }

  start(component: string): void {
    this.supervisor('process', 'start', component);
  }

  ensureStarted(component: string): void {
    try {
      this.start(component);
    } catch (error) {
      const output = String((error as { stderr?: unknown }).stderr ?? error);
      if (!output.includes('already running')) throw error;
    }
  }

  /**
   * The process is found by its listening socket, so that it is this stack's even when others run on the
   * host; restarted means another process listens on that port again.
   */
  async crashAndAwaitRestart(component: string, timeoutMs: number): Promise<void> {
    const variable = LISTEN_PORT_VARIABLES[component];
    if (!variable) throw new Error(`no listening port known for ${component}`);
    const listening = port(variable);
    const pid = listenerPid(listening);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');
    await eventually(async () => {
      const restarted = listenerPid(listening);
      expect(restarted).toBeGreaterThan(0);
      expect(restarted).not.toBe(pid);
    }, timeoutMs);
  }

  log(component: string): string {
    return readFileSync(componentLogPath(component), 'utf8');
  }

  /** Every file under $GTV_STATE/logs but the rotated (compressed) ones. */
  everyLog(dir = join(STATE, 'logs')): ComponentOutput[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return this.everyLog(path);
      return entry.isFile() && !entry.name.endsWith('.gz')
        ? [{ source: path, text: readFileSync(path, 'utf8') }]
        : [];
    });
  }

  /** Every component listens on this host's loopback. */
  async postOnLoopback(_component: string, url: string): Promise<number> {
    return (await fetch(url, { method: 'POST' })).status;
  }

  serviceUrl(service: string): string {
    const variable = LISTEN_PORT_VARIABLES[service];
    if (!variable) throw new Error(`no listening port known for ${service}`);
    return `http://127.0.0.1:${port(variable)}`;
  }

  /** Everything listens on loopback, and the suite calls it there. */
  clientAddress(): string {
    return '127.0.0.1';
  }

  /** From a loopback address of their own (127.0.0.0/8 is all this host's), each call on a new connection. */
  async callsFromAnotherClient(calls: EdgeCall[]): Promise<EdgeAnswer[]> {
    const localAddress = `127.0.${1 + Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
    const answers: EdgeAnswer[] = [];
    for (const { path, headers } of calls) {
      answers.push(
        await new Promise<EdgeAnswer>((resolve, reject) => {
          const req = request(new URL(path, EDGE), { localAddress, headers }, (res) => {
            res.resume();
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                retryAfter: res.headers['retry-after'] as string | undefined,
              }),
            );
          });
          req.setTimeout(10_000, () => req.destroy(new Error(`${path}: no answer in 10 s`)));
          req.on('error', reject);
          req.end();
        }),
      );
    }
    return answers;
  }

  frameReplica(): FrameReplica {
    return frameReplicaOn(port('GTV_FRAME_EXTRACTION_PORT'));
  }

  /** Run as the stack runs the first (tools/stack/components/service.sh), its output in $GTV_STATE/logs. */
  addFrameReplica(name: string): AddedFrameReplica {
    const out = openSync(componentLogPath(name), 'w');
    const child = spawn(join(ROOT, 'tools/stack/components/service.sh'), ['frame-extraction'], {
      env: {
        ...process.env,
        FRAME_EXTRACTION_HTTP_PORT: String(ADDED_FRAME_REPLICA_PORT),
        FRAME_REPLICA_ID: name,
      },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    return {
      ...frameReplicaOn(ADDED_FRAME_REPLICA_PORT),
      kill: () => child.kill('SIGKILL'),
      log: () => readFileSync(componentLogPath(name), 'utf8'),
    };
  }

  rotateJwtKey(): void {
    execFileSync(join(ROOT, 'tools/gtv'), ['rotate-jwt-key'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 540_000,
    });
  }
}
