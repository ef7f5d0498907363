import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  input,
  linkedSignal,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiClient, errorFor, RequestState } from '@gt-vision/console/data';
import { TranslatePipe } from '@gt-vision/console/i18n';
import type { CameraGroupResponseDto, CameraResponseDto } from '@gt-vision/shared-types';
import { concatMap, Observable, of } from 'rxjs';
import {
  changedMembers,
  toCreateGroup,
  toGroupForm,
  toUpdateGroup,
  type CameraGroupFormValue,
} from './camera-group.model';
import { CameraPickerComponent } from './camera-picker.component';

/** Creates a camera group or edits one (name, description, all cameras or chosen ones). */
@Component({
  selector: 'gtv-camera-group-form',
  imports: [FormsModule, TranslatePipe, CameraPickerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './camera-group-form.component.html',
  styleUrl: './users.css',
})
export class CameraGroupFormComponent {
  private readonly api = inject(ApiClient);
  /** The group being edited; null for a new one. */
  readonly group = input<CameraGroupResponseDto | null>(null);
  /** Every camera, for the picker; null while they load. */
  readonly cameras = input<readonly CameraResponseDto[] | null>(null);
  readonly saved = output<CameraGroupResponseDto>();
  readonly cancelled = output<void>();
  protected readonly value = linkedSignal<CameraGroupFormValue>(() => toGroupForm(this.group()));
  protected readonly submission = new RequestState();
  protected readonly errors = this.submission.errors;
  private readonly nameInput = viewChild.required<ElementRef<HTMLInputElement>>('nameInput');

  constructor() {
    // Another group chosen: the previous one's errors do not belong to it.
    effect(() => {
      this.group();
      untracked(() => this.submission.clear());
    });
  }

  /** Keyboard users land in the form of the group they chose to edit, further down the page. */
  focus(): void {
    this.nameInput().nativeElement.focus();
  }

  /** A field's error with its parts' (`cameraIds.3`). */
  protected error(field: string): string | null {
    return errorFor(this.errors(), field);
  }

  protected set<K extends keyof CameraGroupFormValue>(
    key: K,
    fieldValue: CameraGroupFormValue[K],
  ): void {
    this.value.update((current) => ({ ...current, [key]: fieldValue }));
  }

  protected save(): void {
    const original = this.group();
    const value = this.value();
    this.submission.run(original ? this.update(original, value) : this.create(value), (group) =>
      this.saved.emit(group),
    );
  }

  private create(value: CameraGroupFormValue): Observable<CameraGroupResponseDto> {
    return this.api.createCameraGroup(toCreateGroup(value));
  }

  /** The fields first, then the members: each answer's errors land beside its own fields. */
  private update(
    original: CameraGroupResponseDto,
    value: CameraGroupFormValue,
  ): Observable<CameraGroupResponseDto> {
    const fields = toUpdateGroup(value, original);
    const members = changedMembers(value, original);
    const patched = Object.keys(fields).length
      ? this.api.updateCameraGroup(original.id, fields)
      : of(original);
    return patched.pipe(
      concatMap((group) => (members ? this.api.setGroupCameras(group.id, members) : of(group))),
    );
  }
}
