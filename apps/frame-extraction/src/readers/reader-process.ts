import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { JpegSplitter } from './jpeg-splitter';
import {
  FIRST_OUTPUT_FD,
  inputFd,
  readerArgs,
  readerInputScript,
  type ReaderInput,
  type ReaderSource,
} from './reader-args';

export interface Frame {
  cameraId: number;
  jpeg: Buffer<ArrayBuffer>;
  /** When the reader handed the keyframe over (ms since the epoch). */
  takenAt: number;
}

/**
 * One long-lived ffmpeg process reading a group of cameras; each camera's JPEGs arrive on their own
 * pipe. `onExit` fires once, whether ffmpeg ended by itself or was stopped.
 */
export class ReaderProcess {
  private readonly child: ChildProcess;
  private stderrTail = '';
  private exited = false;

  constructor(
    ffmpegPath: string,
    source: ReaderSource,
    readonly inputs: readonly ReaderInput[],
    onFrame: (frame: Frame) => void,
    onExit: (code: number | null, stderrTail: string) => void,
  ) {
    const stdio: ('ignore' | 'pipe')[] = [
      'ignore',
      'ignore',
      'pipe',
      ...inputs.map(() => 'pipe' as const),
      ...inputs.map(() => 'pipe' as const),
    ];
    // setpriv --pdeathsig: the kernel stops ffmpeg if this process dies, even by SIGKILL, so a camera
    // whose lease moves to another replica is never still read by an orphan. It execs in place (the pid
    // is ffmpeg's). detached: a supervisor's signal to our group reaches only Node, which stops its
    // readers itself before giving their leases back.
    this.child = spawn(
      'setpriv',
      ['--pdeathsig', 'TERM', '--', ffmpegPath, ...readerArgs(inputs)],
      {
        stdio,
        detached: true,
      },
    );
    inputs.forEach((input, i) => {
      // The URL with the token goes through a pipe, read once by ffmpeg at start, never into argv.
      const script = this.child.stdio[inputFd(i, inputs.length)] as Writable;
      script.on('error', () => undefined); // ffmpeg exited before reading it: onExit says why.
      script.end(readerInputScript(source, input));
      const splitter = new JpegSplitter((jpeg) =>
        onFrame({ cameraId: input.cameraId, jpeg, takenAt: Date.now() }),
      );
      (this.child.stdio[FIRST_OUTPUT_FD + i] as Readable).on('data', (chunk: Buffer) =>
        splitter.push(chunk),
      );
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      // Only the tail, to say why it exited; credentials are redacted before anyone sees it.
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    this.child.on('error', (error) => this.finish(onExit, null, error.message));
    this.child.on('exit', (code) => this.finish(onExit, code, this.stderrTail));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM, then SIGKILL if ffmpeg has not gone within two seconds. */
  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      this.child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }

  private finish(
    onExit: (code: number | null, stderrTail: string) => void,
    code: number | null,
    tail: string,
  ): void {
    if (this.exited) return;
    this.exited = true;
    onExit(code, redactCredentials(tail));
  }
}

/** ffmpeg may echo an input URL in an error; never let the token reach a log. */
export function redactCredentials(text: string): string {
  return text.replace(/(rtsps?:\/\/)[^@\s/]+@/g, '$1***@');
}
