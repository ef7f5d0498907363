import type { RecognizedPlate } from '@gt-vision/shared-types';
import sharp from 'sharp';
import { alternativeReadings, readPlate } from '../plates/plate-format';
import { decodePlateLine, plateAlphabet, PlateAlphabet } from './ctc-decode';
import { Normalisation, regionTensor, Rgb } from './model-input';
import { OcrModels } from './ocr-models';
import { PixelBox, textBoxes } from './text-boxes';

/**
 * The long side the detector sees frames scaled to by default (LPR_DETECTOR_MAX_SIDE, which explains
 * the choice): the detector is most of a frame's cost, and that cost grows with the pixel count.
 */
export const DEFAULT_DETECTOR_MAX_SIDE = 384;
/** The recogniser's fixed input height (PP-OCRv4 rec). */
const LINE_HEIGHT = 48;
const LINE_MAX_WIDTH = 480;
/**
 * A tilted plate's upright box is taller than its characters, which squeezes the line when it is
 * scaled to the recogniser's height; its output has one step per 8 px of width, and under ~20 steps a
 * doubled letter (VV) runs together and is read once. Normal plate lines are wider than this already.
 */
const LINE_MIN_WIDTH = 160;
/** Plate lines are 2.5-9 times wider than tall (7 characters plus a separator); others are not plates. */
const MIN_LINE_ASPECT = 2;
const MAX_LINE_ASPECT = 10;
/** Below this the characters are a few pixels tall, too few to read honestly. */
const MIN_LINE_PIXELS = 8;
/** ImageNet statistics, in the detector's BGR order. */
const DETECTOR_NORM: Normalisation = { mean: [0.406, 0.456, 0.485], std: [0.225, 0.224, 0.229] };
const RECOGNISER_NORM: Normalisation = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };
const MAX_ALTERNATIVES = 5;
const MAX_CANDIDATES = 3;

export interface FrameReading {
  width: number;
  height: number;
  plates: RecognizedPlate[];
}

export interface PlateReaderOptions {
  /** Long side, in pixels, the frame is scaled down to for the detector (never up). */
  detectorMaxSide: number;
}

/**
 * Finds and reads plates in a JPEG frame: PP-OCRv4's detector finds text lines anywhere, lines shaped
 * like a plate's character band are read by the recogniser, and only readings that fit a plate format
 * (after letter/digit correction) are reported. Clocks, labels and signs fail the format and are dropped.
 */
export class PlateReader {
  private readonly alphabet: PlateAlphabet;
  private readonly detectorMaxSide: number;

  constructor(
    private readonly models: OcrModels,
    options: Partial<PlateReaderOptions> = {},
  ) {
    this.alphabet = plateAlphabet(models.dictionary);
    this.detectorMaxSide = options.detectorMaxSide ?? DEFAULT_DETECTOR_MAX_SIDE;
  }

  /** Throws `InvalidImageError` when the bytes are not a decodable image. */
  async read(jpeg: Buffer): Promise<FrameReading> {
    const image = await decode(jpeg);
    const candidates = (await this.detect(image)).filter(
      (box) => isPlateShaped(box) && isDarkOnLight(image, box),
    );
    const lines = candidates.filter((box) => !candidates.some((below) => isHeadingOf(box, below)));
    const plates: RecognizedPlate[] = [];
    for (const line of lines) {
      const plate = await this.recognise(image, line);
      if (plate) plates.push(plate);
    }
    return { width: image.width, height: image.height, plates: dropDuplicates(plates) };
  }

  private async detect(image: Rgb): Promise<PixelBox[]> {
    const scale = Math.min(1, this.detectorMaxSide / Math.max(image.width, image.height));
    // DB's backbone downsamples by 32.
    const w = Math.max(32, Math.round((image.width * scale) / 32) * 32);
    const h = Math.max(32, Math.round((image.height * scale) / 32) * 32);
    const whole = { left: 0, top: 0, width: image.width, height: image.height };
    const input = regionTensor(image, whole, w, h, DETECTOR_NORM);
    const output = await this.models.detector.run({ [this.models.detector.inputNames[0]]: input });
    const map = output[this.models.detector.outputNames[0]].data as Float32Array;
    const sx = image.width / w;
    const sy = image.height / h;
    return textBoxes(map, w, h).map((b) => ({
      ...b,
      x: b.x * sx,
      y: b.y * sy,
      width: b.width * sx,
      height: b.height * sy,
    }));
  }

