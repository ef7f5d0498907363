import { ConfigValidationError, validateEnv } from '@gt-vision/backend-config';
import { StorageConfig } from './storage.config';

function problems(env: Record<string, string>): string[] {
  try {
    validateEnv(StorageConfig, env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    return error.problems.map((p) => `${p.variable}: ${p.problem}`);
  }
}

describe('StorageConfig', () => {
  it('needs only the recordings directory; the watermarks and interval have defaults', () => {
    expect(validateEnv(StorageConfig, { RECORDINGS_DIR: '/var/gtv/recordings' })).toMatchObject({
      RECORDINGS_DISK_HIGH_WATERMARK_PERCENT: 90,
      RECORDINGS_DISK_LOW_WATERMARK_PERCENT: 85,
      STORAGE_GUARD_INTERVAL_MS: 30000,
    });
  });

  it('refuses a missing or relative recordings directory', () => {
    expect(problems({})).toEqual(['RECORDINGS_DIR: is required but not set']);
    expect(problems({ RECORDINGS_DIR: 'recordings' })).toEqual([
      'RECORDINGS_DIR: must be an absolute path',
    ]);
  });

  it('names the cross-field rule when the low watermark is not below the high one', () => {
    expect(
      problems({
        RECORDINGS_DIR: '/r',
        RECORDINGS_DISK_HIGH_WATERMARK_PERCENT: '80',
        RECORDINGS_DISK_LOW_WATERMARK_PERCENT: '80',
      }),
    ).toEqual([
      'RECORDINGS_DISK_LOW_WATERMARK_PERCENT: must be below RECORDINGS_DISK_HIGH_WATERMARK_PERCENT (rule lowWatermarkBelowHigh)',
    ]);
    expect(
      problems({ RECORDINGS_DIR: '/r', RECORDINGS_DISK_LOW_WATERMARK_PERCENT: '95' }),
    ).toHaveLength(1);
  });

  it('refuses out-of-range numbers', () => {
    expect(
      problems({
        RECORDINGS_DIR: '/r',
        RECORDINGS_DISK_HIGH_WATERMARK_PERCENT: '100',
        STORAGE_GUARD_INTERVAL_MS: 'soon',
      }).map((p) => p.split(':')[0]),
    ).toEqual(['RECORDINGS_DISK_HIGH_WATERMARK_PERCENT', 'STORAGE_GUARD_INTERVAL_MS']);
  });
});
