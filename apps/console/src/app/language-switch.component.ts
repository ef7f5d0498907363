import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18nService, LANGUAGES, type Language, TranslatePipe } from '@gt-vision/console/i18n';

const NAMES: Record<Language, string> = { 'pt-BR': 'Português (Brasil)', en: 'English' };

/** Switches the console's language in place, without a reload. */
@Component({
  selector: 'gtv-language-switch',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label for="language" class="sr-only">{{ 'nav.language' | t }}</label>
    <select id="language" [value]="i18n.language()" (change)="choose($event)">
      @for (language of languages; track language) {
        <option [value]="language" [selected]="language === i18n.language()" [attr.lang]="language">
          {{ names[language] }}
        </option>
      }
    </select>
  `,
})
export class LanguageSwitchComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly languages = LANGUAGES;
  protected readonly names = NAMES;

  protected choose(event: Event): void {
    this.i18n.setLanguage((event.target as HTMLSelectElement).value as Language);
  }
}
