import {
  CameraListQueryDto,
  cameraLiveUrls,
  cameraPath,
  cameraSubStream,
  CreateCameraDto,
  UpdateCameraDto,
} from './cameras';
import { checkDto as check } from './testing/check-dto';

const valid = { name: 'Gate 1', sourceUrl: 'rtsp://admin:secret@10.0.0.5:554/stream1' };

describe('CreateCameraDto', () => {
  it('accepts a minimal camera and a complete one', () => {
    expect(check(CreateCameraDto, valid).fields).toEqual([]);
    const complete = {
      ...valid,
      sourceUrl: 'rtsps://cam.example:322/live',
      subStreamUrl: 'rtsps://cam.example:322/sub',
      location: { lat: -23.55, lon: -46.63, address: 'Av. Paulista, 1000' },
      tags: ['north', 'gate:1', 'lpr_lane-2'],
      recording: { enabled: false, retentionDays: 365 },
      lpr: { enabled: true, fps: 0.2 },
      enabled: false,
    };
    expect(check(CreateCameraDto, complete).fields).toEqual([]);
  });

  it('trims the name and normalises tags (case, spaces, duplicates)', () => {
    const { value, fields } = check(CreateCameraDto, {
      ...valid,
      name: '  Gate 1  ',
      tags: ['North', ' north', 'gate'],
    });
    expect(fields).toEqual([]);
    expect(value).toMatchObject({ name: 'Gate 1', tags: ['north', 'gate'] });
  });

  it.each([
    ['a missing name', { sourceUrl: valid.sourceUrl }, 'name'],
    ['a blank name', { ...valid, name: '   ' }, 'name'],
    ['a name over 100 characters', { ...valid, name: 'x'.repeat(101) }, 'name'],
    ['a name with a NUL', { ...valid, name: 'a\u0000b' }, 'name'],
    ['a name that is a number', { ...valid, name: 42 }, 'name'],
    ['a missing sourceUrl', { name: 'x' }, 'sourceUrl'],
    ['an http sourceUrl', { ...valid, sourceUrl: 'http://10.0.0.5/stream' }, 'sourceUrl'],
    ['a sourceUrl without host', { ...valid, sourceUrl: 'rtsp:///stream' }, 'sourceUrl'],
    ['a password with a raw slash', { ...valid, sourceUrl: 'rtsp://a:b/c@h/' }, 'sourceUrl'],
    ['an http subStreamUrl', { ...valid, subStreamUrl: 'http://10.0.0.5/sub' }, 'subStreamUrl'],
    ['a subStreamUrl without host', { ...valid, subStreamUrl: 'rtsp:///sub' }, 'subStreamUrl'],
    ['a latitude out of range', { ...valid, location: { lat: 91, lon: 0 } }, 'location.lat'],
    ['a longitude out of range', { ...valid, location: { lat: 0, lon: -181 } }, 'location.lon'],
    ['a latitude as text', { ...valid, location: { lat: '1', lon: 0 } }, 'location.lat'],
    ['a location without lon', { ...valid, location: { lat: 1 } }, 'location.lon'],
    ['an unknown location field', { ...valid, location: { lat: 1, lon: 1, z: 1 } }, 'location.z'],
    ['a location as text', { ...valid, location: 'Paulista' }, 'location'],
    ['a location as a list', { ...valid, location: [] }, 'location'],
    [
      'an address over 300 characters',
      { ...valid, location: { lat: 1, lon: 1, address: 'x'.repeat(301) } },
      'location.address',
    ],
    ['tags as text', { ...valid, tags: 'north' }, 'tags'],
    ['a tag with spaces', { ...valid, tags: ['north gate'] }, 'tags'],
    ['an empty tag', { ...valid, tags: [''] }, 'tags'],
    ['a tag over 40 characters', { ...valid, tags: ['x'.repeat(41)] }, 'tags'],
    [
      'more than 20 tags',
      { ...valid, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      'tags',
    ],
    [
      'retention of 0 days',
      { ...valid, recording: { retentionDays: 0 } },
      'recording.retentionDays',
    ],
    [
      'retention of 366 days',
      { ...valid, recording: { retentionDays: 366 } },
      'recording.retentionDays',
    ],
    [
      'fractional retention',
      { ...valid, recording: { retentionDays: 1.5 } },
      'recording.retentionDays',
    ],
    ['recording on as text', { ...valid, recording: { enabled: 'yes' } }, 'recording.enabled'],
    ['an fps below 0.2', { ...valid, lpr: { fps: 0.1 } }, 'lpr.fps'],
    ['an fps above 10', { ...valid, lpr: { fps: 11 } }, 'lpr.fps'],
    ['an fps as text', { ...valid, lpr: { fps: '1' } }, 'lpr.fps'],
    ['lpr enabled as null', { ...valid, lpr: { enabled: null } }, 'lpr.enabled'],
    ['enabled as text', { ...valid, enabled: 'true' }, 'enabled'],
    ['enabled as null', { ...valid, enabled: null }, 'enabled'],
    ['an unknown field', { ...valid, colour: 'red' }, 'colour'],
  ])('refuses %s, naming the field', (_, body, field) => {
    expect(check(CreateCameraDto, body).fields).toEqual([field]);
  });
});

describe('UpdateCameraDto', () => {
  it('accepts any subset, including an empty one and a location cleared with null', () => {
    expect(check(UpdateCameraDto, {}).fields).toEqual([]);
    expect(check(UpdateCameraDto, { location: null, lpr: { fps: 5 } }).fields).toEqual([]);
  });

  it('removes the sub-stream with null', () => {
    expect(check(UpdateCameraDto, { subStreamUrl: null }).fields).toEqual([]);
  });

  it.each([
    ['name', { name: null }],
    ['name', { name: '' }],
    ['sourceUrl', { sourceUrl: 'rtmp://h/live' }],
    ['subStreamUrl', { subStreamUrl: 'rtmp://h/sub' }],
    ['recording', { recording: null }],
    ['lpr.fps', { lpr: { fps: 10.5 } }],
    ['id', { id: 3 }],
  ])('refuses a bad %s', (field, body) => {
    expect(check(UpdateCameraDto, body).fields).toEqual([field]);
  });
});

describe('CameraListQueryDto', () => {
  it('applies defaults and converts query strings', () => {
    const { value, fields } = check(CameraListQueryDto, {
      tag: ['North,gate', 'gate'],
      enabled: 'false',
      lprEnabled: 'true',
      limit: '500',
    });
    expect(fields).toEqual([]);
    expect(value).toMatchObject({
      tag: ['north', 'gate'],
      enabled: false,
      lprEnabled: true,
      sort: 'name',
      order: 'asc',
      limit: 500,
    });
    expect(check(CameraListQueryDto, {}).value).toMatchObject({ limit: 50 });
  });

  it.each([
    ['status', { status: 'broken' }],
    ['tag', { tag: 'no spaces allowed' }],
    ['enabled', { enabled: 'yes' }],
    ['lprEnabled', { lprEnabled: '1' }],
    ['sort', { sort: 'id' }],
    ['order', { order: 'up' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '501' }],
    ['limit', { limit: 'ten' }],
    ['limit', { limit: '2.5' }],
    ['q', { q: ['a', 'b'] }],
    ['page', { page: '2' }],
  ])('refuses a bad %s', (field, query) => {
    expect(check(CameraListQueryDto, query).fields).toEqual([field]);
  });
});

describe('camera paths and live URLs', () => {
  it('derive from the id', () => {
    expect(cameraPath(7)).toBe('cam_7');
    expect(cameraLiveUrls(7)).toEqual({
      hls: '/hls/cam_7/index.m3u8',
      whep: '/webrtc/cam_7/whep',
      playback: '/playback/list?path=cam_7',
    });
    expect(cameraSubStream(7)).toEqual({
      path: 'cam_7_sub',
      hls: '/hls/cam_7_sub/index.m3u8',
      whep: '/webrtc/cam_7_sub/whep',
    });
  });
});
