import type { DetectionResponseDto } from '@gt-vision/shared-types';
import { BOX_HOLD_MS, DetectionOverlay, pictureRect, toPixels } from './detection-overlay';

function detection(capturedAt: number, bbox = { x: 0.5, y: 0.5, width: 0.1, height: 0.05 }) {
  return {
    id: String(capturedAt),
    plate: 'ABC1D23',
    confidence: 0.9,
    capturedAt: new Date(capturedAt).toISOString(),
    bbox,
  } as DetectionResponseDto;
}

/** jsdom has no ResizeObserver: a fake that the test triggers by hand. */
class FakeResizeObserver {
  observed: Element[] = [];
  disconnected = false;
  constructor(readonly callback: ResizeObserverCallback) {
    resizeObservers.push(this);
  }
  observe(target: Element): void {
    this.observed.push(target);
  }
  disconnect(): void {
    this.disconnected = true;
  }
}
const resizeObservers: FakeResizeObserver[] = [];
window.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;

describe('DetectionOverlay', () => {
  it('shows a box when the picture reaches its capture time, for BOX_HOLD_MS', () => {
    const overlay = new DetectionOverlay(
      document.createElement('canvas'),
      document.createElement('video'),
      () => 1000,
    );
    overlay.push(detection(10_000), 10_200);
    expect(overlay.visible(10_500)).toHaveLength(0);
    expect(overlay.visible(11_000)).toHaveLength(1);
    expect(overlay.visible(11_000 + BOX_HOLD_MS + 1)).toHaveLength(0);
  });

  it('shows a detection that arrives after the picture passed its capture time, from its arrival', () => {
    const overlay = new DetectionOverlay(
      document.createElement('canvas'),
      document.createElement('video'),
      () => 0,
    );
    // Recognised 4 s after capture: the picture is already past it when it arrives.
    overlay.push(detection(10_000), 14_000);
    expect(overlay.visible(14_000)).toHaveLength(1);
    expect(overlay.visible(14_000 + BOX_HOLD_MS)).toHaveLength(1);
    expect(overlay.visible(14_000 + BOX_HOLD_MS + 1)).toHaveLength(0);
  });

  it('ignores detections without a box', () => {
    const overlay = new DetectionOverlay(
      document.createElement('canvas'),
      document.createElement('video'),
      () => 0,
    );
    overlay.push({ ...detection(0), bbox: null });
    expect(overlay.visible(0)).toHaveLength(0);
  });

  describe('drawing', () => {
    let context: { [K in 'clearRect' | 'strokeRect']: jest.Mock } & Record<string, unknown>;
    let getContext: jest.SpyInstance;

    beforeEach(() => {
      // Fake timers fake requestAnimationFrame and Date.now too.
      jest.useFakeTimers({ now: 10_200 });
      // jsdom has no 2D context: a fake one records what is drawn.
      context = {
        setTransform: jest.fn(),
        clearRect: jest.fn(),
        strokeRect: jest.fn(),
        fillRect: jest.fn(),
        fillText: jest.fn(),
        measureText: jest.fn(() => ({ width: 50 })),
      };
      getContext = jest
        .spyOn(HTMLCanvasElement.prototype, 'getContext')
        .mockReturnValue(context as unknown as CanvasRenderingContext2D);
    });

    afterEach(() => {
      getContext.mockRestore();
      jest.useRealTimers();
    });

    it('draws its boxes again when the tile or the picture changes size, and only while it shows any', () => {
      const canvas = document.createElement('canvas');
      const video = document.createElement('video');
      const overlay = new DetectionOverlay(canvas, video, () => 0);
      overlay.start();
      const observer = resizeObservers[resizeObservers.length - 1];
      expect(observer.observed).toEqual([video]);
      observer.callback([], observer as unknown as ResizeObserver);
      jest.advanceTimersByTime(20);
      expect(context.strokeRect).not.toHaveBeenCalled();

      overlay.push(detection(10_200));
      jest.advanceTimersByTime(20);
      expect(context.strokeRect).toHaveBeenCalledTimes(1);
      observer.callback([], observer as unknown as ResizeObserver);
      jest.advanceTimersByTime(20);
      expect(context.strokeRect).toHaveBeenCalledTimes(2);
      video.dispatchEvent(new Event('resize'));
      jest.advanceTimersByTime(20);
      expect(context.strokeRect).toHaveBeenCalledTimes(3);

      overlay.stop();
      expect(observer.disconnected).toBe(true);
    });

    it('draws only when a box appears or goes, and hides the canvas while it shows none', () => {
      const frame = jest.spyOn(window, 'requestAnimationFrame');
      const canvas = document.createElement('canvas');
      canvas.hidden = true;
      const overlay = new DetectionOverlay(canvas, document.createElement('video'), () => 1000);
      overlay.start();
      expect(frame).not.toHaveBeenCalled();
      // Captured at 10 000, shown when the picture (1 s behind) gets there: at 11 000, until 12 500.
      overlay.push(detection(10_000));
      jest.advanceTimersByTime(100);
      expect(context.clearRect).not.toHaveBeenCalled();
      expect(canvas.hidden).toBe(true);
      jest.advanceTimersByTime(750);
      expect(context.strokeRect).toHaveBeenCalledTimes(1);
      expect(canvas.hidden).toBe(false);
      const framesWhileShown = frame.mock.calls.length;
      jest.advanceTimersByTime(1400);
      expect(frame).toHaveBeenCalledTimes(framesWhileShown);
      expect(canvas.hidden).toBe(false);
      jest.advanceTimersByTime(100);
      expect(canvas.hidden).toBe(true);
      expect(context.clearRect).toHaveBeenCalledTimes(1);
      expect(context.strokeRect).toHaveBeenCalledTimes(1);
      // Nothing pending: no timer, no frame.
      expect(jest.getTimerCount()).toBe(0);
    });

    it('stops drawing and hides its boxes when stopped', () => {
      const canvas = document.createElement('canvas');
      const overlay = new DetectionOverlay(canvas, document.createElement('video'), () => 0);
      overlay.start();
      overlay.push(detection(10_200));
      jest.advanceTimersByTime(20);
      expect(context.strokeRect).toHaveBeenCalledTimes(1);
      overlay.stop();
      expect(canvas.hidden).toBe(true);
      expect(jest.getTimerCount()).toBe(0);
      overlay.push(detection(10_300));
      jest.advanceTimersByTime(2000);
      expect(context.strokeRect).toHaveBeenCalledTimes(1);
    });
  });

  it('places fractional boxes inside the letterboxed picture', () => {
    const picture = pictureRect(400, 400, 1920, 1080);
    expect(picture).toEqual({ x: 0, y: 87.5, width: 400, height: 225 });
    expect(toPixels({ x: 0.5, y: 0.5, width: 0.25, height: 0.2 }, picture)).toEqual({
      x: 200,
      y: 200,
      width: 100,
      height: 45,
    });
  });
});
