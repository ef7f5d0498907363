import { playbackGetUrl, type RecordingSpanDto } from '@gt-vision/shared-types';

/** A recorded stretch in epoch ms, with MediaMTX's `/get` URL for it (already under `/playback`). */
export interface Span {
  startMs: number;
  endMs: number;
  url: string;
}

/** A detection drawn on the timeline. */
export interface Mark {
  id: string;
  atMs: number;
  plate: string;
}

/** What the <video> plays: one `/get` request and the wall-clock time of its first frame. */
export interface Clip {
  startMs: number;
  url: string;
}

/** Seconds of context played before a detection when its mark is clicked. */
export const LEAD_MS = 3000;

export function toSpans(entries: RecordingSpanDto[]): Span[] {
  return entries
    .map((entry) => {
      const startMs = Date.parse(entry.start);
      return { startMs, endMs: startMs + entry.duration * 1000, url: playbackGetUrl(entry.url) };
    })
    .filter((span) => Number.isFinite(span.startMs))
    .sort((a, b) => a.startMs - b.startMs);
}

/** Where `atMs` lies on a timeline from `fromMs` to `toMs`, in percent, clamped to it. */
export function percentOf(atMs: number, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  return Math.min(100, Math.max(0, ((atMs - fromMs) / (toMs - fromMs)) * 100));
}

/**
 * How long after the last listed recording a moment may be and still be played from it: MediaMTX
 * lists the segment being written only up to its last complete part, so a detection of the last
 * seconds lies past the list's end while its picture is on disk already (or is about to be).
 */
export const WRITING_SLACK_MS = 30_000;

/**
 * The clip that shows `atMs`: from the span holding it (or the next one after a gap), starting a
 * little before the moment so the detection is seen arriving; past the last span by at most
 * WRITING_SLACK_MS, from the recording still being written. Null when nothing was recorded at or
 * after that time.
 */
export function clipAt(spans: Span[], atMs: number, leadMs = LEAD_MS): Clip | null {
  const span = spans.find((s) => s.endMs > atMs);
  if (span)
    return clip(span, Math.max(span.startMs, Math.min(atMs - leadMs, span.endMs)), span.endMs);
  const last = spans.at(-1);
  if (!last || atMs - last.endMs > WRITING_SLACK_MS) return null;
  return clip(last, Math.max(last.startMs, atMs - leadMs), atMs + WRITING_SLACK_MS);
}

function clip(span: Span, startMs: number, endMs: number): Clip {
  const url = new URL(span.url, 'http://edge.invalid');
  url.searchParams.set('start', new Date(startMs).toISOString());
  url.searchParams.set('duration', String((endMs - startMs) / 1000));
  return { startMs, url: url.pathname + url.search };
}

/**
 * A <video> cannot send the Authorization header: MediaMTX passes `?token=` on to the registry's
 * authorisation, as for the live players. Added at the last moment so a refreshed token is used.
 */
export function withToken(url: string, token: string | null): string {
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

export interface PlaybackQuery {
  cameraId: number | null;
  fromMs: number;
  toMs: number;
  /** A moment to start at (a detection's capture time), else the start of the range. */
  atMs: number | null;
}

/** The page's state from its URL (`?camera=1&from=…&to=…&at=…`), so a view can be shared. */
export function queryFromParams(
  get: (name: string) => string | null,
  now = Date.now(),
  defaultMs = 15 * 60_000,
): PlaybackQuery {
  const time = (name: string) => {
    const value = get(name);
    const ms = value ? Date.parse(value) : NaN;
    return Number.isFinite(ms) ? ms : null;
  };
  const camera = Number(get('camera'));
  const toMs = time('to') ?? now;
  const fromMs = time('from') ?? toMs - defaultMs;
  return {
    cameraId: Number.isInteger(camera) && camera > 0 ? camera : null,
    fromMs: Math.min(fromMs, toMs),
    toMs: Math.max(fromMs, toMs),
    atMs: time('at'),
  };
}
