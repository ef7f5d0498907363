import { DetectionRules, plateOcrKey, type PlateReading } from '@gt-vision/shared-types';
import type { PlateRead, VehicleDetection } from './plate-read';

export interface DedupeOptions {
  /** A plate seen again within this long of its last read is the same passing vehicle. */
  windowMs: number;
  /** Reads at least this confident are published at once. */
  confident: number;
  /** The longest a weaker read waits for a better one. */
  holdMs: number;
}

interface Passage {
  windowStart: number;
  lastSeen: number;
  best: PlateRead;
  /** Every plate text read in this passage with its best confidence. */
  readings: Map<string, number>;
  emitted: boolean;
}

/**
 * Folds the reads of one plate by one camera into one detection per passing vehicle. Reads are keyed
 * by the plate's OCR key, so `ABC1D23` and `A8C1D23` (an OCR slip) are the same vehicle. Operators want
 * the event promptly and once: a confident read is published at once; a weak one waits up to
 * `holdMs` for a better read and then goes out with the best seen. Reads after publication, while the
 * vehicle is still in view (each within `windowMs` of the last), are merged (counted, not published):
 * a parked car is one detection, not one per window.
 */
export class Deduper {
  private readonly cameras = new Map<number, Map<string, Passage>>();

  constructor(
    private readonly options: DedupeOptions,
    private readonly merged: () => void,
  ) {}

  /** Records a read; returns the detection to publish now, if any. */
  add(read: PlateRead, now: number): VehicleDetection | null {
    let passages = this.cameras.get(read.cameraId);
    if (!passages) {
      passages = new Map();
      this.cameras.set(read.cameraId, passages);
    }
    const key = plateOcrKey(read.plate);
    let passage = passages.get(key);
    if (passage && read.capturedAt - passage.lastSeen > this.options.windowMs) {
      passages.delete(key);
      passage = undefined;
    }
    if (!passage) {
      passage = {
        windowStart: read.capturedAt,
        lastSeen: read.capturedAt,
        best: read,
        readings: new Map([[read.plate, read.confidence]]),
        emitted: false,
      };
      passages.set(key, passage);
    } else {
      passage.lastSeen = Math.max(passage.lastSeen, read.capturedAt);
      passage.readings.set(
        read.plate,
        Math.max(passage.readings.get(read.plate) ?? 0, read.confidence),
      );
      if (passage.emitted) {
        this.merged();
        return null;
      }
      if (read.confidence > passage.best.confidence) passage.best = read;
      else this.merged();
    }
    if (passage.best.confidence >= this.options.confident) return this.emit(read.cameraId, passage);
    return this.due(passage, now) ? this.emit(read.cameraId, passage) : null;
  }

  /** Publishes passages whose hold ran out and forgets those out of view; call every few hundred ms. */
  flush(now: number): VehicleDetection[] {
    const out: VehicleDetection[] = [];
    for (const [cameraId, passages] of this.cameras) {
      for (const [key, passage] of passages) {
        if (!passage.emitted && this.due(passage, now)) out.push(this.emit(cameraId, passage));
        if (now - passage.lastSeen > this.options.windowMs) passages.delete(key);
      }
      if (passages.size === 0) this.cameras.delete(cameraId);
    }
    return out;
  }

  /** The camera is no longer read here: its held reads are published now, the rest forgotten. */
  forget(cameraId: number): VehicleDetection[] {
    const passages = this.cameras.get(cameraId);
    this.cameras.delete(cameraId);
    if (!passages) return [];
    return [...passages.values()].filter((p) => !p.emitted).map((p) => this.emit(cameraId, p));
  }

  private due(passage: Passage, now: number): boolean {
    return now - passage.windowStart >= this.options.holdMs;
  }

  private emit(cameraId: number, passage: Passage): VehicleDetection {
    passage.emitted = true;
    const best = passage.best;
    const seen: PlateReading[] = [...passage.readings]
      .filter(([plate]) => plate !== best.plate)
      .map(([plate, confidence]) => ({ plate, confidence }));
    const alternatives = new Map<string, number>();
    for (const reading of [...best.alternatives, ...seen]) {
      if (reading.plate === best.plate) continue;
      alternatives.set(
        reading.plate,
        Math.max(alternatives.get(reading.plate) ?? 0, reading.confidence),
      );
    }
    const detection: VehicleDetection = {
      cameraId,
      windowStart: passage.windowStart,
      best,
      alternatives: [...alternatives]
        .map(([plate, confidence]) => ({ plate, confidence }))
        .sort((a, b) => b.confidence - a.confidence)
        .slice(0, DetectionRules.maxAlternatives),
    };
    // The passage stays to merge later reads; its frame is no longer needed.
    passage.best = { ...best, jpeg: Buffer.alloc(0) };
    return detection;
  }
}
