import { validateEnv } from '@gt-vision/backend-config';
import { DetectionsConfig } from './detections.config';

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
      expect(() =>
        validateEnv(DetectionsConfig, { SNAPSHOTS_DIR: '/s', SNAPSHOT_EXTERNAL_HOSTS: entry }),
      ).toThrow(/^invalid configuration: SNAPSHOT_EXTERNAL_HOSTS: [^;]+$/);
    },
  );
});
