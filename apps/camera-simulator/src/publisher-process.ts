import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { log } from './log';

/** A clip and the RTSP path the publisher serves it at. */
export interface Feed {
  clip: string;
  path: string;
}

/** One camera's publishing in the publisher process: all its feeds, which pause, fail and stop together. */
export interface PublishSession {
  /** Settles only when the session ended by itself, with why (clip unreadable, path taken, process gone). */
  readonly failed: Promise<string>;
  /** Sends nothing while the connections stay open (a hung camera), until resume(). */
  pause(): void;
  /** Carries on from the frame it stopped at; if the session failed meanwhile, `failed` settles now. */
  resume(): void;
  /** Closes its streams (their readers are disconnected); settles once done (or the process is gone). */
  stop(): Promise<void>;
}

/** The protocol's events (see publisher/main.go). */
interface PublisherEvent {
  event: 'failed' | 'stopped';
  id: number;
  error?: string;
}

interface Pending {
  fail(reason: string): void;
  stopped(): void;
}

/** Grace period after stdin closes: the publisher closes every session's streams, then exits. */
const CLOSE_GRACE_MS = 3000;

/**
 * The one Go process that serves every camera over RTSP (apps/camera-simulator/publisher), commanded by JSON
 * lines on its stdin and answering on its stdout. Started on the first session; when it exits, every
 * session fails with the reason (each camera then restarts with its backoff) and the next session starts
 * a new process.
 */
export class PublisherProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly sessions = new Map<number, Pending>();
  private nextId = 1;

  /** `rtspUrl` holds the feeds' password: it goes to the child's environment, never its command line. */
  constructor(
    private readonly binary: string,
    private readonly rtspUrl: string,
  ) {}

  /** The process's pid while it runs; every camera's session lives in it. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(feeds: readonly Feed[]): PublishSession {
    const child = this.child ?? this.spawn();
    const id = this.nextId++;
    let fail!: (reason: string) => void;
    const failed = new Promise<string>((resolve) => (fail = resolve));
    let stopped!: () => void;
    const stop = new Promise<void>((resolve) => (stopped = resolve));
    this.sessions.set(id, { fail, stopped });
    const send = (command: object) => child.stdin?.write(`${JSON.stringify({ ...command, id })}\n`);
    send({ cmd: 'start', feeds });
    return {
      failed,
      pause: () => send({ cmd: 'pause' }),
      resume: () => send({ cmd: 'resume' }),
      stop: () => {
        send({ cmd: 'stop' });
        return stop;
      },
    };
  }

  /** Closes its stdin (the publisher then stops every session and exits), SIGKILL after a grace period. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private spawn(): ChildProcess {
    // setpriv --pdeathsig: the kernel sends the publisher SIGTERM when the simulator dies, even by SIGKILL;
    // its stdin closing does the same where the signal cannot (a wrapper in between). detached (own
    // process group): a Ctrl-C reaches only the simulator, which stops its sessions itself. Its stderr is
    // the simulator's: its log lines go where the simulator's go.
    const child = spawn('setpriv', ['--pdeathsig', 'TERM', '--', this.binary], {
      detached: true,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, PUBLISHER_RTSP_URL: this.rtspUrl },
    });
    this.child = child;
    // A write after the process died fails with EPIPE; its exit is handled below.
    child.stdin.on('error', () => undefined);
    createInterface({ input: child.stdout }).on('line', (line) => this.received(line));
    this.exited = new Promise((resolve) => {
      const exit = (reason: string) => {
        if (this.child !== child) return;
        this.child = undefined;
        // Expected only after close(), when no session is left.
        log(this.sessions.size > 0 ? 'warn' : 'info', 'publisher process exited', {
          pid: child.pid,
          reason,
          sessions: this.sessions.size,
        });
        for (const pending of this.sessions.values()) {
          pending.fail(`publisher process exited (${reason})`);
          pending.stopped();
        }
        this.sessions.clear();
        resolve();
      };
      child.once('error', (error) => exit(error.message));
      child.once('close', (code, signal) => exit(signal ?? `code ${code}`));
    });
    log('info', 'publisher process started', { pid: child.pid });
    return child;
  }

  private received(line: string): void {
    let event: PublisherEvent;
    try {
      event = JSON.parse(line) as PublisherEvent;
    } catch {
      log('warn', 'unreadable publisher event', { line });
      return;
    }
    const pending = this.sessions.get(event.id);
    if (!pending) return;
    this.sessions.delete(event.id);
    if (event.event === 'failed') pending.fail(event.error ?? 'unknown error');
    pending.stopped();
  }
}
