import { keysetCursor } from '../common/keyset-cursor';

/** Where the next page starts: strictly after (older than) this capture time and id. */
export interface DetectionCursor {
  /** PostgreSQL's own microsecond UTC text, so no precision is lost between pages. */
  capturedAt: string;
  id: string;
}

const cursor = keysetCursor('capturedAt', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

export const encodeCursor = (position: DetectionCursor): string => cursor.encode(position);
export const decodeCursor = (text: string): DetectionCursor => cursor.decode(text);
