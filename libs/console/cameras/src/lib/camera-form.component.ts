import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  ApiClient,
  errorFor,
  errorMessage,
  fieldErrors,
  type FieldErrors,
} from '@gt-vision/console/data';
import { TranslatePipe } from '@gt-vision/console/i18n';
import type { CameraResponseDto } from '@gt-vision/shared-types';
import { Observable } from 'rxjs';
import {
  NEW_CAMERA,
  toFormValue,
  toRequest,
  toUpdate,
  type CameraFormValue,
} from './camera-form.model';

/** Create (`/cameras/new`) or edit (`/cameras/:id`) a camera; the API's field errors beside each field. */
@Component({
  selector: 'gtv-camera-form',
  imports: [FormsModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './camera-form.component.html',
  styleUrl: './cameras.css',
})
export class CameraFormComponent {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  /** Route parameter: `new` or a camera id. */
  readonly id = input.required<string>();
  protected readonly isNew = computed(() => this.id() === 'new');
  protected readonly original = signal<CameraResponseDto | null>(null);
  protected readonly value = signal<CameraFormValue>({ ...NEW_CAMERA });
  protected readonly errors = signal<FieldErrors>({});
  protected readonly failure = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    effect(() => {
      const id = this.id();
      if (id === 'new') return;
      this.api.getCamera(Number(id)).subscribe({
        next: (camera) => {
          this.original.set(camera);
          this.value.set(toFormValue(camera));
        },
        error: (error: unknown) => this.failure.set(errorMessage(error)),
      });
    });
  }

  protected error(field: string): string | null {
    return errorFor(this.errors(), field);
  }

  protected set<K extends keyof CameraFormValue>(key: K, fieldValue: CameraFormValue[K]): void {
    this.value.update((current) => ({ ...current, [key]: fieldValue }));
  }

  protected save(): void {
    if (this.busy()) return;
    const original = this.original();
    const request: Observable<CameraResponseDto> = original
      ? this.api.updateCamera(original.id, toUpdate(this.value(), original))
      : this.api.createCamera(toRequest(this.value()));
    this.busy.set(true);
    this.errors.set({});
    this.failure.set(null);
    request.subscribe({
      next: () => void this.router.navigate(['/cameras']),
      error: (error: unknown) => {
        const byField = fieldErrors(error);
        this.errors.set(byField);
        if (Object.keys(byField).length === 0) this.failure.set(errorMessage(error));
        this.busy.set(false);
      },
    });
  }
}
