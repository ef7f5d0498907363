import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type {
  AddedFrameReplica,
  ComponentOutput,
  DeploymentUnderTest,
  EdgeAnswer,
  EdgeCall,
  FrameReplica,
} from './deployment';
import { eventually } from './stack';

/** Process-stack names whose compose service is named otherwise: nginx serves the console there. */
const SERVICE_OF: Record<string, string> = { nginx: 'console' };
const ROOT = join(__dirname, '../../../..');
/** Each service's own port inside its container (deploy/compose/compose.yaml). */
const SERVICE_PORT = 3000;

function podman(...args: string[]): string {
  return execFileSync('podman', args, { encoding: 'utf8', timeout: 120_000 }).trim();
}

/**
 * The compose deployment (deploy/compose), run by podman-compose: each component is a service, each
 * replica a container of the project. A replicated service is acted on as a whole: stopping or crashing
 * ingest leaves no ingest, as on the process stack, where it runs once.
 */
export class ComposeDeployment implements DeploymentUnderTest {
  readonly logStore = false;

  constructor(private readonly project: string) {}

  /** The project's containers (of one service when given), running or not, by name. */
  private projectContainers(service?: string): string[] {
    const filters = [`label=io.podman.compose.project=${this.project}`];
    if (service) filters.push(`label=com.docker.compose.service=${service}`);
    const names = podman(
      'ps',
      '-a',
      ...filters.flatMap((f) => ['--filter', f]),
      '--format',
      '{{.Names}}',
    );
    return names.split('\n').filter(Boolean).sort();
  }

  /** The containers of a component's service, as deploy/compose/compose.sh's containers_of finds them. */
  private containers(component: string): string[] {
    const service = SERVICE_OF[component] ?? component;
    const names = this.projectContainers(service);
    if (!names.length)
      throw new Error(`no container of ${service} in compose project ${this.project}`);
    return names;
  }

  stop(component: string): void {
    podman('stop', ...this.containers(component));
  }

  start(component: string): void {
    podman('start', ...this.containers(component));
  }

  /** `podman start` leaves a running container as it is. */
  ensureStarted(component: string): void {
    this.start(component);
  }

  /**
   * SIGKILL to each container's main process from the host, not `podman kill`: podman 4.3 records a kill
   * through its CLI as a stop by the user and its restart policy then leaves the container stopped (seen),
   * where a process that dies by itself is restarted (`restart: always`). Restarted means running again
   * with a higher restart count and, where the service has a health check, healthy.
   */
  async crashAndAwaitRestart(component: string, timeoutMs: number): Promise<void> {
    const containers = this.containers(component);
    const before = new Map(containers.map((name) => [name, this.restarts(name)]));
    for (const name of containers) {
      const pid = Number(podman('inspect', '-f', '{{.State.Pid}}', name));
      expect({ name, pid: pid > 0 }).toEqual({ name, pid: true });
      process.kill(pid, 'SIGKILL');
    }
    await eventually(async () => {
      for (const name of containers) {
        expect({ name, restarted: this.restarts(name) > (before.get(name) as number) }).toEqual({
          name,
          restarted: true,
        });
        expect({ name, healthy: this.healthy(name) }).toEqual({ name, healthy: true });
      }
    }, timeoutMs);
  }

  private restarts(container: string): number {
    return Number(podman('inspect', '-f', '{{.RestartCount}}', container));
  }

  /**
   * Running, and its health check passing when it has one: run here, since podman 4.3 schedules health
   * checks with systemd timers this host may not have (as deploy/compose/up.sh does).
   */
  private healthy(container: string): boolean {
    const [status, check] = podman(
      'inspect',
      '-f',
      '{{.State.Status}} {{if .Config.Healthcheck}}check{{end}}',
      container,
    ).split(' ');
    if (status !== 'running') return false;
    if (check !== 'check') return true;
    return spawnSync('podman', ['healthcheck', 'run', container], { timeout: 30_000 }).status === 0;
  }

  /** `podman logs` of every replica, standard output and error. */
  log(component: string): string {
    return this.containers(component)
      .map((name) => this.containerLog(name))
      .join('\n');
  }

  everyLog(): ComponentOutput[] {
    return this.projectContainers().map((name) => ({
      source: `podman logs ${name}`,
      text: this.containerLog(name),
    }));
  }

