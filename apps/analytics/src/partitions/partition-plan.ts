/** One daily partition of `analytics.detections`: `[from, to)` in UTC. */
export interface DayPartition {
  name: string;
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
const NAME = /^detections_p(\d{4})(\d{2})(\d{2})$/;

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function partitionOf(day: Date): DayPartition {
  const from = startOfUtcDay(day);
  const stamp = from.toISOString().slice(0, 10).replace(/-/g, '');
  return { name: `detections_p${stamp}`, from, to: new Date(from.getTime() + DAY_MS) };
}

/** The day a partition name stands for, or undefined for a table this plan does not manage. */
export function dayOfPartition(name: string): Date | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(day.getTime()) ? undefined : day;
}

/**
 * Which daily partitions should exist at `now`: every day from the retention cutoff's day to
 * `aheadDays` after today. Those ending at or before the cutoff are to be dropped.
 */
export function partitionPlan(
  now: Date,
  retentionDays: number,
  aheadDays: number,
  existing: string[],
): { create: DayPartition[]; drop: string[]; cutoff: Date } {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const wanted: DayPartition[] = [];
  for (let day = startOfUtcDay(cutoff); day.getTime() <= now.getTime() + aheadDays * DAY_MS;) {
    wanted.push(partitionOf(day));
    day = new Date(day.getTime() + DAY_MS);
  }
  const present = new Set(existing);
  const drop = existing.filter((name) => {
    const day = dayOfPartition(name);
    return day !== undefined && day.getTime() + DAY_MS <= cutoff.getTime();
  });
  return { create: wanted.filter((p) => !present.has(p.name)), drop, cutoff };
}
