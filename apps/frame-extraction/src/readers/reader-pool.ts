import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import { ReaderConfig } from '../config/frame-extraction.config';
import { READER_PROCESSES, READER_RESTARTS } from '../metrics/frame.metrics';
import type { ReaderInput } from './reader-args';
import { camerasNamedIn, planMerge, planReaders, servedBy, stalledCameras } from './reader-plan';
import { ReaderProcess, type Frame } from './reader-process';

interface Group {
  inputs: ReaderInput[];
  process: ReaderProcess;
  startedAt: number;
  detached: Set<number>;
}

/** Merged readers running beside the ones they replace; what they replace is decided at adoption. */
interface Merge {
  readers: Group[];
  delivered: Map<Group, Set<number>>;
  deadline: number;
  /** Its take-over is queued (once). */
  adopting: boolean;
}

const MAX_RESTART_DELAY_MS = 30000;
const STALL_CHECK_MS = 1000;
/** How often small readers are looked at for merging, and how long a reader runs before it may be. */
const MERGE_CHECK_MS = 30000;
const MERGE_SETTLE_MS = 30000;
/**
 * Merged readers started at once. Each opens its cameras beside the readers it replaces, so a merge
 * briefly doubles their RTSP sessions: 250 cameras repacked in one go would open 250 more sessions on
 * MediaMTX at once, so they are repacked a few readers at a time.
 */
const MERGE_MAX_READERS = 2;
/** After a merge that did not open: its cameras are likely not all readable yet. */
const MERGE_RETRY_MS = 300000;
/** ffmpeg's words when MediaMTX itself is unreachable: no camera of the group is to blame. */
const SERVER_UNREACHABLE = /Connection refused|Connection timed out|Network is unreachable/;

