import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiClient, errorMessage, RequestState } from '@gt-vision/console/data';
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
  protected readonly submission = new RequestState();
  protected readonly errors = this.submission.errors;
  protected readonly failure = this.submission.failure;
  protected readonly busy = this.submission.busy;

  constructor() {
    this.reload();
  }

  protected create(): void {
    if (this.busy()) return;
    this.created.set(null);
    this.submission.run(
      this.api.createApiKey({ name: this.name().trim(), role: this.role() }),
      (key) => {
        this.created.set(key);
        this.name.set('');
        this.reload();
      },
    );
  }

  protected revoke(key: ApiKeyResponseDto): void {
    if (!confirm(this.i18n.t('apiKeys.confirmRevoke', { name: key.name }))) return;
    if (this.busy()) return;
    this.created.set(null);
    this.submission.run(this.api.revokeApiKey(key.id), () => this.reload());
  }

  private reload(): void {
    this.api.listApiKeys().subscribe({
      next: (keys) => this.keys.set(keys),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }
}