  private async recognise(image: Rgb, box: PixelBox): Promise<RecognizedPlate | undefined> {
    const left = Math.max(0, Math.floor(box.x));
    const top = Math.max(0, Math.floor(box.y));
    const width = Math.min(image.width, Math.ceil(box.x + box.width)) - left;
    const height = Math.min(image.height, Math.ceil(box.y + box.height)) - top;
    const lineWidth = Math.min(
      LINE_MAX_WIDTH,
      Math.max(LINE_MIN_WIDTH, Math.round((LINE_HEIGHT * width) / height)),
    );
    const region = { left, top, width, height };
    const input = regionTensor(image, region, lineWidth, LINE_HEIGHT, RECOGNISER_NORM);
    const rec = this.models.recogniser;
    const output = (await rec.run({ [rec.inputNames[0]]: input }))[rec.outputNames[0]];
    const [, steps, classes] = output.dims;
    const positions = decodePlateLine(output.data as Float32Array, steps, classes, this.alphabet);
    // The fifth character alone tells Mercosul (letter) from old (digit), and I/1, Q/0, J/3 blur there;
    // the blue band above the characters settles it, as it does for a person reading the plate.
    const readout = hasMercosulBand(image, box)
      ? readPlate(positions, ['mercosul'])
      : readPlate(positions);
    if (!readout) return undefined;
    return {
      text: readout.text,
      confidence: round(readout.confidence),
      format: readout.format,
      bbox: {
        x: round(left / image.width),
        y: round(top / image.height),
        width: round(width / image.width),
        height: round(height / image.height),
      },
      alternatives: alternativeReadings(readout, MAX_ALTERNATIVES).map((a) => ({
        plate: a.plate,
        confidence: round(a.confidence),
      })),
      characters: readout.chars.map((c, position) => ({
        position,
        candidates: c.candidates
          .slice(0, MAX_CANDIDATES)
          .map((k) => ({ char: k.char, confidence: round(k.confidence) })),
      })),
    };
  }
}

export class InvalidImageError extends Error {}

async function decode(jpeg: Buffer): Promise<Rgb> {
  try {
    const { data, info } = await sharp(jpeg, { failOn: 'error' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw new InvalidImageError(error instanceof Error ? error.message : String(error));
  }
}

function isPlateShaped(box: PixelBox): boolean {
  const aspect = box.width / box.height;
  return box.height >= MIN_LINE_PIXELS && aspect >= MIN_LINE_ASPECT && aspect <= MAX_LINE_ASPECT;
}

/** A heading line sits at most this many of the character line's heights above it. */
const HEADING_MAX_GAP = 0.5;
/** A heading's letters are well under the characters' height (the town line's are about half). */
const HEADING_MAX_HEIGHT = 0.75;

/**
 * Whether `line` is the heading printed above the characters of the plate whose character line is
 * `below`: old plates' town line ("SP - SAO PAULO") is dark on light and shaped like a plate line, so it
 * would cost a recogniser run per frame only to fail the plate format. Two vehicles' plates are never
 * this close, one right above the other with no gap a line high.
 */
export function isHeadingOf(line: PixelBox, below: PixelBox): boolean {
  const bottom = line.y + line.height;
  const centre = line.x + line.width / 2;
  return (
    line.height <= HEADING_MAX_HEIGHT * below.height &&
    bottom >= below.y - HEADING_MAX_GAP * below.height &&
    bottom <= below.y + below.height / 2 &&
    centre >= below.x &&
    centre <= below.x + below.width
  );
}

/**
 * Brazilian private plates (Mercosul and old) print dark characters on a light plate; white text on a
 * dark box (the burned-in clock, most street signs, Mercosul's blue band) is not read at all, which
 * saves the recogniser's time and rules those lines out before any guess. The line is dark-on-light
 * when most of its pixels are nearer its bright end than its dark end.
 */
export function isDarkOnLight(image: Rgb, box: PixelBox): boolean {
  const histogram = new Uint32Array(256);
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  let count = 0;
  let sum = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 3;
      const luma = (image.data[i] * 77 + image.data[i + 1] * 150 + image.data[i + 2] * 29) >> 8;
      histogram[luma]++;
      sum += luma;
      count++;
    }
  }
  if (count === 0) return false;
  const percentile = (q: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += histogram[v];
      if (seen >= q * count) return v;
    }
    return 255;
  };
  return sum / count > (percentile(0.05) + percentile(0.95)) / 2;
}

/**
 * Whether a Mercosul plate's blue band sits just above the character line: a good share of the strip
 * above it is saturated blue. The strip reaches into the line's top, where a tilted plate's band ends
 * up when the detector's upright box takes in both.
 */
export function hasMercosulBand(image: Rgb, box: PixelBox): boolean {
  const x0 = Math.max(0, Math.floor(box.x + box.width * 0.1));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width * 0.9));
  const y0 = Math.max(0, Math.floor(box.y - box.height * 0.6));
  const y1 = Math.min(image.height, Math.floor(box.y + box.height * 0.3));
  let blue = 0;
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 3;
      const [r, g, b] = [image.data[i], image.data[i + 1], image.data[i + 2]];
      if (b > 80 && b > r + 40 && b > g + 20) blue++;
      count++;
    }
  }
  return count > 0 && blue / count > 0.2;
}

/** One plate read twice (two overlapping lines) is reported once, the more confident reading. */
function dropDuplicates(plates: RecognizedPlate[]): RecognizedPlate[] {
  const best = new Map<string, RecognizedPlate>();
  for (const plate of plates) {
    const seen = best.get(plate.text);
    if (!seen || plate.confidence > seen.confidence) best.set(plate.text, plate);
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
