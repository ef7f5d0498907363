import type { BoundingBox, DetectionResponseDto } from '@gt-vision/shared-types';

/** A box stays on screen this long after the moment it was captured, as shown in the picture. */
export const BOX_HOLD_MS = 1500;
const MAX_PENDING = 50;

/** A detection and the last picture time it stays on screen. */
interface Pending {
  detection: DetectionResponseDto;
  capturedMs: number;
  untilMs: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Draws live detections as boxes and plate labels on a canvas over the video, outside Angular: a
 * detection appears when the picture reaches its capture time (the player's latency behind live is
 * taken into account) and goes BOX_HOLD_MS later. Recognition takes time: over WebRTC the picture is
 * usually past the capture time when the detection arrives, so a late one is shown from its arrival
 * for BOX_HOLD_MS rather than dropped.
 *
 * The boxes do not move, so the canvas is drawn only when what it shows changes: at an arrival, and at
 * the next moment a box appears or goes (a timer, then an animation frame). Every draw makes the browser
 * produce a new canvas resource and composite it. Drawn on every animation frame while a box was shown,
 * 16 tiles of demo cameras with recognition running (a detection every ~9 s a camera) kept the page's
 * main thread busy 190-320 ms a second (a canvas resource for most tiles in every commit); drawn on
 * change and hidden when empty, 32-48 ms, and Chromium's renderer and compositor use about a quarter less.
 */
export class DetectionOverlay {
  private pending: Pending[] = [];
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  /** What the canvas shows (nothing: it is clear). */
  private shown: DetectionResponseDto[] = [];
  /** The canvas was drawn for another size of the tile or the picture: draw it again even unchanged. */
  private stale = false;
  private resize: ResizeObserver | undefined;
  private readonly redraw = () => {
    if (this.shown.length === 0) return;
    this.stale = true;
    this.drawSoon();
  };

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly video: HTMLVideoElement,
    private readonly latencyMs: () => number,
  ) {}

  /** Boxes are drawn in the tile's pixels: the full view, another layout or window size redraws them. */
  start(): void {
    this.started = true;
    this.resize = new ResizeObserver(this.redraw);
    this.resize.observe(this.video);
    // The picture's own size changes too, e.g. from the sub-stream to the main stream.
    this.video.addEventListener('resize', this.redraw);
  }

  stop(): void {
    this.started = false;
    this.resize?.disconnect();
    this.resize = undefined;
    this.video.removeEventListener('resize', this.redraw);
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = undefined;
    this.pending = [];
    this.shown = [];
    this.canvas.hidden = true;
  }

  push(detection: DetectionResponseDto, now = Date.now()): void {
    if (!detection.bbox) return;
    const capturedMs = Date.parse(detection.capturedAt);
    const untilMs = Math.max(capturedMs, now - this.latencyMs()) + BOX_HOLD_MS;
    this.pending.push({ detection, capturedMs, untilMs });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    this.drawSoon();
  }

  /** Detections visible at `now` in the picture (which shows the scene `latency` ms ago). */
  visible(now: number): DetectionResponseDto[] {
    const pictureTime = now - this.latencyMs();
    this.pending = this.pending.filter((p) => p.untilMs >= pictureTime);
    return this.pending.filter((p) => p.capturedMs <= pictureTime).map((p) => p.detection);
  }

  /** When, after `now`, the boxes change next (one appears or goes); null when none is pending. */
  nextChange(now: number): number | null {
    const latency = this.latencyMs();
    const pictureTime = now - latency;
    let next = Infinity;
    for (const p of this.pending) {
      next = Math.min(next, p.capturedMs > pictureTime ? p.capturedMs : p.untilMs + 1);
    }
    return next === Infinity ? null : next + latency;
  }

  /** A draw at the next animation frame, then a timer for the change after it. */
  private drawSoon(): void {
    if (!this.started || this.frame !== 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const now = Date.now();
      this.draw(now);
      const next = this.nextChange(now);
      if (next !== null) this.timer = setTimeout(() => this.drawSoon(), Math.max(0, next - now));
    });
  }

  private draw(now: number): void {
    const shown = this.visible(now);
    if (!this.stale && sameDetections(shown, this.shown)) return;
    this.stale = false;
    this.shown = shown;
    const canvas = this.canvas;
    // Hidden rather than cleared when empty: a canvas over the picture, even a clear one, is a layer
    // the compositor blends over every video frame of the tile.
    canvas.hidden = shown.length === 0;
    if (canvas.hidden) return;
    // The canvas covers the video exactly; the video's box is there to read while the canvas is hidden.
    const width = this.video.clientWidth;
    const height = this.video.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const picture = pictureRect(width, height, this.video.videoWidth, this.video.videoHeight);
    context.lineWidth = 2;
    context.font = '600 13px system-ui, sans-serif';
    for (const detection of shown) {
      const box = toPixels(detection.bbox as BoundingBox, picture);
      context.strokeStyle = '#f0b429';
      context.strokeRect(box.x, box.y, box.width, box.height);
      const label = `${detection.plate} ${Math.round(detection.confidence * 100)}%`;
      const labelWidth = context.measureText(label).width + 8;
      const labelY = box.y > 18 ? box.y - 18 : box.y + box.height;
      context.fillStyle = 'rgba(0, 0, 0, 0.75)';
      context.fillRect(box.x, labelY, labelWidth, 18);
      context.fillStyle = '#f0b429';
      context.fillText(label, box.x + 4, labelY + 13);
    }
  }
}

function sameDetections(a: DetectionResponseDto[], b: DetectionResponseDto[]): boolean {
  return a.length === b.length && a.every((detection, i) => detection === b[i]);
}

/** Where the picture is inside an element that shows it with `object-fit: contain`. */
export function pictureRect(
  width: number,
  height: number,
  videoWidth: number,
  videoHeight: number,
): Rect {
  if (!videoWidth || !videoHeight) return { x: 0, y: 0, width, height };
  const scale = Math.min(width / videoWidth, height / videoHeight);
  const w = videoWidth * scale;
  const h = videoHeight * scale;
  return { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h };
}

export function toPixels(box: BoundingBox, picture: Rect): Rect {
  return {
    x: picture.x + box.x * picture.width,
    y: picture.y + box.y * picture.height,
    width: box.width * picture.width,
    height: box.height * picture.height,
  };
}
