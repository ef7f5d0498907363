import { keysetCursor } from '../common/keyset-cursor';

/** Where the next page starts: after the alert raised at `raisedAt` with this id (newest first). */
export interface AlertCursor {
  /** Millisecond UTC text: alerts' times are kept to the millisecond. */
  raisedAt: string;
  id: string;
}

const cursor = keysetCursor('raisedAt', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

export const encodeAlertCursor = (position: AlertCursor): string => cursor.encode(position);
export const decodeAlertCursor = (text: string): AlertCursor => cursor.decode(text);
