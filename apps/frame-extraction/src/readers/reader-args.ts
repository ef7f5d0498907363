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

/** First output descriptor of a reader: camera i of a group of n writes its JPEGs to fd 3 + i. */
export const FIRST_OUTPUT_FD = 3;

/** Camera i of a group of n: ffmpeg reads its input script from fd 3 + n + i. */
export const inputFd = (i: number, groupSize: number) => FIRST_OUTPUT_FD + groupSize + i;

/**
 * Options of the RTSP demuxer, given in the input script with the URL: RTSP over TCP, a small probe
 * (the stream's parameters arrive in the SDP) and a 5 s socket timeout.
 */
const RTSP_OPTIONS: [string, string][] = [
  ['rtsp_transport', 'tcp'],
  ['timeout', '5000000'],
  ['probesize', '32768'],
  ['analyzeduration', '0'],
  ['fflags', 'nobuffer'],
];

function inputUrl(source: ReaderSource, path: string): string {
  const url = new URL(`${source.rtspUrl.replace(/\/$/, '')}/${path}`);
  url.username = 'frame-extraction';
  url.password = source.token;
  return url.toString();
}

/** ffconcat quoting: inside single quotes everything is literal, so a quote is closed, escaped, reopened. */
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The input script of one camera (ffmpeg's concat demuxer, one file): the RTSP URL with the token and
 * the demuxer options. It reaches ffmpeg through a pipe (`-f concat -i pipe:<fd>`), so the token is
 * never in ffmpeg's arguments, where any local user could read it from /proc/<pid>/cmdline.
 */
export function readerInputScript(source: ReaderSource, input: ReaderInput): string {
  return [
    'ffconcat version 1.0',
    `file ${quote(inputUrl(source, input.path))}`,
    ...RTSP_OPTIONS.map(([key, value]) => `option ${key} ${value}`),
    '',
  ].join('\n');
}

/**
 * ffmpeg arguments for one process reading several cameras; they hold no secret (see
 * readerInputScript). Per input: the script from its pipe, no audio, and `-skip_frame nokey` so the
 * decoder drops every frame except keyframes before decoding them. The `select` filter then keeps at
 * most `fps` of those per second without inventing duplicates (the `fps` filter would repeat frames
 * to fill the rate). Each kept keyframe is encoded once as a JPEG for the engine: the video stream
 * itself is never re-encoded. One thread per codec and filter graph: the decoding work per camera is
 * tiny, and every extra thread costs stack and frame buffers. Each output names its camera's path in
 * its metadata, so `ps` shows which cameras a reader reads.
 */
export function readerArgs(inputs: readonly ReaderInput[]): string[] {
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-filter_threads', '1'];
  inputs.forEach((_, i) => {
    args.push(
      // Per input (an input option): the pipe carries the script, its URL is RTSP over TCP, and
      // nothing else may be opened. Without it concat refuses the RTSP URL (its default is data only).
      ...['-protocol_whitelist', 'pipe,rtsp,tcp', '-f', 'concat', '-safe', '0'],
      ...['-threads', '1', '-skip_frame', 'nokey', '-an', '-sn', '-dn'],
      ...['-i', `pipe:${inputFd(i, inputs.length)}`],
    );
  });
  inputs.forEach((input, i) => {
    const interval = (1 / input.fps).toFixed(3);
    args.push(
      ...['-map', `${i}:v:0`],
      ...['-vf', `select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${interval})'`],
      ...['-fps_mode', 'passthrough', '-threads', '1', '-metadata', `camera=${input.path}`],
      ...['-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2pipe', `pipe:${FIRST_OUTPUT_FD + i}`],
    );
  });
  return args;
}
