import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import { ReaderConfig } from '../config/frame-extraction.config';
import { READER_PROCESSES, READER_RESTARTS } from '../metrics/frame.metrics';
import type { ReaderInput } from './reader-args';
import { camerasNamedIn, planReaders, stalledCameras } from './reader-plan';
import { ReaderProcess, type Frame } from './reader-process';

interface Group {
  inputs: ReaderInput[];
  process: ReaderProcess;
  startedAt: number;
}

const MAX_RESTART_DELAY_MS = 30000;
const STALL_CHECK_MS = 1000;

/**
 * Keeps one reader per wanted camera running: groups cameras into ffmpeg processes (reader-plan.ts),
 * restarts a group that exits or has a stalled camera, and moves a camera that fails inside a shared
 * group into a process of its own. Frames go to the one `onFrame` listener.
 */
@Injectable()
export class ReaderPool implements OnApplicationShutdown {
  private readonly logger = new Logger('Readers');
  private groups: Group[] = [];
  private wanted: ReaderInput[] = [];
  private readonly isolated = new Set<number>();
  private readonly lastFrameAt = new Map<number, number>();
  /** Consecutive failed starts per camera, for the restart backoff. */
  private readonly failures = new Map<number, number>();
  private readonly notBefore = new Map<number, number>();
  private listener: (frame: Frame) => void = () => undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The reconcile under way, which the next one waits for (see `reconcile`). */
  private reconciling: Promise<void> = Promise.resolve();
  private checking = false;

  constructor(
    private readonly config: ReaderConfig,
    @InjectMetric(READER_PROCESSES) private readonly processes: Gauge,
    @InjectMetric(READER_RESTARTS) private readonly restarts: Counter,
  ) {}

  onFrame(listener: (frame: Frame) => void): void {
    this.listener = listener;
  }

  /** The cameras this replica reads now (those it holds a lease on). */
  async setCameras(wanted: ReaderInput[]): Promise<void> {
    this.wanted = wanted;
    const ids = new Set(wanted.map((input) => input.cameraId));
    for (const id of [...this.isolated]) if (!ids.has(id)) this.isolated.delete(id);
    for (const id of [...this.failures.keys()]) if (!ids.has(id)) this.failures.delete(id);
    await this.reconcile();
    this.timer ??= setInterval(() => void this.checkStalls(), STALL_CHECK_MS);
  }

  readingCameras(): number[] {
    return this.groups.flatMap((group) => group.inputs.map((input) => input.cameraId));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(this.groups.map((group) => group.process.stop()));
    this.groups = [];
  }

  /**
   * One reconcile at a time, each planning from what the one before left. Interleaved, a reconcile
   * that plans while another awaits its stops (up to 2 s each) sees neither the groups being stopped
   * nor those about to start, and both start a reader for the same camera: a lease change plus a stall
   * check a second later was enough.
   */
  private reconcile(): Promise<void> {
    const next = this.reconciling.then(() => this.reconcileNow());
    this.reconciling = next.catch((error: unknown) =>
      this.logger.error(`reconciling readers failed: ${String(error)}`),
    );
    return next;
  }

  private async reconcileNow(): Promise<void> {
    if (this.stopped) return;
    const now = Date.now();
    const ready = this.wanted.filter((input) => (this.notBefore.get(input.cameraId) ?? 0) <= now);
    const plan = planReaders(
      this.groups,
      ready,
      this.config.FRAME_READER_CAMERAS_PER_PROCESS,
      this.isolated,
    );
    this.groups = plan.keep;
    await Promise.all(plan.stop.map((group) => group.process.stop()));
    for (const inputs of plan.start) this.groups.push(this.startGroup(inputs));
    this.processes.set(this.groups.length);
  }

  private startGroup(inputs: ReaderInput[]): Group {
    const startedAt = Date.now();
    const group: Group = { inputs, startedAt, process: undefined as unknown as ReaderProcess };
    group.process = new ReaderProcess(
      this.config.FFMPEG_PATH,
      { rtspUrl: this.config.MEDIAMTX_RTSP_URL, token: this.config.INTERNAL_SERVICE_TOKEN },
      inputs,
      (frame) => {
        this.lastFrameAt.set(frame.cameraId, frame.takenAt);
        this.failures.delete(frame.cameraId);
        this.listener(frame);
      },
      (code, stderr) => this.onExit(group, code, stderr),
    );
    return group;
  }

  private onExit(group: Group, code: number | null, stderr: string): void {
    if (this.stopped || !this.groups.includes(group)) return;
    this.groups = this.groups.filter((g) => g !== group);
    const named = camerasNamedIn(stderr, group.inputs);
    const silent = this.silentCameras(group);
    // Isolate a camera when ffmpeg names it, or when it alone stayed silent while its groupmates delivered.
    const culprits = named.length > 0 ? named : silent.length < group.inputs.length ? silent : [];
    if (group.inputs.length > 1) culprits.forEach((id) => this.isolated.add(id));
    this.logger.warn(
      `reader of cameras ${group.inputs.map((i) => i.cameraId).join(',')} exited (${code}): ${stderr.trim().split('\n').pop() ?? ''}`,
    );
    this.backOff(culprits.length > 0 ? culprits : group.inputs.map((i) => i.cameraId));
    this.restarts.inc();
    void this.reconcile();
  }

  /** Restarts groups holding a camera that delivered nothing for FRAME_READER_STALL_MS (see stalledCameras). */
  private async checkStalls(): Promise<void> {
    // A check awaits its stops (up to 2 s) and the interval fires every second: one check at a time.
    if (this.checking) return;
    this.checking = true;
    try {
      await this.restartStalled();
    } finally {
      this.checking = false;
    }
  }

  private async restartStalled(): Promise<void> {
    const now = Date.now();
    const stall = this.config.FRAME_READER_STALL_MS;
    let changed = this.wanted.some(
      (input) =>
        !this.groups.some((g) => g.inputs.some((i) => i.cameraId === input.cameraId)) &&
        (this.notBefore.get(input.cameraId) ?? 0) <= now,
    );
    for (const group of this.groups) {
      const stalled = stalledCameras(group, this.lastFrameAt, now, {
        stallMs: stall,
        openMs: this.config.FRAME_READER_OPEN_MS,
      });
      if (stalled.length === 0) continue;
      this.logger.warn(
        `cameras ${stalled.join(',')} delivered no frame for ${stall} ms; restarting their reader`,
      );
      if (group.inputs.length > 1 && stalled.length < group.inputs.length) {
        stalled.forEach((id) => this.isolated.add(id));
      }
      this.backOff(stalled);
      this.restarts.inc();
      this.groups = this.groups.filter((g) => g !== group);
      await group.process.stop();
      changed = true;
    }
    if (changed) await this.reconcile();
  }

  private silentCameras(group: Group): number[] {
    return group.inputs
      .filter((input) => (this.lastFrameAt.get(input.cameraId) ?? 0) < group.startedAt)
      .map((input) => input.cameraId);
  }

  private backOff(cameraIds: number[]): void {
    for (const id of cameraIds) {
      const failures = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, failures);
      const delay = Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** (failures - 1));
      // Full jitter, so cameras that failed together (MediaMTX restart) do not return in lockstep.
      this.notBefore.set(id, Date.now() + Math.random() * delay);
    }
  }
}
