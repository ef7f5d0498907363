import { useTestDatabase } from '@gt-vision/backend-testing';
import { migrations } from '../migrations';
import type { NewCamera } from './camera.model';
import { CameraRepository } from './camera.repository';

const db = useTestDatabase({ schema: 'camera_registry', migrations });
const cameras = () => new CameraRepository(db().database);

const camera = (name: string, fields: Partial<NewCamera> = {}): NewCamera => ({
  name,
  sourceUrl: 'rtsp://10.0.0.5/main',
  sourceCredentials: Buffer.from('sealed main'),
  subStreamUrl: null,
  subStreamCredentials: null,
  location: null,
  tags: [],
  recordingEnabled: true,
  retentionDays: 7,
  lprEnabled: false,
  lprFps: 1,
  enabled: true,
  status: 'connecting',
  ...fields,
});

describe('CameraRepository sub-streams on PostgreSQL', () => {
  it('stores a sub-stream beside the source and reads only whether it has credentials', async () => {
    const created = await cameras().insert(
      camera('with sub', {
        subStreamUrl: 'rtsp://10.0.0.5/sub',
        subStreamCredentials: Buffer.from('sealed sub'),
      }),
    );
    expect(created).toMatchObject({
      subStreamUrl: 'rtsp://10.0.0.5/sub',
      hasSubStreamCredentials: true,
    });
    expect(created).not.toHaveProperty('subStreamCredentials');
    const [source] = (await cameras().listEnabledSources()).filter((s) => s.id === created.id);
    expect(source).toMatchObject({ subStreamUrl: 'rtsp://10.0.0.5/sub' });
    expect(source.subStreamCredentials?.toString()).toBe('sealed sub');
  });

  it('has none by default, and a PATCH to null removes URL and credentials together', async () => {
    const plain = await cameras().insert(camera('without sub'));
    expect(plain).toMatchObject({ subStreamUrl: null, hasSubStreamCredentials: false });
    const withSub = await cameras().update(plain.id, {
      subStreamUrl: 'rtsp://10.0.0.5/sub',
      subStreamCredentials: Buffer.from('sealed'),
    });
    expect(withSub).toMatchObject({ hasSubStreamCredentials: true });
    const removed = await cameras().update(plain.id, {
      subStreamUrl: null,
      subStreamCredentials: null,
    });
    expect(removed).toMatchObject({ subStreamUrl: null, hasSubStreamCredentials: false });
  });

  it('refuses credentials without a URL, and a URL that is not RTSP', async () => {
    await expect(
      cameras().insert(camera('orphan credentials', { subStreamCredentials: Buffer.from('x') })),
    ).rejects.toThrow(/cameras_sub_stream_credentials_need_url/);
    await expect(
      cameras().insert(camera('http sub', { subStreamUrl: 'http://10.0.0.5/sub' })),
    ).rejects.toThrow(/sub_stream_url/);
  });
});
