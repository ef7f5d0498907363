import { searchColumns } from './detection.row';

describe('searchColumns', () => {
  it('holds every reading once, their OCR keys once, and the readings joined by spaces', () => {
    expect(
      searchColumns({
        plate: 'ABC1D23',
        alternatives: [
          { plate: 'ABC1023', confidence: 0.5 },
          { plate: 'ABC1D23', confidence: 0.4 },
          { plate: '8BC1D23', confidence: 0.3 },
        ],
      }),
    ).toEqual({
      plates: ['ABC1D23', 'ABC1023', '8BC1D23'],
      plate_keys: ['A8C1023', '88C1023'],
      plates_text: 'ABC1D23 ABC1023 8BC1D23',
    });
  });
});
