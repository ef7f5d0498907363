import { dayOfPartition, partitionOf, partitionPlan } from './partition-plan';

describe('partitionPlan', () => {
  const now = new Date('2026-12-02T04:00:00Z');

  it('wants every day from the retention cutoff to the days ahead', () => {
    const plan = partitionPlan(now, 2, 1, []);
    expect(plan.create.map((p) => p.name)).toEqual([
      'detections_p20261130',
      'detections_p20261201',
      'detections_p20261202',
      'detections_p20261203',
    ]);
    expect(plan.create[0]).toEqual({
      name: 'detections_p20261130',
      from: new Date('2026-11-30T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
  });

  it('creates only what is missing and drops whole days past retention', () => {
    const plan = partitionPlan(now, 2, 1, [
      'detections_p20261128',
      'detections_p20261129',
      'detections_p20261130',
      'detections_p20261201',
      'some_other_table',
    ]);
    expect(plan.create.map((p) => p.name)).toEqual([
      'detections_p20261202',
      'detections_p20261203',
    ]);
    // 30 Nov ends after the cutoff (30 Nov 04:00): it still holds rows within retention.
    expect(plan.drop).toEqual(['detections_p20261128', 'detections_p20261129']);
  });

  it('reads a partition name back as its day, and ignores other names', () => {
    expect(dayOfPartition(partitionOf(now).name)).toEqual(new Date('2026-12-02T00:00:00Z'));
    expect(dayOfPartition('detections_p2026120')).toBeUndefined();
  });
});
