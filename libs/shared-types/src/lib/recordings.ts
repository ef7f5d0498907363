/** The edge's prefix for MediaMTX's playback server (`/playback/list`, `/playback/get`). */
export const PLAYBACK_PREFIX = '/playback';

/**
 * One entry of MediaMTX's `GET /list?path=…&start=…&end=…`: a stretch of continuous recording.
 * `url` is MediaMTX's own `/get` URL, built from the path MediaMTX saw, i.e. without the edge's
 * `/playback` prefix; `playbackGetUrl()` turns it into one that plays through the edge.
 */
export interface RecordingSpanDto {
  /** ISO-8601 with nanoseconds. */
  start: string;
  /** Seconds. */
  duration: number;
  url: string;
}

/**
 * MediaMTX's `/get` URL of a `/list` entry, put back under the edge's `/playback` prefix and made
 * relative to the page's origin (MediaMTX builds scheme and host from what it saw behind the edge).
 */
export function playbackGetUrl(listUrl: string): string {
  const parsed = new URL(listUrl, 'http://edge.invalid');
  const path = parsed.pathname.startsWith(PLAYBACK_PREFIX + '/')
    ? parsed.pathname
    : PLAYBACK_PREFIX + parsed.pathname;
  return path + parsed.search;
}
