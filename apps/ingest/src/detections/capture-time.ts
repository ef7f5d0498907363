import { DetectionRules, type ErrorDetail } from '@gt-vision/shared-types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `capturedAt` within what the system can store: not further ahead of this server's clock than
 * camera clock skew explains, and not older than the oldest partition retention keeps.
 */
export function captureTimeProblem(capturedAt: string, now: number): string | null {
  const at = Date.parse(capturedAt);
  if (Number.isNaN(at)) return 'capturedAt is not a valid time';
  if (at > now + DetectionRules.maxFutureSkewMs) {
    return `capturedAt must not be more than ${DetectionRules.maxFutureSkewMs / 1000} s in the future`;
  }
  if (at < now - DetectionRules.maxAgeDays * DAY_MS) {
    return `capturedAt must not be more than ${DetectionRules.maxAgeDays} days in the past`;
  }
  return null;
}

/** One detail per item whose capture time is out of bounds; `prefix` names the item (`items.3.`). */
export function captureTimeDetails(
  items: readonly { capturedAt: string }[],
  now: number,
  prefix: (index: number) => string,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  items.forEach((item, index) => {
    const problem = captureTimeProblem(item.capturedAt, now);
    if (problem) details.push({ field: `${prefix(index)}capturedAt`, problem });
  });
  return details;
}
