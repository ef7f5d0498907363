import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiClient, errorMessage, RequestState, SessionStore } from '@gt-vision/console/data';
import { I18nService, LocalDatePipe, roleKey, TranslatePipe } from '@gt-vision/console/i18n';
import { USER_ROLES, type UserResponseDto } from '@gt-vision/shared-types';
import type { Observable } from 'rxjs';
import {
  NEW_USER,
  toCreateUser,
  toUpdateUser,
  toUserForm,
  type UserFormValue,
} from './user-form.model';

/** Users for admins: list, create, edit (role, state, password), delete; field errors from the API. */
@Component({
  selector: 'gtv-users',
  imports: [FormsModule, TranslatePipe, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.component.html',
  styleUrl: './users.css',
})
export class UsersComponent {
  private readonly api = inject(ApiClient);
  private readonly i18n = inject(I18nService);
  protected readonly me = inject(SessionStore).me;
  protected readonly roles = USER_ROLES;
  protected readonly roleKey = roleKey;
  protected readonly users = signal<UserResponseDto[] | null>(null);
  /** The user being edited; null while creating a new one. */
  protected readonly editing = signal<UserResponseDto | null>(null);
  protected readonly value = signal<UserFormValue>({ ...NEW_USER });
  protected readonly submission = new RequestState();
  protected readonly errors = this.submission.errors;
  protected readonly failure = this.submission.failure;
  protected readonly busy = this.submission.busy;

  constructor() {
    this.reload();
  }

  protected set<K extends keyof UserFormValue>(key: K, fieldValue: UserFormValue[K]): void {
    this.value.update((current) => ({ ...current, [key]: fieldValue }));
  }

  protected edit(user: UserResponseDto | null): void {
    this.editing.set(user);
    this.value.set(user ? toUserForm(user) : { ...NEW_USER });
    this.submission.clear();
  }

  protected save(): void {
    if (this.busy()) return;
    const original = this.editing();
    const request: Observable<UserResponseDto> = original
      ? this.api.updateUser(original.id, toUpdateUser(this.value(), original))
      : this.api.createUser(toCreateUser(this.value()));
    this.submission.run(request, () => {
      this.edit(null);
      this.reload();
    });
  }

  protected remove(user: UserResponseDto): void {
    if (!confirm(this.i18n.t('users.confirmDelete', { name: user.username }))) return;
    this.submission.run(this.api.deleteUser(user.id), () => {
      if (this.editing()?.id === user.id) this.edit(null);
      this.reload();
    });
  }

  private reload(): void {
    this.api.listUsers().subscribe({
      next: (users) => this.users.set(users),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }
}
