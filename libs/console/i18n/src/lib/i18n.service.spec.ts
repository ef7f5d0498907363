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

  it('fills named parameters and leaves unknown ones visible', () => {
    expect(interpolate('{n} tiles of {x}', { n: 4 })).toBe('4 tiles of {x}');
  });

  it('has no empty translation', () => {
    for (const dictionary of [en, ptBR]) {
      expect(Object.values(dictionary).filter((text) => text.trim() === '')).toEqual([]);
    }
  });
});
