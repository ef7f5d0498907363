import {
  plateOcrKey,
  wildcardRegExp,
  type AlertSeverity,
  type DetectionEventV1,
  type WatchlistMatchMode,
} from '@gt-vision/shared-types';

/** A watchlist entry as the matcher holds it. */
export interface ActiveEntry {
  id: string;
  watchlistId: string;
  plate: string;
  match: WatchlistMatchMode;
  reason: string;
  severity: AlertSeverity;
  /** Epoch ms; null for no expiry. */
  expiresAt: number | null;
}

/** An entry that matched a detection, and which reading (the plate or an alternative) matched it. */
export interface WatchlistMatch {
  entry: ActiveEntry;
  reading: string;
}

function push<K>(map: Map<K, ActiveEntry[]>, key: K, entry: ActiveEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/**
 * The entries, indexed so a detection costs a few map look-ups: exact entries by plate, OCR entries
 * by `plateOcrKey`, wildcard entries compiled once (`wildcardRegExp`) and tried in turn. Each look-up
 * is the rule of `watchlistEntryMatches` in shared-types (its spec checks they agree).
 */
export class WatchlistIndex {
  private readonly exact = new Map<string, ActiveEntry[]>();
  private readonly ocr = new Map<string, ActiveEntry[]>();
  private readonly wildcards: { entry: ActiveEntry; regex: RegExp }[] = [];

  constructor(readonly entries: readonly ActiveEntry[]) {
    for (const entry of entries) {
      if (entry.match === 'exact') push(this.exact, entry.plate, entry);
      else if (entry.match === 'ocr') push(this.ocr, plateOcrKey(entry.plate), entry);
      else this.wildcards.push({ entry, regex: wildcardRegExp(entry.plate) });
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * One match per entry that any reading matches (the plate first, then the alternatives in order),
   * skipping entries expired at `now`.
   */
  match(detection: DetectionEventV1, now: number): WatchlistMatch[] {
    const found = new Map<string, WatchlistMatch>();
    const readings = [detection.plate, ...detection.alternatives.map((a) => a.plate)];
    const accept = (entry: ActiveEntry, reading: string) => {
      if (found.has(entry.id) || (entry.expiresAt !== null && entry.expiresAt <= now)) return;
      found.set(entry.id, { entry, reading });
    };
    for (const reading of readings) {
      for (const entry of this.exact.get(reading) ?? []) accept(entry, reading);
      for (const entry of this.ocr.get(plateOcrKey(reading)) ?? []) accept(entry, reading);
      for (const { entry, regex } of this.wildcards) {
        if (regex.test(reading)) accept(entry, reading);
      }
    }
    return [...found.values()];
  }
}
