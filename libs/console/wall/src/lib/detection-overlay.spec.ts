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

  it('asks for animation frames only while a detection is pending, and not at all when idle', () => {
    const frames: FrameRequestCallback[] = [];
    const request = jest
      .spyOn(window, 'requestAnimationFrame')
      .mockImplementation((callback) => frames.push(callback));
    const now = jest.spyOn(Date, 'now').mockReturnValue(10_000);
    // jsdom has no 2D context: the draw stops there, and the test is about when frames are asked for.
    const context = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    try {
      const overlay = new DetectionOverlay(
        document.createElement('canvas'),
        document.createElement('video'),
        () => 0,
      );
      overlay.start();
      expect(frames).toHaveLength(0);
      overlay.push(detection(10_000), 10_000);
      overlay.push(detection(10_100), 10_000);
      expect(frames).toHaveLength(1);
      frames.shift()?.(0);
      expect(frames).toHaveLength(1);
      // Both boxes have had their time: the last frame finds nothing to draw and asks for no other.
      now.mockReturnValue(10_100 + BOX_HOLD_MS + 1);
      frames.shift()?.(0);
      expect(frames).toHaveLength(0);
      overlay.stop();
      overlay.push(detection(20_000), 20_000);
      expect(frames).toHaveLength(0);
    } finally {
      request.mockRestore();
      now.mockRestore();
      context.mockRestore();
    }
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
