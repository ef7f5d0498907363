import { createRequire } from 'node:module';

/**
 * kafkajs 2.2.4 (its last release) schedules its pending-request check even when nothing is pending
 * and nothing is throttled: `throttledUntil` starts at -1, so it calls `setTimeout(fn, -1 - Date.now())`.
 * Node 24 warns (`TimeoutNegativeWarning: -1796180460176 is a negative number`) and runs it after 1 ms,
 * and since the callback schedules itself again, every broker connection spins a 1 ms timer for as
 * long as it is open. No client option avoids that path (it runs after every response). This replaces
 * the method with one that schedules a check only when there is something to check: pending requests,
 * at the end of a broker throttle or after the usual 10 ms poll. The rest of kafkajs is unchanged.
 *
 * Applied by `applyKafkajsRequestQueueFix()` when the Kafka module loads; it refuses to touch any
 * kafkajs version but the one it was written for, so an upgrade is a conscious decision.
 */
const FIXED_VERSION = '2.2.4';
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

/** The delay before the next check of the queue, or null when there is nothing to check. */
export function nextPendingCheckDelay(
  queue: Pick<RequestQueueState, 'pending' | 'throttledUntil'>,
  now: number,
): number | null {
  if (queue.pending.length === 0) return null;
  const untilUnthrottled = queue.throttledUntil - now;
  return untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
}

function scheduleCheckPendingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId) return;
  const delay = nextPendingCheckDelay(this, Date.now());
  if (delay === null) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

let applied = false;

export function applyKafkajsRequestQueueFix(): void {
  if (applied) return;
  const require = createRequire(__filename);
  const version = (require('kafkajs/package.json') as { version: string }).version;
  if (version !== FIXED_VERSION) {
    throw new Error(
      `kafkajs ${version}: re-check its RequestQueue.scheduleCheckPendingRequests, then update ` +
        `libs/backend/kafka/src/lib/kafkajs-request-queue.fix.ts (written for ${FIXED_VERSION})`,
    );
  }
  const RequestQueue = require('kafkajs/src/network/requestQueue') as {
    prototype: { scheduleCheckPendingRequests: () => void };
  };
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  applied = true;
}
