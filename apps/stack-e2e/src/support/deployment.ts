import { ComposeDeployment } from './compose-deployment';
import { ProcessStackDeployment } from './process-stack-deployment';

/** A request to the edge's plain-HTTP listener, and what came back. */
export interface EdgeCall {
  path: string;
  headers: Record<string, string>;
}
export interface EdgeAnswer {
  status: number;
  retryAfter?: string;
}

/** A frame-extraction replica, as the suite looks into it. */
export interface FrameReplica {
  /** Base URL of its own HTTP listener (its /metrics). */
  readonly url: string;
  /** The argument lists of its ffmpeg readers. */
  readerArgvs(): string[][];
  /** Its process: another value once it has crashed and been restarted. */
  processId(): string;
}

/** A replica a test added, with its output; `kill` is the harshest stop (SIGKILL, nothing released). */
export interface AddedFrameReplica extends FrameReplica {
  kill(): void;
  log(): string;
}

/** One component's output, named by where it came from (a log file, a container). */
export interface ComponentOutput {
  source: string;
  text: string;
}

/**
 * What the suite does to the deployment under test besides calling it: what an operator or a crash does to
 * its components, and where their logs and loopback-only endpoints are. Components are named as on the
 * process stack (deploy/single-node/process-compose.yaml); a replicated service is every replica of it.
 */
export interface DeploymentUnderTest {
  /** Whether the deployment runs the log store (VictoriaLogs, fed by vlagent); compose leaves logs to podman. */
  readonly logStore: boolean;
  /** Stops a component the way an operator does; nothing restarts it until `start`. */
  stop(component: string): void;
  start(component: string): void;
  /** Starts a component the tests may have stopped; a running one is left as it is. */
  ensureStarted(component: string): void;
  /** Kills the component (SIGKILL, no goodbye) and waits until the deployment has restarted it. */
  crashAndAwaitRestart(component: string, timeoutMs: number): Promise<void>;
  /** Everything the component has logged (all its replicas' lines). */
  log(component: string): string;
  /** Every log the deployment keeps, of every component. */
  everyLog(): ComponentOutput[];
  /** A POST to an endpoint the component serves only on its own loopback; resolves with the status. */
  postOnLoopback(component: string, url: string): Promise<number>;
  /** The base URL of a service's own HTTP listener, which the edge does not route to. */
  serviceUrl(service: string): string;
  /** The address the components see this host's requests come from (what they log and audit). */
  clientAddress(): string;
  /**
   * What an operator runs to replace the JWT signing key: a new key signs, the old one's public half keeps
   * verifying its tokens, every service that verifies tokens restarted with both. Returns once they are ready.
   */
  rotateJwtKey(): void;
  /** The frame-extraction replica the deployment runs (its first, where it runs more). */
  frameReplica(): FrameReplica;
  /** One more frame-extraction replica, started as the deployment starts its own; `name` tells it apart. */
  addFrameReplica(name: string): AddedFrameReplica;
  /**
   * GETs through the edge, in order, from a client address of their own that no other test uses (what the
   * services see as the client, e.g. for per-address limits); resolves with each one's answer.
   */
  callsFromAnotherClient(calls: EdgeCall[]): Promise<EdgeAnswer[]>;
}

/**
 * The deployment under test, as deploy/compose/e2e.sh names it (GTV_DEPLOYMENT=compose, with
 * GTV_COMPOSE_PROJECT); without it, the process stack of tools/gtv up, as tools/test/run.sh runs it.
 */
function deploymentUnderTest(): DeploymentUnderTest {
  const name = process.env['GTV_DEPLOYMENT'] ?? 'process';
  if (name === 'process') return new ProcessStackDeployment();
  if (name === 'compose') {
    const project = process.env['GTV_COMPOSE_PROJECT'];
    if (!project) throw new Error('GTV_DEPLOYMENT=compose needs GTV_COMPOSE_PROJECT');
    return new ComposeDeployment(project);
  }
  throw new Error(`GTV_DEPLOYMENT=${name}: expected process or compose`);
}

export const deployment: DeploymentUnderTest = deploymentUnderTest();
