import type { Database, Tx } from '@gt-vision/backend-database';
import type { OutboxMessage, OutboxRelay, OutboxRepository } from '@gt-vision/backend-outbox';
import { CameraEvents } from './camera-events';

/**
 * The real CameraEvents over a stand-in database, outbox and relay, for unit tests of its callers:
 * a write runs as given (fake repositories ignore the transaction) and `stored` lists the events
 * that committed with their writes.
 */
export function cameraEventsForTests() {
  const stored: OutboxMessage[] = [];
  const db = { transaction: (work: (tx: Tx) => Promise<unknown>) => work({} as Tx) };
  const outbox = {
    add: async (_tx: Tx, messages: OutboxMessage[]) => void stored.push(...messages),
  };
  /** How often the relay was woken, i.e. how many writes committed an event. */
  const relay = {
    wakes: 0,
    wake() {
      relay.wakes++;
    },
  };
  const events = new CameraEvents(
    db as unknown as Database,
    outbox as unknown as OutboxRepository,
    relay as unknown as OutboxRelay,
  );
  return { events, stored, relay };
}
