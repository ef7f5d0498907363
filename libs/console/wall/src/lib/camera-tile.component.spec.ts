import { cameraLiveUrls, cameraSubStream, type CameraResponseDto } from '@gt-vision/shared-types';
import { tileStream } from './camera-tile.component';

const camera = (withSub: boolean) =>
  ({
    id: 3,
    path: 'cam_3',
    liveUrls: cameraLiveUrls(3),
    subStream: withSub ? cameraSubStream(3) : null,
  }) as CameraResponseDto;

describe('tileStream', () => {
  it('plays the sub-stream in a small tile when the camera has one', () => {
    expect(tileStream(camera(true), true)).toEqual({
      path: 'cam_3_sub',
      hls: '/hls/cam_3_sub/index.m3u8',
      whep: '/webrtc/cam_3_sub/whep',
      sub: true,
    });
  });

  it('plays the main stream full size, and in a small tile without a sub-stream', () => {
    const main = {
      path: 'cam_3',
      hls: '/hls/cam_3/index.m3u8',
      whep: '/webrtc/cam_3/whep',
      sub: false,
    };
    expect(tileStream(camera(true), false)).toEqual(main);
    expect(tileStream(camera(false), true)).toEqual(main);
  });
});
