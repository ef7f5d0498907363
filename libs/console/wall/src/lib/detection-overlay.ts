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
 * Draws live detections as boxes and plate labels on a canvas over the video, in a
 * requestAnimationFrame loop outside Angular: a detection appears when the picture reaches its
 * capture time (the player's latency behind live is taken into account) and fades after BOX_HOLD_MS.
 * Recognition takes time: over WebRTC the picture is usually past the capture time when the
 * detection arrives, so a late one is shown from its arrival for BOX_HOLD_MS rather than dropped.
 *
 * The loop runs only while a detection is pending or a box is on the canvas, and an empty canvas is
 * not cleared again: every clear makes the browser composite the canvas anew. With 16 tiles clearing
 * theirs on every animation frame the wall dropped 4.0 % of its video frames, 2.2 % without (bench:console
 * wall, bare players on the same streams 1.0 / 0.7 %).
 */
export class DetectionOverlay {
  private pending: Pending[] = [];
  private frame = 0;
  private started = false;
  /** Whether boxes are on the canvas (it needs clearing when they go). */
  private drawn = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly video: HTMLVideoElement,
    private readonly latencyMs: () => number,
  ) {}

  start(): void {
    this.started = true;
    this.schedule();
  }

  stop(): void {
    this.started = false;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = [];
  }

  push(detection: DetectionResponseDto, now = Date.now()): void {
    if (!detection.bbox) return;
    const capturedMs = Date.parse(detection.capturedAt);
    const untilMs = Math.max(capturedMs, now - this.latencyMs()) + BOX_HOLD_MS;
    this.pending.push({ detection, capturedMs, untilMs });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    this.schedule();
  }

  /** The next animation frame's draw, unless one is due or there is nothing to draw or clear. */
  private schedule(): void {
    if (!this.started || this.frame !== 0) return;
    if (this.pending.length === 0 && !this.drawn) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw(Date.now());
      this.schedule();
    });
  }

  /** Detections visible at `now` in the picture (which shows the scene `latency` ms ago). */
  visible(now: number): DetectionResponseDto[] {
    const pictureTime = now - this.latencyMs();
    this.pending = this.pending.filter((p) => p.untilMs >= pictureTime);
    return this.pending.filter((p) => p.capturedMs <= pictureTime).map((p) => p.detection);
  }

  private draw(now: number): void {
    const shown = this.visible(now);
    if (shown.length === 0 && !this.drawn) return;
    const canvas = this.canvas;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    this.drawn = shown.length > 0;
    if (!this.drawn) return;
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
