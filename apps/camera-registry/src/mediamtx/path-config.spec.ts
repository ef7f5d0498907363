import {
  cameraIdOfPath,
  cameraPathName,
  differingFields,
  pathConfigFor,
  pathConfigsFor,
} from './path-config';

const camera = {
  id: 7,
  sourceUrl: 'rtsp://admin:s3cret@10.0.0.7:554/stream1',
  subStreamUrl: null,
  recordingEnabled: true,
  retentionDays: 14,
};

describe('pathConfigFor', () => {
  it('pulls the full source URL over TCP, always on, recording with the retention in days', () => {
    expect(pathConfigFor(camera)).toEqual({
      source: 'rtsp://admin:s3cret@10.0.0.7:554/stream1',
      rtspTransport: 'tcp',
      sourceOnDemand: false,
      record: true,
      recordDeleteAfter: '14d',
    });
  });

  it('follows recording off', () => {
    expect(pathConfigFor({ ...camera, recordingEnabled: false }).record).toBe(false);
  });
});

describe('pathConfigsFor', () => {
  it('is the main path alone for a camera without a sub-stream', () => {
    expect(pathConfigsFor(camera)).toEqual([['cam_7', pathConfigFor(camera)]]);
  });

  it('adds cam_{id}_sub pulling the sub-stream, never recorded', () => {
    const withSub = { ...camera, subStreamUrl: 'rtsp://admin:s3cret@10.0.0.7:554/stream2' };
    expect(pathConfigsFor(withSub)).toEqual([
      ['cam_7', pathConfigFor(withSub)],
      [
        'cam_7_sub',
        {
          source: 'rtsp://admin:s3cret@10.0.0.7:554/stream2',
          rtspTransport: 'tcp',
          sourceOnDemand: false,
          record: false,
          recordDeleteAfter: '14d',
        },
      ],
    ]);
  });
});

describe('path names', () => {
  it('maps cameras to cam_{id} and cam_{id}_sub and back, and owns no other path', () => {
    expect(cameraPathName(7)).toBe('cam_7');
    expect(cameraIdOfPath('cam_7')).toBe(7);
    expect(cameraIdOfPath('cam_7_sub')).toBe(7);
    expect(cameraIdOfPath('~^cam_\\d+$')).toBeNull();
    expect(cameraIdOfPath('cam_7_subx')).toBeNull();
    expect(cameraIdOfPath('cam__sub')).toBeNull();
    expect(cameraIdOfPath('sim_1')).toBeNull();
  });
});

describe('differingFields', () => {
  it('ignores fields the registry does not manage and names the ones that differ', () => {
    const desired = pathConfigFor(camera);
    expect(differingFields(desired, { ...desired, recordFormat: 'fmp4' } as never)).toEqual([]);
    expect(differingFields(desired, { ...desired, record: false, source: 'publisher' })).toEqual([
      'source',
      'record',
    ]);
  });
});
