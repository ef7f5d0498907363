import { CLIP_SECONDS, PlateSchedule, PlateSlot } from './plates';

/** What a clip looks like; every field ends up in the ffmpeg arguments, and so in the cache key. */
export interface ClipParams {
  width: number;
  height: number;
  fps: number;
  schedule: PlateSchedule;
  fontFile: string;
}

/** Bold monospace: every character has the same width, so the plate text fits its box predictably. */
export const PLATE_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';

/**
 * ~400 kbit/s: the picture is static bars plus text, which x264 encodes in far less (measured ~210 kbit/s at
 * 640x360), so this is a ceiling that keeps 250 cameras within ~100 Mbit/s through MediaMTX.
 */
const BITRATE = '400k';

/** Mercosul plates are 400 x 130 mm. */
const PLATE_ASPECT = 400 / 130;
/** DejaVu Sans Mono advances every glyph by ~0.6 em. */
const MONO_ADVANCE = 0.6;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

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

function box(b: Box, color: string, enable?: string): string {
  const base = `drawbox=x=${b.x}:y=${b.y}:w=${b.w}:h=${b.h}:color=${color}:t=fill`;
  return enable ? `${base}:enable=${quote(enable)}` : base;
}

/** Largest font size at which `chars` glyphs fit the width and the glyphs fill most of the height. */
function fitFont(area: Box, chars: number): number {
  return Math.floor(Math.min(area.h * 0.85, (area.w * 0.9) / (chars * MONO_ADVANCE)));
}

function slotFilters(slot: PlateSlot, inner: Box, fontFile: string): string[] {
  // lt rather than between(): between() includes both ends, so two plates would overlap for one frame.
  const enable = `gte(t,${slot.from})*lt(t,${slot.to})`;
  const filters: string[] = [];
  let area = inner;
  if (slot.format === 'mercosul') {
    // The blue band with "BRASIL" is what tells a Mercosul plate apart at a glance.
    const band = { ...inner, h: Math.round(inner.h * 0.23) };
    filters.push(box(band, '0x003399', enable));
    filters.push(
      text(fontFile, {
        text: quote('BRASIL'),
        fontsize: Math.round(band.h * 0.7),
        fontcolor: 'white',
        x: '(w-tw)/2',
        y: `${band.y}+(${band.h}-th)/2`,
        enable: quote(enable),
      }),
    );
    area = { ...inner, y: inner.y + band.h, h: inner.h - band.h };
  }
  filters.push(
    text(fontFile, {
      text: quote(slot.plate),
      fontsize: fitFont(area, slot.plate.length),
      fontcolor: '0x111111',
      x: '(w-tw)/2',
      y: `${area.y}+(${area.h}-th)/2`,
      enable: quote(enable),
    }),
  );
  return filters;
}

/** The video filter chain: camera label, clip clock, and the plate box whose text follows the schedule. */
export function clipFilter(p: ClipParams): string {
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
  const plateW = Math.round(p.width * 0.5);
  const plateH = Math.round(plateW / PLATE_ASPECT);
  const plate = {
    x: Math.round((p.width - plateW) / 2),
    y: p.height - plateH - Math.round(p.height * 0.07),
    w: plateW,
    h: plateH,
  };
  const border = Math.max(2, Math.round(plateH * 0.05));
  const inner = {
    x: plate.x + border,
    y: plate.y + border,
    w: plate.w - 2 * border,
    h: plate.h - 2 * border,
  };
  return [
    text(p.fontFile, { ...label, text: quote(`cam_${p.schedule.camera}`), x: margin }),
    // The clip's own timestamp, not the wall clock: publishers loop the clip by stream copy, so nothing
    // re-renders frames at publish time and a real clock cannot be burned in. It still shows the stream is
    // live (it moves every frame) and where in the loop the camera is.
    text(p.fontFile, { ...label, text: quote('%{pts\\:hms}'), x: `w-tw-${margin}` }),
    // A dark plate-sized box under a white one leaves a dark border.
    box(plate, '0x202020'),
    box(inner, 'white'),
    ...p.schedule.slots.flatMap((slot) => slotFilters(slot, inner, p.fontFile)),
  ].join(',');
}

/** ffmpeg arguments that render the clip, without the output (the caller chooses where it goes). */
export function clipArgs(p: ClipParams): string[] {
  const gop = String(p.fps);
  return [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    // smptebars is static, so P-frames are almost free: only the clock and the plate change.
    '-f',
    'lavfi',
    '-i',
    `smptebars=size=${p.width}x${p.height}:rate=${p.fps}`,
    '-vf',
    clipFilter(p),
    // An exact frame count (not -t) so the clip ends on a GOP boundary and loops without a glitch.
    '-frames:v',
    String(p.fps * CLIP_SECONDS),
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
    BITRATE,
    '-maxrate',
    BITRATE,
    '-bufsize',
    '800k',
    '-movflags',
    '+faststart',
  ];
}
