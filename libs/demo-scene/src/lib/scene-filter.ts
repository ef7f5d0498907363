import { CLIP_SECONDS, PLATE_ASPECT, PlateSchedule, PlateSlot } from './plate-schedule';

/** What a clip looks like; every field ends up in the ffmpeg arguments, and so in the cache key. */
export interface ClipParams {
  width: number;
  height: number;
  fps: number;
  schedule: PlateSchedule;
}

/** Bold monospace: every character has the same width, so the plate text fits its box predictably. */
export const PLATE_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';
/** The "BRASIL" band and the old plates' town line use a proportional sans, as the real ones do. */
export const LABEL_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/**
 * ~400 kbit/s: the picture is static bars plus one moving plate and text, which x264 encodes in less,
 * so this is a ceiling that keeps 250 cameras within ~100 Mbit/s through MediaMTX.
 */
const BITRATE = '400k';
/** The sub-stream has a quarter of the pixels: a quarter of the bit rate keeps the same quality. */
const SUB_BITRATE = '100k';

/**
 * The plate is drawn once per clip on a sprite of this size and scaled per frame: drawing text at the
 * final size every frame would be no sharper and cost far more to render.
 */
const SPRITE_W = 400;
const SPRITE_H = Math.round(SPRITE_W / PLATE_ASPECT);
/** DejaVu Sans Mono advances every glyph by ~0.6 em. */
const MONO_ADVANCE = 0.6;

/** Mercosul: white plate, blue band on top. Old Brazilian: grey plate, black characters. */
const COLOURS = {
  mercosul: { plate: 'white', band: '0x003399', text: '0x111111' },
  'br-old': { plate: '0xb4b4b4', band: '0xb4b4b4', text: '0x111111' },
} as const;

/** Quotes a drawtext/drawbox option value so the filtergraph parser takes it literally. */
function quote(value: string): string {
  return `'${value}'`;
}

function text(fontFile: string, options: Record<string, string | number>): string {
  const pairs = Object.entries({ fontfile: quote(fontFile), ...options }).map(
    ([k, v]) => `${k}=${v}`,
  );
  return `drawtext=${pairs.join(':')}`;
}

function box(x: number, y: number, w: number, h: number, color: string, enable: string): string {
  return `drawbox=x=${x}:y=${y}:w=${w}:h=${h}:color=${color}:t=fill:enable=${quote(enable)}`;
}

/** lt rather than between(): between() includes both ends, so two plates would overlap for one frame. */
function during(slot: PlateSlot): string {
  return `gte(t,${slot.from})*lt(t,${slot.to})`;
}

/** The sprite's drawing for one slot: background, band with its text, and the characters. */
function spriteFilters(slot: PlateSlot): string[] {
  const enable = during(slot);
  const colours = COLOURS[slot.format];
  const border = Math.round(SPRITE_H * 0.05);
  const bandH = Math.round(SPRITE_H * 0.22);
  const inner = { x: border, y: border, w: SPRITE_W - 2 * border, h: SPRITE_H - 2 * border };
  const area = { y: inner.y + bandH, h: inner.h - bandH };
  const fontsize = Math.floor(
    Math.min(area.h * 0.85, (inner.w * 0.92) / (slot.plate.length * MONO_ADVANCE)),
  );
  // Mercosul's band says "BRASIL"; old plates carry the state and town on a line of their own.
  const band = slot.format === 'mercosul' ? 'BRASIL' : 'SP - SAO PAULO';
  return [
    box(inner.x, inner.y, inner.w, inner.h, colours.plate, enable),
    box(inner.x, inner.y, inner.w, bandH, colours.band, enable),
    text(LABEL_FONT, {
      text: quote(band),
      fontsize: Math.round(bandH * 0.7),
      fontcolor: slot.format === 'mercosul' ? 'white' : colours.text,
      x: '(w-tw)/2',
      y: `${inner.y}+(${bandH}-th)/2`,
      enable: quote(enable),
    }),
    text(PLATE_FONT, {
      text: quote(slot.plate),
      fontsize,
      fontcolor: colours.text,
      x: '(w-tw)/2',
      y: `${area.y}+(${area.h}-th)/2`,
      enable: quote(enable),
    }),
  ];
}

/** A piecewise-linear expression of `t`: in each slot, from its start value to its end value. */
function motion(slots: PlateSlot[], value: (slot: PlateSlot, end: boolean) => number): string {
  return slots
    .map((slot) => {
      const a = value(slot, false);
      const b = value(slot, true);
      return `${during(slot)}*(${a}+(${b - a})*(t-${slot.from})/${slot.to - slot.from})`;
    })
    .join('+');
}

