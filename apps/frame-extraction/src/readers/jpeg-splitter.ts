/**
 * Cuts a stream of concatenated JPEGs (ffmpeg's `image2pipe` with the mjpeg encoder) into whole
 * images. Header segments are skipped by their length and the entropy-coded data is scanned for the
 * EOI marker, so an 0xFF 0xD9 inside a table never ends an image early. Bytes before an SOI (a reader
 * that restarted mid-image) are discarded. At most `maxBytes` are buffered: a runaway image is dropped.
 */
export class JpegSplitter {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onImage: (jpeg: Buffer<ArrayBuffer>) => void,
    private readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const start = this.buffer.indexOf(SOI);
      if (start < 0) {
        this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - 1));
        return;
      }
      if (start > 0) this.buffer = this.buffer.subarray(start);
      const end = imageEnd(this.buffer);
      if (end === null) {
        if (this.buffer.length > this.maxBytes) this.buffer = Buffer.alloc(0);
        return;
      }
      // A copy, so the image does not pin the whole read chunk in memory.
      this.onImage(Buffer.from(this.buffer.subarray(0, end)));
      this.buffer = this.buffer.subarray(end);
    }
  }
}

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = 0xd9;
const SOS = 0xda;

/** Offset just past the EOI of the image starting at 0, or null when it is not complete yet. */
function imageEnd(buf: Buffer): number | null {
  let i = 2;
  // Marker segments up to and including SOS: each is FF xx followed by a two-byte length.
  for (;;) {
    if (i + 4 > buf.length) return null;
    if (buf[i] !== 0xff) return scanEntropy(buf, i);
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === EOI) return i + 2;
    const length = buf.readUInt16BE(i + 2);
    i += 2 + length;
    if (marker === SOS) return scanEntropy(buf, i);
  }
}

/** In entropy-coded data 0xFF is followed by 0x00 (stuffing) or a restart marker; anything else ends it. */
function scanEntropy(buf: Buffer, from: number): number | null {
  for (
    let i = buf.indexOf(0xff, from);
    i >= 0 && i + 1 < buf.length;
    i = buf.indexOf(0xff, i + 1)
  ) {
    const next = buf[i + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    if (next === EOI) return i + 2;
    // Another marker after the scan (progressive JPEGs): keep parsing segments from here.
    return imageEndFrom(buf, i);
  }
  return null;
}

function imageEndFrom(buf: Buffer, i: number): number | null {
  if (i + 4 > buf.length) return null;
  const length = buf.readUInt16BE(i + 2);
  const next = i + 2 + length;
  if (buf[i + 1] === SOS) return scanEntropy(buf, next);
  if (next + 2 > buf.length) return null;
  return buf[next] === 0xff ? imageEndFrom(buf, next) : scanEntropy(buf, next);
}
