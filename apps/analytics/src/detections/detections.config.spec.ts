import { ConfigValidationError, validateEnv } from '@gt-vision/backend-config';
import { DetectionsConfig } from './detections.config';

function problems(env: Record<string, string>): string[] {
  try {
    validateEnv(DetectionsConfig, env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    return error.problems.map((p) => p.variable);
  }
}

describe('DetectionsConfig', () => {
  it('follows no external snapshot host unless told', () => {
    expect(validateEnv(DetectionsConfig, { SNAPSHOTS_DIR: '/s' }).SNAPSHOT_EXTERNAL_HOSTS).toEqual(
      [],
    );
  });

  it('takes a comma-separated list of host names', () => {
    const config = validateEnv(DetectionsConfig, {
      SNAPSHOTS_DIR: '/s',
      SNAPSHOT_EXTERNAL_HOSTS: 'evidence.example, cam-store.local,bücher.example',
    });
    expect(config.SNAPSHOT_EXTERNAL_HOSTS).toEqual([
      'evidence.example',
      'cam-store.local',
      'bücher.example',
    ]);
  });

  it.each(['https://evidence.example', 'evidence.example/x', 'evidence.example:443', '*.example'])(
    'refuses %s, which is not a host name',
    (entry) => {
      expect(problems({ SNAPSHOTS_DIR: '/s', SNAPSHOT_EXTERNAL_HOSTS: entry })).toEqual([
        'SNAPSHOT_EXTERNAL_HOSTS',
      ]);
    },
  );
});