/**
 * Keeps one reader per wanted camera running: groups cameras into ffmpeg processes (reader-plan.ts),
 * restarts a group that exits or whose cameras all stalled, and moves a camera that fails inside a
 * shared group into a process of its own (the group reads on without it). Small readers are merged
 * make-before-break: the merged reader starts beside them and they stop once it delivers every
 * camera, so no camera goes blind. Frames go to the one `onFrame` listener.
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
  /** A reconcile queued behind the one under way and not begun yet, which later requests share. */
  private queued: Promise<void> | undefined;
  private checking = false;
  private merge: Merge | undefined;
  private nextMergeAt = 0;

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
    return this.groups.flatMap((group) => servedBy(group).map((input) => input.cameraId));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // A reconcile under way starts nothing once it sees `stopped`; its own stops finish first.
    await this.reconciling;
    const readers = [...this.groups, ...(this.merge?.readers ?? [])];
    this.merge = undefined;
    await Promise.all(readers.map((group) => group.process.stop()));
    this.groups = [];
  }

  /**
   * One reconcile at a time, each planning from what the one before left. Interleaved, a reconcile
   * that plans while another awaits its stops (up to 2 s each) sees neither the groups being stopped
   * nor those about to start, and both start a reader for the same camera: a lease change plus a stall
   * check a second later was enough. A queued reconcile plans from `wanted` as it is when it begins, so
   * requests made meanwhile share it: lease ticks arriving faster than a loaded machine reconciles do
   * not pile up.
   */
  private reconcile(): Promise<void> {
    this.queued ??= this.serialised(() => {
      this.queued = undefined;
      return this.reconcileNow();
    });
    return this.queued;
  }

  /** Changes to the running groups, one at a time (see `reconcile`). */
  private serialised(change: () => Promise<void>): Promise<void> {
    const next = this.reconciling.then(change);
    this.reconciling = next.catch((error: unknown) =>
      this.logger.error(`reconciling readers failed: ${String(error)}`),
    );
    return next;
  }

  private async reconcileNow(): Promise<void> {
    if (this.stopped) return;
    if (this.merge && !this.stillWanted(this.merge)) {
      await this.abandonMerge(this.merge, 'its cameras changed');
    }
    const now = Date.now();
    const ready = this.wanted.filter((input) => (this.notBefore.get(input.cameraId) ?? 0) <= now);
    const plan = planReaders(
      this.groups,
      ready,
      Math.min(
        this.config.FRAME_READER_START_CAMERAS,
        this.config.FRAME_READER_CAMERAS_PER_PROCESS,
      ),
      this.isolated,
      new Set(this.wanted.map((input) => input.cameraId)),
    );
    this.groups = plan.keep;
    await Promise.all(plan.stop.map((group) => group.process.stop()));
    if (this.stopped) return;
    for (const inputs of plan.start) this.groups.push(this.startGroup(inputs));
    this.countProcesses();
  }

  private countProcesses(): void {
    this.processes.set(this.groups.length + (this.merge?.readers.length ?? 0));
  }

  private startGroup(inputs: ReaderInput[]): Group {
    const startedAt = Date.now();
    const group: Group = {
      inputs,
      startedAt,
      detached: new Set(),
      process: undefined as unknown as ReaderProcess,
    };
    group.process = new ReaderProcess(
      this.config.FFMPEG_PATH,
      { rtspUrl: this.config.MEDIAMTX_RTSP_URL, token: this.config.INTERNAL_SERVICE_TOKEN },
      inputs,
      (frame) => this.onGroupFrame(group, frame),
      (code, stderr) => this.onExit(group, code, stderr),
    );
    return group;
  }

  private onGroupFrame(group: Group, frame: Frame): void {
    const merge = this.merge;
    const merging = merge?.delivered.get(group);
    if (merge && merging) {
      // The readers it replaces still deliver this camera: counted, not passed on twice.
      merging.add(frame.cameraId);
      if (!merge.adopting && this.mergeDelivered(merge)) {
        merge.adopting = true;
        void this.serialised(() => this.adoptMerge(merge));
      }
      return;
    }
    // A reader being stopped (replaced, restarted) may still hand over a frame or two.
    if (!this.groups.includes(group) || group.detached.has(frame.cameraId)) return;
    this.lastFrameAt.set(frame.cameraId, frame.takenAt);
    this.failures.delete(frame.cameraId);
    this.listener(frame);
  }

  private onExit(group: Group, code: number | null, stderr: string): void {
    if (this.merge?.readers.includes(group)) {
      void this.abandonMerge(this.merge, `a merged reader exited (${code}): ${lastLine(stderr)}`);
      return;
    }
    if (this.stopped || !this.groups.includes(group)) return;
    this.groups = this.groups.filter((g) => g !== group);
    // Only cameras the group still served: a detached camera's old error may still be in the tail.
    const served = servedBy(group);
    const isServed = (id: number) => served.some((input) => input.cameraId === id);
    const named = SERVER_UNREACHABLE.test(stderr)
      ? []
      : camerasNamedIn(stderr, group.inputs).filter(isServed);
    const silent = this.silentCameras(group).filter(isServed);
    // Isolate a camera when ffmpeg names it, or when it alone stayed silent while its groupmates delivered.
    const culprits = named.length > 0 ? named : silent.length < served.length ? silent : [];
    if (served.length > 1) culprits.forEach((id) => this.isolated.add(id));
    this.logger.warn(
      `reader of cameras ${group.inputs.map((i) => i.cameraId).join(',')} exited (${code}): ${lastLine(stderr)}`,
    );
    this.backOff(culprits.length > 0 ? culprits : served.map((i) => i.cameraId));
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
      this.checkMerge();
    } finally {
      this.checking = false;
    }
  }

  private async restartStalled(): Promise<void> {
    const now = Date.now();
    const stall = this.config.FRAME_READER_STALL_MS;
    let changed = this.wanted.some(
      (input) =>
        !this.groups.some((g) => servedBy(g).some((i) => i.cameraId === input.cameraId)) &&
        (this.notBefore.get(input.cameraId) ?? 0) <= now,
    );
    for (const group of this.groups) {
      const served = servedBy(group).length;
      const stalled = stalledCameras(group, this.lastFrameAt, now, {
        stallMs: stall,
        openMs: this.config.FRAME_READER_OPEN_MS,
      }).filter((id) => !group.detached.has(id));
      if (stalled.length === 0) continue;
      this.backOff(stalled);
      this.restarts.inc();
      changed = true;
      // Fewer than half: those cameras are at fault. More: the group itself (its connection) is.
      if (stalled.length < served / 2) {
        // The others deliver: they read on, and the stalled ones get a process of their own.
        this.logger.warn(
          `cameras ${stalled.join(',')} delivered no frame for ${stall} ms; reading them apart`,
        );
        stalled.forEach((id) => {
          group.detached.add(id);
          this.isolated.add(id);
        });
        continue;
      }
      this.logger.warn(
        `cameras ${stalled.join(',')} delivered no frame for ${stall} ms; restarting their reader`,
      );
      this.groups = this.groups.filter((g) => g !== group);
      await group.process.stop();
    }
    if (changed) await this.reconcile();
  }

  /** Starts merging small readers (planMerge), or gives up a merge that did not open in time. */
  private checkMerge(): void {
    const now = Date.now();
    if (this.merge) {
      if (now > this.merge.deadline && !this.merge.adopting) {
        void this.abandonMerge(this.merge, 'it did not deliver every camera in time');
      }
      return;
    }
    if (now < this.nextMergeAt || this.stopped) return;
    this.nextMergeAt = now + MERGE_CHECK_MS;
    const plan = planMerge(
      this.groups,
      this.lastFrameAt,
      now,
      this.config.FRAME_READER_CAMERAS_PER_PROCESS,
      {
        settleMs: MERGE_SETTLE_MS,
        stallMs: this.config.FRAME_READER_STALL_MS,
        maxReaders: MERGE_MAX_READERS,
      },
    );
    if (!plan) return;
    const readers = plan.start.map((inputs) => this.startGroup(inputs));
    const largest = Math.max(...plan.start.map((inputs) => inputs.length));
    this.merge = {
      readers,
      delivered: new Map(readers.map((group) => [group, new Set<number>()])),
      deadline:
        now + largest * this.config.FRAME_READER_OPEN_MS + this.config.FRAME_READER_STALL_MS,
      adopting: false,
    };
    this.logger.log(
      `merging ${plan.retire.length} readers into ${readers.length} (cameras ${plan.start.flat().length})`,
    );
    this.countProcesses();
  }

  private mergeDelivered(merge: Merge): boolean {
    return merge.readers.every(
      (group) =>
        merge.delivered.get(group)?.size === new Set(group.inputs.map((i) => i.cameraId)).size,
    );
  }

  /** The merged readers serve from now on; the ones they replace stop. */
  private async adoptMerge(merge: Merge): Promise<void> {
    if (this.merge !== merge || this.stopped) return;
    if (!this.stillWanted(merge)) return this.abandonMerge(merge, 'its cameras changed');
    const cameras = new Set(merge.readers.flatMap((group) => group.inputs.map((i) => i.cameraId)));
    // Whatever serves those cameras now: the planned groups, or a restart of one since.
    const replaced = this.groups.filter((group) =>
      servedBy(group).some((input) => cameras.has(input.cameraId)),
    );
    if (replaced.some((group) => servedBy(group).some((input) => !cameras.has(input.cameraId)))) {
      return this.abandonMerge(merge, 'a reader it would replace also reads other cameras');
    }
    this.merge = undefined;
    // They deliver: no longer apart, and no backoff left to keep them out of the plan.
    cameras.forEach((id) => {
      this.isolated.delete(id);
      this.notBefore.delete(id);
      this.failures.delete(id);
    });
    this.groups = [...this.groups.filter((group) => !replaced.includes(group)), ...merge.readers];
    this.countProcesses();
    this.logger.log(`merged: ${replaced.length} readers replaced by ${merge.readers.length}`);
    await Promise.all(replaced.map((group) => group.process.stop()));
  }

  private async abandonMerge(merge: Merge, reason: string): Promise<void> {
    if (this.merge !== merge) return;
    this.merge = undefined;
    this.nextMergeAt = Date.now() + MERGE_RETRY_MS;
    this.logger.warn(`merge given up: ${reason}`);
    this.countProcesses();
    await Promise.all(merge.readers.map((group) => group.process.stop()));
  }

  /** Every camera of the merge is still wanted, at the same rate. */
  private stillWanted(merge: Merge): boolean {
    const wanted = new Map(this.wanted.map((input) => [input.cameraId, input]));
    return merge.readers.every((group) =>
      group.inputs.every((input) => wanted.get(input.cameraId)?.fps === input.fps),
    );
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

const lastLine = (text: string): string => text.trim().split('\n').pop() ?? '';
