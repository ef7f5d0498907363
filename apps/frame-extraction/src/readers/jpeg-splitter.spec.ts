import { JpegSplitter } from './jpeg-splitter';

/** A structurally valid JPEG: an APP segment whose payload holds FF D9, a scan with stuffed FF 00. */
function jpeg(fill: number): Buffer {
  const app = [0xff, 0xe0, 0x00, 0x08, 0x4a, 0x46, 0xff, 0xd9, 0x00, 0x00];
  const sos = [0xff, 0xda, 0x00, 0x04, 0x01, 0x00];
  const scan = [fill, 0xff, 0x00, fill, 0xff, 0xd0, fill];
  return Buffer.from([0xff, 0xd8, ...app, ...sos, ...scan, 0xff, 0xd9]);
}

describe('JpegSplitter', () => {
  it('cuts concatenated images at their EOI, not at FF D9 inside a header or stuffed data', () => {
    const images: Buffer[] = [];
    const splitter = new JpegSplitter((image) => images.push(image));
    splitter.push(Buffer.concat([jpeg(1), jpeg(2), jpeg(3)]));
    expect(images).toEqual([jpeg(1), jpeg(2), jpeg(3)]);
  });

  it('reassembles images split across chunks at every byte', () => {
    const stream = Buffer.concat([jpeg(4), jpeg(5)]);
    for (let cut = 1; cut < stream.length; cut++) {
      const images: Buffer[] = [];
      const splitter = new JpegSplitter((image) => images.push(image));
      splitter.push(stream.subarray(0, cut));
      splitter.push(stream.subarray(cut));
      expect(images).toEqual([jpeg(4), jpeg(5)]);
    }
  });

  it('skips bytes before the first SOI (a reader restarted mid-image)', () => {
    const images: Buffer[] = [];
    const splitter = new JpegSplitter((image) => images.push(image));
    splitter.push(Buffer.concat([Buffer.from([0x12, 0xff, 0xd9, 0x00]), jpeg(6)]));
    expect(images).toEqual([jpeg(6)]);
  });

  it('drops an image that outgrows the buffer limit instead of holding it', () => {
    const images: Buffer[] = [];
    const splitter = new JpegSplitter((image) => images.push(image), 64);
    splitter.push(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]), Buffer.alloc(100, 1)]),
    );
    splitter.push(jpeg(7));
    expect(images).toEqual([jpeg(7)]);
  });
});
