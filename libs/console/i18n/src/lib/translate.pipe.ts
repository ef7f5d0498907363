import { inject, Pipe, PipeTransform } from '@angular/core';
import type { MessageKey } from './en';
import { I18nService, type MessageParams } from './i18n.service';

/**
 * `{{ 'nav.wall' | t }}`. Impure on purpose: a pure pipe would keep its cached text when only the
 * language changes; the lookup is a map read, cheap enough to run on every check.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: MessageKey, params?: MessageParams): string {
    return this.i18n.t(key, params);
  }
}

/** A date and time in the chosen language's conventions. */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: string | number | Date | null | undefined): string {
    return this.i18n.formatDateTime(value);
  }
}

/** A number (or, with `'percent'`, a 0-1 fraction) in the chosen language's conventions. */
@Pipe({ name: 'localNumber', pure: false })
export class LocalNumberPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: number | null | undefined, style?: 'percent'): string {
    if (value === null || value === undefined) return '';
    return style === 'percent' ? this.i18n.formatPercent(value) : this.i18n.formatNumber(value);
  }
}
