import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiClient, errorMessage, fieldErrors, type FieldErrors } from '@gt-vision/console/data';
import { I18nService, LocalDatePipe, roleKey, TranslatePipe } from '@gt-vision/console/i18n';
import {
  API_KEY_ROLES,
  type ApiKeyResponseDto,
  type ApiKeyRole,
  type CreatedApiKeyResponseDto,
} from '@gt-vision/shared-types';

/** API keys for admins: list, create (the key is shown once), revoke. */
@Component({
  selector: 'gtv-api-keys',
  imports: [FormsModule, TranslatePipe, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-keys.component.html',
  styleUrl: './users.css',
})
export class ApiKeysComponent {
  private readonly api = inject(ApiClient);
  private readonly i18n = inject(I18nService);
  protected readonly roles = API_KEY_ROLES;
  protected readonly roleKey = roleKey;
  protected readonly keys = signal<ApiKeyResponseDto[] | null>(null);
  protected readonly name = signal('');
  protected readonly role = signal<ApiKeyRole>('integrator');
  /** The key just created: the only moment its secret can be seen. */
  protected readonly created = signal<CreatedApiKeyResponseDto | null>(null);
  protected readonly errors = signal<FieldErrors>({});
  protected readonly failure = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    this.reload();
  }

  protected create(): void {
    if (this.busy()) return;
    this.start();
    this.api.createApiKey({ name: this.name().trim(), role: this.role() }).subscribe({
      next: (key) => {
        this.created.set(key);
        this.name.set('');
        this.busy.set(false);
        this.reload();
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected revoke(key: ApiKeyResponseDto): void {
    if (!confirm(this.i18n.t('apiKeys.confirmRevoke', { name: key.name }))) return;
    this.start();
    this.api.revokeApiKey(key.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.reload();
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  private start(): void {
    this.busy.set(true);
    this.errors.set({});
    this.failure.set(null);
    this.created.set(null);
  }

  private fail(error: unknown): void {
    const byField = fieldErrors(error);
    this.errors.set(byField);
    if (Object.keys(byField).length === 0) this.failure.set(errorMessage(error));
    this.busy.set(false);
  }

  private reload(): void {
    this.api.listApiKeys().subscribe({
      next: (keys) => this.keys.set(keys),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }
}
