import { BadRequestException } from '@nestjs/common';
import { DetectionSearchQueryDto } from '@gt-vision/shared-types';
import { plainToInstance } from 'class-transformer';
import { encodeCursor } from './detection-cursor';
import { searchFilter, searchSlices, wildcardRegex } from './detection-search.sql';

const query = (fields: Record<string, unknown>) => plainToInstance(DetectionSearchQueryDto, fields);

describe('searchFilter', () => {
  it('has no condition without filters', () => {
    expect(searchFilter(query({}))).toEqual({ where: 'true', params: [] });
  });

  it('matches exact plates through the OCR-key index, rechecking the plate', () => {
    const filter = searchFilter(query({ plate: 'abc-1d23', match: 'exact' }));
    expect(filter.where).toBe('plate_keys @> ARRAY[$1]::text[] AND plates @> ARRAY[$2]::text[]');
    expect(filter.params).toEqual(['A8C1023', 'ABC1D23']);
  });

  it('folds OCR look-alikes together in ocr mode', () => {
    const filter = searchFilter(query({ plate: 'A8C1O23', match: 'ocr' }));
    expect(filter.where).toBe('plate_keys @> ARRAY[$1]::text[]');
    expect(filter.params).toEqual(['A8C1023']);
  });

  it('anchors prefixes to the start of any reading', () => {
    const filter = searchFilter(query({ plate: 'ABC', match: 'prefix' }));
    expect(filter.where).toBe("plates_text LIKE $1 AND (' ' || plates_text) LIKE $2");
    expect(filter.params).toEqual(['%ABC%', '% ABC%']);
  });

  it('searches substrings by default (match=contains)', () => {
    const filter = searchFilter(query({ plate: 'BC1D' }));
    expect(filter.where).toBe('plates_text LIKE $1');
    expect(filter.params).toEqual(['%BC1D%']);
  });

  it('turns ? and * into a whole-reading regex', () => {
    expect(wildcardRegex('AB?1*')).toBe('(^| )AB[A-Z0-9]1[A-Z0-9]*( |$)');
    expect(searchFilter(query({ plate: 'ab?1*', match: 'wildcard' })).params).toEqual([
      '(^| )AB[A-Z0-9]1[A-Z0-9]*( |$)',
    ]);
  });

  it('refuses wildcards outside wildcard mode, naming plate', () => {
    expect(() => searchFilter(query({ plate: 'AB?', match: 'prefix' }))).toThrow(
      BadRequestException,
    );
    try {
      searchFilter(query({ plate: 'AB*', match: 'exact' }));
    } catch (error) {
      expect((error as BadRequestException).getResponse()).toMatchObject({
        details: [{ field: 'plate' }],
      });
    }
  });

  it('combines camera, time range, confidence, source and cursor', () => {
    const cursor = encodeCursor({
      capturedAt: '2026-12-01T10:00:00.123456Z',
      id: '0b9a3c8e-8d1f-4c6e-9a53-3a3f4c1f2e10',
    });
    const filter = searchFilter(
      query({
        cameraId: '7',
        from: '2026-12-01T00:00:00Z',
        to: '2026-12-02T00:00:00Z',
        minConfidence: '0.8',
        source: 'frigate',
        cursor,
      }),
    );
    expect(filter.where).toBe(
      'camera_id = $1 AND captured_at >= $2::timestamptz AND captured_at < $3::timestamptz AND ' +
        'confidence >= $4::real AND source = $5 AND (captured_at, id) < ($6::timestamptz, $7::uuid)',
    );
    expect(filter.params).toEqual([
      7,
      '2026-12-01T00:00:00Z',
      '2026-12-02T00:00:00Z',
      0.8,
      'frigate',
      '2026-12-01T10:00:00.123456Z',
      '0b9a3c8e-8d1f-4c6e-9a53-3a3f4c1f2e10',
    ]);
  });

  it('stays within the caller’s granted cameras, in every slice', () => {
    const filter = searchFilter(query({ plate: 'ABC' }), [3, 5]);
    expect(filter.where).toBe('plates_text LIKE $1 AND camera_id = ANY($2::int[])');
    expect(filter.params).toEqual(['%ABC%', [3, 5]]);
    const slices = searchSlices(query({}), new Date(), [3]);
    expect(slices.every((slice) => slice.where.includes('camera_id = ANY($1::int[])'))).toBe(true);
  });

  it('refuses a range whose end is not after its start, naming to', () => {
    expect(() =>
      searchFilter(query({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' })),
    ).toThrow('to must be after from');
  });
});

describe('searchSlices', () => {
  const now = new Date('2026-12-02T12:00:00.000Z');
  const bounds = (fields: Record<string, unknown>) =>
    searchSlices(query(fields), now).map((slice) => [slice.where, slice.params]);

  it('slices the last day, the week before and everything older, newest first', () => {
    expect(bounds({ cameraId: '7' })).toEqual([
      ['camera_id = $1 AND captured_at >= $2::timestamptz', [7, '2026-12-01T12:00:00.000Z']],
      [
        'camera_id = $1 AND captured_at >= $2::timestamptz AND captured_at < $3::timestamptz',
        [7, '2026-11-25T12:00:00.000Z', '2026-12-01T12:00:00.000Z'],
      ],
      ['camera_id = $1 AND captured_at < $2::timestamptz', [7, '2026-11-25T12:00:00.000Z']],
    ]);
  });

  it('counts back from the end of the range or the cursor, and stops at the start', () => {
    const cursor = encodeCursor({
      capturedAt: '2026-11-30T12:00:00.000000Z',
      id: '0b9a3c8e-8d1f-4c6e-9a53-3a3f4c1f2e10',
    });
    expect(searchSlices(query({ cursor }), now)[0].params).toContain('2026-11-29T12:00:00.000Z');
    expect(searchSlices(query({ to: '2026-11-20T12:00:00Z' }), now)[0].params).toContain(
      '2026-11-19T12:00:00.000Z',
    );
    expect(bounds({ from: '2026-12-02T00:00:00Z' })).toEqual([
      ['captured_at >= $1::timestamptz', ['2026-12-02T00:00:00Z']],
    ]);
    expect(bounds({ from: '2026-11-28T00:00:00Z' })).toHaveLength(2);
  });

  it('hands the first page of a plate-only search to PL/pgSQL in one call', () => {
    const slices = searchSlices(query({ plate: 'ABC1D23', match: 'exact' }), now);
    expect(slices.map((slice) => slice.plateCall)).toEqual([
      {
        match: 'exact',
        pattern: 'A8C1023',
        recheck: 'ABC1D23',
        sliceStarts: ['2026-12-01T12:00:00.000Z', '2026-11-25T12:00:00.000Z'],
      },
    ]);
    expect(searchSlices(query({ plate: 'ABC', match: 'prefix' }), now)[0].plateCall).toMatchObject({
      pattern: '%ABC%',
      recheck: '% ABC%',
    });
  });

  it('keeps the newer slices of a later page (or up to `to`) as SQL, not the older one', () => {
    const cursor = encodeCursor({
      capturedAt: '2026-11-30T12:00:00.000000Z',
      id: '0b9a3c8e-8d1f-4c6e-9a53-3a3f4c1f2e10',
    });
    for (const extra of [{ cursor }, { to: '2026-11-30T12:00:00Z' }]) {
      const slices = searchSlices(query({ plate: 'ABC1D23', ...extra }), now);
      expect(slices.map((slice) => slice.plateCall)).toEqual([
        undefined,
        undefined,
        expect.objectContaining({ before: '2026-11-23T12:00:00.000Z' }),
      ]);
    }
  });

  it('keeps every slice as SQL when anything but the plate filters the search', () => {
    for (const extra of [
      { cameraId: '7' },
      { from: '2026-11-01T00:00:00Z' },
      { minConfidence: '0.5' },
      { source: 'lpr-engine' },
    ]) {
      const slices = searchSlices(query({ plate: 'ABC1D23', ...extra }), now);
      expect(slices.every((slice) => slice.plateCall === undefined)).toBe(true);
    }
    const restricted = searchSlices(query({ plate: 'ABC1D23' }), now, [3]);
    expect(restricted.every((slice) => slice.plateCall === undefined)).toBe(true);
  });
});
