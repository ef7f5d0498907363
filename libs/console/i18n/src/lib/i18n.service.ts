import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, signal } from '@angular/core';
import { en, type MessageKey, type Messages } from './en';
import { ptBR } from './pt-br';

export const LANGUAGES = ['pt-BR', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const DICTIONARIES: Record<Language, Messages> = { 'pt-BR': ptBR, en };
const STORAGE_KEY = 'gtv.language';

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'medium' };
const PERCENT: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 1 };

export type MessageParams = Record<string, string | number>;

/**
 * Run-time translation with typed dictionaries. Angular's build-time i18n would need one build (and
 * one URL) per locale and a reload to switch; here the language is a signal, so switching re-renders
 * in place. Both dictionaries are small and ship in the initial bundle.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  readonly language = signal<Language>(readStoredLanguage());
  private readonly formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

  constructor() {
    effect(() => {
      const language = this.language();
      this.document.documentElement.lang = language;
      try {
        localStorage.setItem(STORAGE_KEY, language);
      } catch {
        // Storage may be disabled (private mode): the choice then lasts until the page closes.
      }
    });
  }

  setLanguage(language: Language): void {
    this.language.set(language);
  }

  /** Reads the language signal, so a template or `computed()` calling it follows a switch. */
  t(key: MessageKey, params?: MessageParams): string {
    return interpolate(DICTIONARIES[this.language()][key], params);
  }

  formatDateTime(value: string | number | Date | null | undefined): string {
    if (value === null || value === undefined || value === '') return '';
    const date = value instanceof Date ? value : new Date(value);
    return this.formatter(
      'date',
      DATE_TIME,
      (language) => new Intl.DateTimeFormat(language, DATE_TIME),
    ).format(date);
  }

  formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
    return this.formatter(
      'number',
      options,
      (language) => new Intl.NumberFormat(language, options),
    ).format(value);
  }

  formatPercent(fraction: number): string {
    return this.formatNumber(fraction, PERCENT);
  }

  /**
   * One Intl formatter per language and options, built on first use. Building one resolves the locale and
   * costs tens of microseconds; the formatting pipes run on every check of every visible row, so building
   * per call made scrolling a long list build hundreds a frame. Reads the language signal, like `t()`.
   */
  private formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
    kind: 'date' | 'number',
    options: object | undefined,
    build: (language: Language) => F,
  ): F {
    const language = this.language();
    const key = `${kind} ${language} ${JSON.stringify(options ?? {})}`;
    let formatter = this.formatters.get(key);
    if (!formatter) this.formatters.set(key, (formatter = build(language)));
    return formatter as F;
  }
}

export function interpolate(message: string, params?: MessageParams): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'pt-BR';
  } catch {
    return 'pt-BR';
  }
}
