import { ChildProcess, spawn } from 'node:child_process';

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The end of ffmpeg's stderr (it logs only errors with -loglevel error), for the log line. */
  stderr: string;
}

/** Enough for ffmpeg's last few error lines; older output is dropped so a chatty child cannot grow memory. */
const STDERR_TAIL = 2000;

/** Grace period after SIGTERM: ffmpeg needs a moment to finish the MP4 it writes. */
const STOP_GRACE_MS = 3000;

/** One ffmpeg child, which cannot outlive the simulator. */
export class FfmpegRun {
  readonly exited: Promise<FfmpegExit>;
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(args: string[]) {
    // setpriv --pdeathsig: the kernel sends ffmpeg SIGTERM when the simulator dies, even by SIGKILL or a
    // crash, so no render outlives it. setpriv execs in place, so the pid is ffmpeg's own. detached (own
    // process group): a Ctrl-C or a supervisor's group signal reaches only the simulator, which then
    // stops its children itself (deleting their partial files).
    this.child = spawn('setpriv', ['--pdeathsig', 'TERM', '--', 'ffmpeg', ...args], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
    });
    this.exited = new Promise((resolve) => {
      // A failed spawn emits 'error' and possibly no 'close'; either settles the promise (only the first counts).
      this.child.once('error', (error) =>
        resolve({ code: null, signal: null, stderr: error.message }),
      );
      this.child.once('close', (code, signal) =>
        resolve({ code, signal, stderr: this.stderr.trim() }),
      );
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM, then SIGKILL if ffmpeg has not exited within the grace period. */
  async stop(): Promise<FfmpegExit> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
      try {
        return await this.exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return this.exited;
  }
}
