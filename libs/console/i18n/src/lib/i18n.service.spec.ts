import { TestBed } from '@angular/core/testing';
import { en } from './en';
import { I18nService, interpolate } from './i18n.service';
import { ptBR } from './pt-br';

describe('I18nService', () => {
  beforeEach(() => localStorage.clear());

  it('speaks Portuguese by default and switches to English at run time, remembering the choice', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.t('login.submit')).toBe('Entrar');
    i18n.setLanguage('en');
    expect(i18n.t('login.submit')).toBe('Sign in');
    TestBed.tick();
    expect(localStorage.getItem('gtv.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('formats dates and numbers in the chosen language', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.formatNumber(1234.5)).toBe('1.234,5');
    expect(i18n.formatPercent(0.875)).toMatch(/87,5\s?%/);
    i18n.setLanguage('en');
    expect(i18n.formatNumber(1234.5)).toBe('1,234.5');
    expect(i18n.formatDateTime(new Date(2026, 2, 4, 5, 6, 7))).toContain('3/4/26');
  });

  it('builds one formatter per language and style, however many values it formats', () => {
    const i18n = TestBed.inject(I18nService);
    const dates = jest.spyOn(Intl, 'DateTimeFormat');
    const numbers = jest.spyOn(Intl, 'NumberFormat');
    for (let i = 0; i < 50; i++) {
      i18n.formatDateTime(Date.UTC(2026, 0, 1, 0, 0, i));
      i18n.formatPercent(i / 50);
      i18n.formatNumber(i);
    }
    expect(dates).toHaveBeenCalledTimes(1);
    expect(numbers).toHaveBeenCalledTimes(2);
    i18n.setLanguage('en');
    expect(i18n.formatPercent(0.5)).toBe('50%');
    expect(numbers).toHaveBeenCalledTimes(3);
    dates.mockRestore();
    numbers.mockRestore();
  });

  it('fills named parameters and leaves unknown ones visible', () => {
    expect(interpolate('{n} tiles of {x}', { n: 4 })).toBe('4 tiles of {x}');
  });

  it('has no empty translation', () => {
    for (const dictionary of [en, ptBR]) {
      expect(Object.values(dictionary).filter((text) => text.trim() === '')).toEqual([]);
    }
  });
});
