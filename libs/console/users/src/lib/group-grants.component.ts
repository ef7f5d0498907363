import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiClient, errorFor, RequestState } from '@gt-vision/console/data';
import { I18nService, roleKey, TranslatePipe } from '@gt-vision/console/i18n';
import {
  GRANTABLE_ROLES,
  Roles,
  type CameraGrantResponseDto,
  type CameraGroupResponseDto,
  type UserResponseDto,
} from '@gt-vision/shared-types';
import { granteeKey, granteeName, toCreateGrant, type GranteeKey } from './camera-group.model';

/** Who may see one group's cameras: its grants to users and roles, granted and revoked here. */
@Component({
  selector: 'gtv-group-grants',
  imports: [FormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './group-grants.component.html',
  styleUrl: './users.css',
})
export class GroupGrantsComponent {
  private readonly api = inject(ApiClient);
  private readonly i18n = inject(I18nService);
  readonly group = input.required<CameraGroupResponseDto>();
  /** This group's grants. */
  readonly grants = input.required<readonly CameraGrantResponseDto[]>();
  readonly users = input.required<ReadonlyMap<string, UserResponseDto>>();
  /** A grant was made or revoked: the page reloads them. */
  readonly changed = output<void>();
  protected readonly roleKey = roleKey;
  protected readonly grantee = signal<GranteeKey | ''>('');
  protected readonly submission = new RequestState();

  /** Holders not yet granted this group. Admins are left out: they see every camera anyway. */
  private readonly granted = computed(() => new Set(this.grants().map(granteeKey)));
  protected readonly roles = computed(() =>
    GRANTABLE_ROLES.filter((role) => !this.granted().has(`role:${role}`)),
  );
  protected readonly candidates = computed(() =>
    [...this.users().values()]
      .filter((user) => user.role !== Roles.admin && !this.granted().has(`user:${user.id}`))
      .sort((a, b) => a.username.localeCompare(b.username)),
  );
  protected readonly rows = computed(() =>
    this.grants().map((grant) => ({
      grant,
      key: granteeKey(grant),
      name: granteeName(grant, this.users(), this.i18n),
    })),
  );

  constructor() {
    effect(() => {
      this.group();
      untracked(() => {
        this.grantee.set('');
        this.submission.clear();
      });
    });
  }

  /** The grant's problem, whichever of its fields the API named. */
  protected granteeError(): string | null {
    const errors = this.submission.errors();
    return errorFor(errors, 'userId') ?? errorFor(errors, 'role') ?? errorFor(errors, 'groupId');
  }

  protected grant(): void {
    this.submission.run(
      this.api.createCameraGrant(toCreateGrant(this.group().id, this.grantee())),
      () => {
        this.grantee.set('');
        this.changed.emit();
      },
    );
  }

  protected revoke(grant: CameraGrantResponseDto, name: string): void {
    if (!confirm(this.i18n.t('access.confirmRevoke', { name, group: this.group().name }))) return;
    this.submission.run(this.api.revokeCameraGrant(grant.id), () => this.changed.emit());
  }
}
