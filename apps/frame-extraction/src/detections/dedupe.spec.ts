import { Deduper } from './dedupe';
import type { PlateRead } from './plate-read';

const read = (plate: string, confidence: number, capturedAt: number, cameraId = 1): PlateRead => ({
  cameraId,
  plate,
  confidence,
  capturedAt,
  bbox: { x: 0.1, y: 0.2, width: 0.2, height: 0.1 },
  alternatives: [],
  jpeg: Buffer.from(`${plate}@${capturedAt}`),
});

describe('Deduper', () => {
  let merged: number;
  let dedupe: Deduper;

  beforeEach(() => {
    merged = 0;
    dedupe = new Deduper({ windowMs: 5000, confident: 0.9, holdMs: 1500 }, () => merged++);
  });

  it('publishes a confident read at once and merges later reads of the same vehicle', () => {
    const first = dedupe.add(read('ABC1D23', 0.95, 1000), 1000);
    expect(first?.best.plate).toBe('ABC1D23');
    expect(first?.best.jpeg.toString()).toBe('ABC1D23@1000');
    expect(dedupe.add(read('ABC1D23', 0.97, 2000), 2000)).toBeNull();
    expect(dedupe.add(read('A8C1D23', 0.92, 3000), 3000)).toBeNull();
    expect(merged).toBe(2);
    expect(dedupe.flush(4000)).toEqual([]);
  });

  it('holds a weak read for a better one and publishes the best with the others as alternatives', () => {
    expect(dedupe.add(read('A8C1D23', 0.6, 1000), 1000)).toBeNull();
    expect(dedupe.add(read('ABC1D23', 0.8, 2000), 2000)).toBeNull();
    const [detection] = dedupe.flush(2500);
    expect(detection.best.plate).toBe('ABC1D23');
    expect(detection.best.confidence).toBe(0.8);
    expect(detection.windowStart).toBe(1000);
    expect(detection.alternatives).toEqual([{ plate: 'A8C1D23', confidence: 0.6 }]);
  });

  it('publishes a held read once a confident read of it arrives, before the hold ends', () => {
    dedupe.add(read('ABC1D23', 0.5, 1000), 1000);
    const detection = dedupe.add(read('ABC1D23', 0.93, 1400), 1400);
    expect(detection?.best.confidence).toBe(0.93);
    expect(detection?.windowStart).toBe(1000);
    expect(dedupe.flush(3000)).toEqual([]);
  });

  it('treats the same plate after the window as a new vehicle, with a new window start', () => {
    const a = dedupe.add(read('ABC1D23', 0.95, 1000), 1000);
    const b = dedupe.add(read('ABC1D23', 0.95, 7000), 7000);
    expect(a?.windowStart).toBe(1000);
    expect(b?.windowStart).toBe(7000);
  });

  it('keeps a parked car one detection while it stays in view', () => {
    expect(dedupe.add(read('ABC1D23', 0.95, 0), 0)).not.toBeNull();
    for (let t = 1000; t <= 30000; t += 1000) {
      expect(dedupe.add(read('ABC1D23', 0.95, t), t)).toBeNull();
      expect(dedupe.flush(t)).toEqual([]);
    }
  });

  it('keeps cameras and different plates apart', () => {
    expect(dedupe.add(read('ABC1D23', 0.95, 1000, 1), 1000)).not.toBeNull();
    expect(dedupe.add(read('ABC1D23', 0.95, 1000, 2), 1000)).not.toBeNull();
    expect(dedupe.add(read('XYZ9876', 0.95, 1000, 1), 1000)).not.toBeNull();
  });

  it('publishes held reads of a camera that is given up, and forgets the camera', () => {
    dedupe.add(read('ABC1D23', 0.5, 1000), 1000);
    expect(dedupe.forget(1).map((d) => d.best.plate)).toEqual(['ABC1D23']);
    expect(dedupe.flush(9000)).toEqual([]);
  });

  it('merges the engine alternatives with the other readings, best first, without the plate itself', () => {
    const detection = dedupe.add(
      {
        ...read('ABC1D23', 0.95, 1000),
        alternatives: [
          { plate: 'ABC1023', confidence: 0.4 },
          { plate: 'ABC1D23', confidence: 0.3 },
        ],
      },
      1000,
    );
    expect(detection?.alternatives).toEqual([{ plate: 'ABC1023', confidence: 0.4 }]);
  });
});
