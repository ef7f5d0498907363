import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  ApiClient,
  errorMessage,
  fieldErrors,
  SessionStore,
  type FieldErrors,
} from '@gt-vision/console/data';
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
  protected readonly errors = signal<FieldErrors>({});
  protected readonly failure = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    this.reload();
  }

  protected set<K extends keyof UserFormValue>(key: K, fieldValue: UserFormValue[K]): void {
    this.value.update((current) => ({ ...current, [key]: fieldValue }));
  }

  protected edit(user: UserResponseDto | null): void {
    this.editing.set(user);
    this.value.set(user ? toUserForm(user) : { ...NEW_USER });
    this.errors.set({});
    this.failure.set(null);
  }

  protected save(): void {
    if (this.busy()) return;
    const original = this.editing();
    const request: Observable<UserResponseDto> = original
      ? this.api.updateUser(original.id, toUpdateUser(this.value(), original))
      : this.api.createUser(toCreateUser(this.value()));
    this.submit(request, () => this.edit(null));
  }

  protected remove(user: UserResponseDto): void {
    if (!confirm(this.i18n.t('users.confirmDelete', { name: user.username }))) return;
    this.submit(this.api.deleteUser(user.id), () => {
      if (this.editing()?.id === user.id) this.edit(null);
    });
  }

  private submit(request: Observable<unknown>, done: () => void): void {
    this.busy.set(true);
    this.errors.set({});
    this.failure.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        done();
        this.reload();
      },
      error: (error: unknown) => {
        const byField = fieldErrors(error);
        this.errors.set(byField);
        if (Object.keys(byField).length === 0) this.failure.set(errorMessage(error));
        this.busy.set(false);
      },
    });
  }

  private reload(): void {
    this.api.listUsers().subscribe({
      next: (users) => this.users.set(users),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }
}
