import { ChangeDetectionStrategy, Component, computed, input, model, signal } from '@angular/core';
import { TranslatePipe } from '@gt-vision/console/i18n';
import type { CameraResponseDto } from '@gt-vision/shared-types';

/** A camera matches a filter by name, id or tag, ignoring case and accents. */
function matches(camera: CameraResponseDto, words: string[]): boolean {
  const text = fold([camera.name, `#${camera.id}`, ...camera.tags].join(' '));
  return words.every((word) => text.includes(word));
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Chooses cameras among hundreds: a filter (name, id, tag), checkboxes, "select/clear the shown
 * ones" and "only the selected ones". Each checkbox is a labelled native control, so the list is
 * used with Tab and Space like any form.
 */
@Component({
  selector: 'gtv-camera-picker',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './camera-picker.component.html',
  styleUrl: './users.css',
})
export class CameraPickerComponent {
  readonly cameras = input.required<readonly CameraResponseDto[]>();
  readonly selected = model<readonly number[]>([]);
  /** Id of the element that describes the picker's error, for `aria-describedby`. */
  readonly describedBy = input<string | null>(null);
  protected readonly filter = signal('');
  protected readonly onlySelected = signal(false);
  protected readonly chosen = computed(() => new Set(this.selected()));
  protected readonly shown = computed(() => {
    const words = fold(this.filter()).split(/\s+/).filter(Boolean);
    const chosen = this.chosen();
    return this.cameras().filter(
      (camera) => (!this.onlySelected() || chosen.has(camera.id)) && matches(camera, words),
    );
  });

  protected toggle(id: number, on: boolean): void {
    this.selected.update((ids) => (on ? [...ids, id] : ids.filter((other) => other !== id)));
  }

  protected selectShown(on: boolean): void {
    const shown = new Set(this.shown().map((camera) => camera.id));
    this.selected.update((ids) =>
      on ? [...new Set([...ids, ...shown])] : ids.filter((id) => !shown.has(id)),
    );
  }
}
