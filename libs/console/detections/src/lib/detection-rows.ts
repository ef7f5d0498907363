import type { I18nService } from '@gt-vision/console/i18n';
import type { DetectionResponseDto } from '@gt-vision/shared-types';

/** A line of the detections list as it is shown: plain strings, formatted before it is rendered. */
export interface DetectionRow {
  id: string;
  time: string;
  plate: string;
  camera: string;
  confidence: string;
}

export function detectionRow(detection: DetectionResponseDto, i18n: I18nService): DetectionRow {
  return {
    id: detection.id,
    time: i18n.formatDateTime(detection.capturedAt),
    plate: detection.plate,
    camera: String(detection.cameraId),
    confidence: i18n.formatPercent(detection.confidence),
  };
}

/**
 * The list's rows from its pages, each page formatted once per language. While the list scrolls, every
 * rendered row is checked again each time the rendered range moves (every few frames); with formatting
 * pipes in the template each check parsed and formatted every row's date and confidence again. A page
 * arriving formats only itself, not the rows before it; a language switch formats them all again.
 * Reads the language signal, so a `computed()` calling `rows()` follows a switch.
 */
export class DetectionRows {
  private language: string | null = null;
  private formatted = new WeakMap<readonly DetectionResponseDto[], DetectionRow[]>();

  constructor(private readonly i18n: I18nService) {}

  rows(pages: readonly (readonly DetectionResponseDto[])[]): DetectionRow[] {
    const language = this.i18n.language();
    if (language !== this.language) {
      this.language = language;
      this.formatted = new WeakMap();
    }
    return pages.flatMap((page) => {
      let rows = this.formatted.get(page);
      if (!rows) this.formatted.set(page, (rows = page.map((d) => detectionRow(d, this.i18n))));
      return rows;
    });
  }
}