/**
 * The video filter graph (for `-filter_complex`, input 0 the background): camera label, clip clock, and
 * the plate sprite scaled and moved per frame as `plateGeometryAt()` says. `extra` is appended to the
 * composed picture (the accuracy test degrades frames with it).
 */
export function clipFilter(p: ClipParams, extra: string[] = []): string {
  const margin = Math.round(p.height * 0.03);
  const labelSize = Math.round(p.height * 0.055);
  const label = {
    fontsize: labelSize,
    fontcolor: 'white',
    box: 1,
    boxcolor: 'black@0.6',
    boxborderw: Math.round(labelSize * 0.3),
    y: margin,
  };
  const slots = p.schedule.slots;
  const labels = [
    text(PLATE_FONT, { ...label, text: quote(`cam_${p.schedule.camera}`), x: margin }),
    // The clip's own timestamp, not the wall clock: publishers loop the clip by stream copy, so nothing
    // re-renders frames at publish time and a real clock cannot be burned in. It still shows the stream is
    // live (it moves every frame) and where in the loop the camera is.
    text(PLATE_FONT, { ...label, text: quote('%{pts\\:hms}'), x: `w-tw-${margin}` }),
    ...extra,
  ].join(',');
  // A schedule without plates (the accuracy test's plate-free frames) is the scene alone.
  if (slots.length === 0) return `[0:v]${labels}`;
  const sprite = [
    `color=c=0x202020:s=${SPRITE_W}x${SPRITE_H}:r=${p.fps}`,
    ...slots.flatMap(spriteFilters),
    // Even widths: yuv420p cannot hold odd ones. eval=frame re-evaluates the size on every frame.
    `scale=w='2*trunc((${motion(slots, (s, end) => (end ? s.end : s.start).width * p.width)})/2)':h=-2:eval=frame`,
  ].join(',');
  const x = motion(slots, (s, end) => (end ? s.end : s.start).x * p.width);
  const y = motion(slots, (s, end) => (end ? s.end : s.start).y * p.height);
  return `${sprite}[plate];[0:v][plate]overlay=x='${x}':y='${y}':eval=frame,${labels}`;
}

/** The background every demo camera films: a static test pattern, which costs x264 almost nothing. */
export function backgroundInput(p: Pick<ClipParams, 'width' | 'height' | 'fps'>): string[] {
  return ['-f', 'lavfi', '-i', `smptebars=size=${p.width}x${p.height}:rate=${p.fps}`];
}

/** ffmpeg arguments that render the clip, without the output (the caller chooses where it goes). */
export function clipArgs(p: ClipParams): string[] {
  return [
    ...QUIET,
    ...backgroundInput(p),
    '-filter_complex',
    clipFilter(p),
    // An exact frame count (not -t) so the clip ends on a GOP boundary and loops without a glitch.
    '-frames:v',
    String(p.fps * CLIP_SECONDS),
    ...encoderArgs(p.fps, BITRATE),
  ];
}

/** The sub-stream's picture: half the clip's width and height (a quarter of its pixels), kept even. */
export function subStreamSize(p: Pick<ClipParams, 'width' | 'height'>): {
  width: number;
  height: number;
} {
  const even = (n: number) => Math.max(2, 2 * Math.round(n / 4));
  return { width: even(p.width), height: even(p.height) };
}

/**
 * ffmpeg arguments that render a camera's sub-stream clip from its rendered clip, without the output:
 * the same frames scaled down and encoded the same way, so it loops in step with the main clip.
 */
export function subClipArgs(clip: string, p: ClipParams): string[] {
  const { width, height } = subStreamSize(p);
  return [
    ...QUIET,
    '-i',
    clip,
    '-vf',
    `scale=${width}:${height}`,
    ...encoderArgs(p.fps, SUB_BITRATE),
  ];
}

const QUIET = ['-nostdin', '-hide_banner', '-loglevel', 'error'];

function encoderArgs(fps: number, bitrate: string): string[] {
  const gop = String(fps);
  return [
    '-an',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    // Constrained baseline: every WebRTC browser decodes it, and it has no B-frames by definition.
    '-profile:v',
    'baseline',
    '-pix_fmt',
    'yuv420p',
    '-bf',
    '0',
    // A keyframe every second, and only then: frame extraction decodes keyframes only, and HLS segments
    // (1 s in mediamtx.yml) can only be cut on keyframes.
    '-g',
    gop,
    '-keyint_min',
    gop,
    '-sc_threshold',
    '0',
    '-b:v',
    bitrate,
    '-maxrate',
    bitrate,
    '-bufsize',
    '800k',
    '-movflags',
    '+faststart',
  ];
}
