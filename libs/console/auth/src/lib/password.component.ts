import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AuthService, errorMessage, fieldErrors, type FieldErrors } from '@gt-vision/console/data';
import { TranslatePipe } from '@gt-vision/console/i18n';

/** The minimum the registry enforces (`PASSWORD_MIN_LENGTH`), repeated as a hint before submitting. */
export const PASSWORD_MIN = 12;

/** Self-service password change; the server ends every other session and answers a new one for us. */
@Component({
  selector: 'gtv-password',
  imports: [FormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password.component.html',
  styleUrl: './auth.css',
})
export class PasswordComponent {
  private readonly auth = inject(AuthService);
  protected readonly min = PASSWORD_MIN;
  protected readonly currentPassword = signal('');
  protected readonly newPassword = signal('');
  protected readonly confirm = signal('');
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly errors = signal<FieldErrors>({});
  protected readonly failure = signal<string | null>(null);
  protected readonly mismatch = computed(
    () => this.confirm() !== '' && this.confirm() !== this.newPassword(),
  );

  protected async submit(): Promise<void> {
    if (this.busy() || this.mismatch()) return;
    this.busy.set(true);
    this.errors.set({});
    this.failure.set(null);
    this.done.set(false);
    try {
      await this.auth.changePassword({
        currentPassword: this.currentPassword(),
        newPassword: this.newPassword(),
      });
      this.done.set(true);
      this.currentPassword.set('');
      this.newPassword.set('');
      this.confirm.set('');
    } catch (error) {
      const byField = fieldErrors(error);
      this.errors.set(byField);
      if (Object.keys(byField).length === 0) this.failure.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
