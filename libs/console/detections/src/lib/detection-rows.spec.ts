import { TestBed } from '@angular/core/testing';
import { I18nService } from '@gt-vision/console/i18n';
import type { DetectionResponseDto } from '@gt-vision/shared-types';
import { DetectionRows } from './detection-rows';

const detection = (id: string, confidence = 0.925): DetectionResponseDto =>
  ({
    id,
    cameraId: 7,
    plate: 'ABC1D23',
    confidence,
    capturedAt: '2026-12-02T07:05:00.000Z',
  }) as DetectionResponseDto;

describe('DetectionRows', () => {
  let i18n: I18nService;
  let rows: DetectionRows;

  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    i18n = TestBed.inject(I18nService);
    rows = new DetectionRows(i18n);
  });

  it('shows each detection as plain strings in the chosen language', () => {
    expect(rows.rows([[detection('d1')]])).toEqual([
      {
        id: 'd1',
        time: i18n.formatDateTime('2026-12-02T07:05:00.000Z'),
        plate: 'ABC1D23',
        camera: '7',
        confidence: '92.5%',
      },
    ]);
  });

  it('formats a page once: the pages before a new one are not formatted again', () => {
    const first = [detection('d1'), detection('d2')];
    const before = rows.rows([first]);
    const format = jest.spyOn(i18n, 'formatDateTime');
    const after = rows.rows([first, [detection('d3')]]);
    expect(format).toHaveBeenCalledTimes(1);
    expect(after.map((r) => r.id)).toEqual(['d1', 'd2', 'd3']);
    expect(after[0]).toBe(before[0]);
  });

  it('formats every page again when the language changes', () => {
    const page = [detection('d1')];
    expect(rows.rows([page])[0]?.confidence).toBe('92.5%');
    i18n.setLanguage('pt-BR');
    expect(rows.rows([page])[0]?.confidence).toBe('92,5%');
  });
});
