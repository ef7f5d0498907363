import {
  CLIP_SECONDS,
  SLOT_SECONDS,
  mulberry32,
  PLATE_ASPECT,
  plateAt,
  plateGeometryAt,
  plateSchedule,
  randomPlate,
} from './plate-schedule';

const MERCOSUL = /^[A-Z]{3}[0-9][A-Z][0-9]{2}$/;
const OLD = /^[A-Z]{3}-[0-9]{4}$/;

describe('plateSchedule', () => {
  it('renders both Brazilian formats', () => {
    const random = mulberry32(1);
    for (let i = 0; i < 200; i++) {
      expect(randomPlate(random, 'mercosul')).toMatch(MERCOSUL);
      expect(randomPlate(random, 'br-old')).toMatch(OLD);
    }
  });

  it('gives a camera the same schedule every time', () => {
    expect(plateSchedule(7)).toEqual(plateSchedule(7));
    expect(plateSchedule(7)).not.toEqual(plateSchedule(8));
  });

  it('pins the ground truth of camera 1, which clips and tests rely on', () => {
    // If this changes, every cached clip is re-rendered and recorded expectations are stale.
    expect(plateSchedule(1).slots.map((s) => s.plate)).toEqual([
      'BXX4L33',
      'YUG-6474',
      'RZD0W75',
      'IUV-0171',
      'ZBM9A50',
      'ZTT-7940',
      'HYI0B57',
      'IFG-9553',
    ]);
  });

  it('covers the clip with consecutive slots alternating Mercosul and old plates', () => {
    const { slots, clipSeconds } = plateSchedule(3);
    expect(clipSeconds).toBe(CLIP_SECONDS);
    slots.forEach((slot, i) => {
      expect(slot.from).toBe(i * SLOT_SECONDS);
      expect(slot.to).toBe(slot.from + SLOT_SECONDS);
      expect(slot.format).toBe(i % 2 === 0 ? 'mercosul' : 'br-old');
      expect(slot.plate).toMatch(slot.format === 'mercosul' ? MERCOSUL : OLD);
    });
    expect(slots[slots.length - 1].to).toBe(CLIP_SECONDS);
  });

  it('never shows the same plate twice across all 250 cameras', () => {
    const plates = Array.from({ length: 250 }, (_, i) =>
      plateSchedule(i + 1).slots.map((s) => s.plate),
    );
    expect(new Set(plates.flat()).size).toBe(250 * plateSchedule(1).slots.length);
  });

  it('finds the plate visible at a given second, wrapping around the loop', () => {
    const schedule = plateSchedule(2);
    expect(plateAt(schedule, 0)).toBe(schedule.slots[0]);
    expect(plateAt(schedule, SLOT_SECONDS - 0.01)).toBe(schedule.slots[0]);
    expect(plateAt(schedule, SLOT_SECONDS)).toBe(schedule.slots[1]);
    expect(plateAt(schedule, CLIP_SECONDS + SLOT_SECONDS * 2.5)).toBe(schedule.slots[2]);
  });

  it('moves every plate inside the frame, below the burned-in labels, growing as it approaches', () => {
    for (let camera = 1; camera <= 250; camera++) {
      for (const slot of plateSchedule(camera).slots) {
        for (const pose of [slot.start, slot.end]) {
          const height = (pose.width / PLATE_ASPECT) * (16 / 9);
          expect(pose.x).toBeGreaterThanOrEqual(0);
          expect(pose.x + pose.width).toBeLessThanOrEqual(1);
          expect(pose.y).toBeGreaterThanOrEqual(0.16);
          expect(pose.y + height).toBeLessThanOrEqual(1);
        }
        expect(slot.end.width).toBeGreaterThan(slot.start.width);
      }
    }
  });

  it('places the plate on its straight path at any instant of its slot', () => {
    const slot = plateSchedule(4).slots[2];
    expect(plateGeometryAt(slot, slot.from)).toEqual(slot.start);
    expect(plateGeometryAt(slot, slot.to)).toEqual(slot.end);
    const middle = plateGeometryAt(slot, (slot.from + slot.to) / 2);
    expect(middle.width).toBeCloseTo((slot.start.width + slot.end.width) / 2);
    expect(middle.x).toBeCloseTo((slot.start.x + slot.end.x) / 2);
  });
});