  private containerLog(container: string): string {
    const out = spawnSync('podman', ['logs', container], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      timeout: 60_000,
    });
    if (out.status !== 0) throw new Error(`podman logs ${container}: ${out.stderr}`);
    return `${out.stdout}\n${out.stderr}`;
  }

  /** From inside the component's (first) container, with its own Node.js: its loopback is not the host's. */
  async postOnLoopback(component: string, url: string): Promise<number> {
    const script =
      'fetch(process.argv[1], { method: "POST" }).then((r) => console.log(r.status), ' +
      '(e) => { console.error(e.message); process.exit(1); })';
    const [container] = this.containers(component);
    return Number(podman('exec', container, 'node', '-e', script, url));
  }

  /**
   * The first replica on its address in the compose network, which this host is on (its gateway): a
   * service's own port is published nowhere, and any replica answers the same.
   */
  serviceUrl(service: string): string {
    return this.containerUrl(this.containers(service)[0]);
  }

  private containerUrl(container: string): string {
    const address = podman(
      'inspect',
      '-f',
      '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}',
      container,
    );
    return `http://${address}:${SERVICE_PORT}`;
  }

  /** What is published on 127.0.0.1 arrives from the compose network's gateway (deploy/compose/compose.yaml). */
  clientAddress(): string {
    return podman(
      'network',
      'inspect',
      '-f',
      '{{range .Subnets}}{{.Gateway}}{{end}}',
      `${this.project}_default`,
    );
  }

  /**
   * From inside the camera simulator's container, with its Node.js: every request of this host reaches the
   * edge from the network's gateway, one address for the whole suite, while a container has its own. The
   * simulator never calls the API, so a limit its address earns disturbs nothing.
   */
  async callsFromAnotherClient(calls: EdgeCall[]): Promise<EdgeAnswer[]> {
    const script = `(async () => {
      const answers = [];
      for (const { path, headers } of JSON.parse(process.argv[1])) {
        const res = await fetch(new URL(path, 'http://haproxy'), { headers, signal: AbortSignal.timeout(10000) });
        answers.push({ status: res.status, retryAfter: res.headers.get('retry-after') ?? undefined });
      }
      console.log(JSON.stringify(answers));
    })().catch((e) => { console.error(e.message); process.exit(1); })`;
    const [container] = this.containers('camera-simulator');
    return JSON.parse(podman('exec', container, 'node', '-e', script, JSON.stringify(calls)));
  }

  frameReplica(): FrameReplica {
    return this.frameReplicaIn(this.containers('frame-extraction')[0]);
  }

  /**
   * One more replica of the service (deploy/compose/scale.sh), which names it itself: `name` is not its
   * replica id there. Killed, it is removed, so that neither podman nor compose brings it back.
   */
  addFrameReplica(_name: string): AddedFrameReplica {
    const before = new Set(this.containers('frame-extraction'));
    execFileSync(
      join(ROOT, 'deploy/compose/scale.sh'),
      ['frame-extraction', String(before.size + 1)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 300_000,
      },
    );
    const added = this.containers('frame-extraction').find((name) => !before.has(name));
    if (!added) throw new Error('deploy/compose/scale.sh added no frame-extraction container');
    return {
      ...this.frameReplicaIn(added),
      kill: () => podman('rm', '--force', '--ignore', '--time', '0', added),
      log: () => this.containerLog(added),
    };
  }

  /** Read inside the container, whose processes are the replica's: the node service and its readers. */
  private frameReplicaIn(container: string): FrameReplica {
    const script =
      'const fs = require("fs"); const argvs = [];' +
      'for (const pid of fs.readdirSync("/proc").filter((d) => /^\\d+$/.test(d))) {' +
      '  try { const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\\0");' +
      '    if (argv[0].endsWith("ffmpeg")) argvs.push(argv); } catch {} }' +
      'console.log(JSON.stringify(argvs));';
    return {
      url: this.containerUrl(container),
      readerArgvs: () => JSON.parse(podman('exec', container, 'node', '-e', script)),
      processId: () => podman('inspect', '-f', '{{.State.Pid}}', container),
    };
  }

  rotateJwtKey(): void {
    execFileSync(join(ROOT, 'deploy/compose/rotate-jwt-key.sh'), {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 540_000,
    });
  }
}
