import { QueryFailedError } from 'typeorm';
import { ConcurrentCameraChangeError, DuplicateCameraNameError } from './camera.model';
import { buildListQuery, translateWriteError } from './camera.repository';

describe('buildListQuery', () => {
  it('pages by keyset in one statement, never by OFFSET', () => {
    const { text, values } = buildListQuery({
      sort: 'name',
      order: 'asc',
      after: { key: 'Gate 7', id: 7 },
      limit: 51,
    });
    expect(text).not.toMatch(/OFFSET/i);
    expect(text).toContain('WHERE (lower(name), id) > (lower($1), $2)');
    expect(text).toMatch(/ORDER BY lower\(name\) ASC, id ASC LIMIT \$3$/);
    expect(values).toEqual(['Gate 7', 7, 51]);
  });

  it('walks backwards for descending order', () => {
    const { text } = buildListQuery({
      sort: 'createdAt',
      order: 'desc',
      after: { key: '2026-01-01T00:00:00.000Z', id: 3 },
      limit: 10,
    });
    expect(text).toContain('(created_at, id) < ($1::timestamptz, $2)');
    expect(text).toContain('ORDER BY created_at DESC, id DESC');
  });

  it('binds every filter as a parameter and escapes LIKE wildcards in the name search', () => {
    const { text, values } = buildListQuery({
      status: 'online',
      tags: ['north', 'gate'],
      enabled: true,
      lprEnabled: false,
      nameContains: "50%_off\\'",
      sort: 'status',
      order: 'asc',
      limit: 5,
    });
    expect(text).toContain(
      'WHERE status = $1 AND tags @> $2::text[] AND enabled = $3 AND lpr_enabled = $4 AND name ILIKE $5',
    );
    expect(values).toEqual(['online', ['north', 'gate'], true, false, "%50\\%\\_off\\\\'%", 5]);
    expect(text).not.toContain('50');
  });
});

describe('translateWriteError', () => {
  const failure = (code: string, constraint: string) =>
    new QueryFailedError(
      'INSERT ...',
      [],
      Object.assign(new Error('violation'), { code, constraint }),
    );

  it('turns the name uniqueness violation into a domain error', () => {
    expect(() => translateWriteError(failure('23505', 'cameras_name_key'))).toThrow(
      DuplicateCameraNameError,
    );
  });

  it('turns a concurrent enable/disable into a domain error', () => {
    expect(() => translateWriteError(failure('23514', 'cameras_status_matches_enabled'))).toThrow(
      ConcurrentCameraChangeError,
    );
  });

  it('lets every other error through unchanged', () => {
    const other = failure('23505', 'cameras_pkey');
    expect(() => translateWriteError(other)).toThrow(other);
    const plain = new Error('connection terminated');
    expect(() => translateWriteError(plain)).toThrow(plain);
  });
});
