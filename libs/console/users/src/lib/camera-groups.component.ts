import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { ApiClient, RequestState } from '@gt-vision/console/data';
import { I18nService, TranslatePipe } from '@gt-vision/console/i18n';
import type {
  CameraGrantResponseDto,
  CameraGroupResponseDto,
  CameraResponseDto,
  UserResponseDto,
} from '@gt-vision/shared-types';
import { CameraGroupFormComponent } from './camera-group-form.component';
import { granteeName } from './camera-group.model';
import { GroupGrantsComponent } from './group-grants.component';

/**
 * Per-camera permissions for admins: camera groups (all cameras, or chosen ones) and who each is
 * granted to. A saved group stays open, so that it can be granted at once.
 */
@Component({
  selector: 'gtv-camera-groups',
  imports: [TranslatePipe, CameraGroupFormComponent, GroupGrantsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './camera-groups.component.html',
  styleUrl: './users.css',
})
export class CameraGroupsComponent {
  private readonly api = inject(ApiClient);
  private readonly i18n = inject(I18nService);
  protected readonly groups = signal<CameraGroupResponseDto[] | null>(null);
  protected readonly grants = signal<CameraGrantResponseDto[]>([]);
  protected readonly users = signal<ReadonlyMap<string, UserResponseDto>>(new Map());
  protected readonly cameras = signal<CameraResponseDto[] | null>(null);
  /** The group open in the form; null while a new one is written. */
  protected readonly editing = signal<CameraGroupResponseDto | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly submission = new RequestState();
  private readonly form = viewChild.required(CameraGroupFormComponent);

  protected readonly rows = computed(() =>
    (this.groups() ?? []).map((group) => ({
      group,
      grantedTo: this.grantsOf(group)
        .map((grant) => granteeName(grant, this.users(), this.i18n))
        .join(', '),
    })),
  );
  protected readonly editingGrants = computed(() => {
    const group = this.editing();
    return group ? this.grantsOf(group) : [];
  });

  constructor() {
    this.reload();
    this.reloadGrants();
    this.api.listUsers().subscribe({
      next: (users) => this.users.set(new Map(users.map((user) => [user.id, user]))),
      error: (error: unknown) => this.submission.fail(error),
    });
    this.api.listAllCameras().subscribe({
      next: (cameras) => this.cameras.set(cameras),
      error: (error: unknown) => this.submission.fail(error),
    });
  }

  protected edit(group: CameraGroupResponseDto | null): void {
    this.editing.set(group);
    this.notice.set(null);
    this.submission.clear();
  }

  protected open(group: CameraGroupResponseDto): void {
    this.edit(group);
    this.form().focus();
  }

  protected saved(group: CameraGroupResponseDto): void {
    this.editing.set(group);
    this.notice.set(this.i18n.t('access.saved', { name: group.name }));
    this.reload();
  }

  protected remove(group: CameraGroupResponseDto): void {
    if (!confirm(this.i18n.t('access.confirmDelete', { name: group.name }))) return;
    this.submission.run(this.api.deleteCameraGroup(group.id), () => {
      if (this.editing()?.id === group.id) this.edit(null);
      this.reload();
      this.reloadGrants();
    });
  }

  protected reloadGrants(): void {
    this.api.listCameraGrants().subscribe({
      next: (grants) => this.grants.set(grants),
      error: (error: unknown) => this.submission.fail(error),
    });
  }

  private grantsOf(group: CameraGroupResponseDto): CameraGrantResponseDto[] {
    return this.grants().filter((grant) => grant.groupId === group.id);
  }

  private reload(): void {
    this.api.listCameraGroups().subscribe({
      next: (groups) => this.groups.set(groups),
      error: (error: unknown) => this.submission.fail(error),
    });
  }
}
