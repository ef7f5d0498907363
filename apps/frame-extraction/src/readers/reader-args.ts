/** One camera read by a reader process: its MediaMTX path and the most frames per second wanted. */
export interface ReaderInput {
  cameraId: number;
  path: string;
  fps: number;
}

export interface ReaderSource {
  rtspUrl: string;
  /** Sent as the RTSP password; MediaMTX hands it to the registry, which grants `read`. */
  token: string;
}

/** First output descriptor of a reader: camera i of the group writes its JPEGs to fd 3 + i. */
export const FIRST_OUTPUT_FD = 3;

function inputUrl(source: ReaderSource, path: string): string {
  const url = new URL(`${source.rtspUrl.replace(/\/$/, '')}/${path}`);
  url.username = 'frame-extraction';
  url.password = source.token;
  return url.toString();
}

/**
 * ffmpeg arguments for one process reading several cameras. Per input: RTSP over TCP, a small probe
 * (the stream's parameters arrive in the SDP), no audio, and `-skip_frame nokey` so the decoder drops
 * every frame except keyframes before decoding them. The `select` filter then keeps at most `fps` of
 * those per second without inventing duplicates (the `fps` filter would repeat frames to fill the
 * rate). Each kept keyframe is encoded once as a JPEG for the engine: the video stream itself is never
 * re-encoded. One thread per codec and filter graph: the decoding work per camera is tiny, and every
 * extra thread costs stack and frame buffers.
 */
export function readerArgs(source: ReaderSource, inputs: readonly ReaderInput[]): string[] {
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-filter_threads', '1'];
  for (const input of inputs) {
    args.push(
      ...['-rtsp_transport', 'tcp', '-timeout', '5000000'],
      ...['-probesize', '32768', '-analyzeduration', '0', '-fflags', 'nobuffer'],
      ...['-threads', '1', '-skip_frame', 'nokey', '-an', '-sn', '-dn'],
      ...['-i', inputUrl(source, input.path)],
    );
  }
  inputs.forEach((input, i) => {
    const interval = (1 / input.fps).toFixed(3);
    args.push(
      ...['-map', `${i}:v:0`],
      ...['-vf', `select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${interval})'`],
      ...['-fps_mode', 'passthrough', '-threads', '1'],
      ...['-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2pipe', `pipe:${FIRST_OUTPUT_FD + i}`],
    );
  });
  return args;
}
