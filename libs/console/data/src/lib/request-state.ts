import { signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { errorMessage, fieldErrors, type FieldErrors } from './api-errors';

/**
 * What an admin form shows around a request to the API: busy while it runs (a second submit is
 * ignored), the 400's problems beside their fields, and any other failure as one sentence.
 */
export class RequestState {
  readonly busy = signal(false);
  readonly errors = signal<FieldErrors>({});
  readonly failure = signal<string | null>(null);

  /** Sends `request` unless one is running; `done` with its answer once it succeeded. */
  run<T>(request: Observable<T>, done: (answer: T) => void): void {
    if (this.busy()) return;
    this.clear();
    this.busy.set(true);
    request.subscribe({
      next: (answer) => {
        this.busy.set(false);
        done(answer);
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  /** An error by field when the API named fields, otherwise as the page's one message. */
  fail(error: unknown): void {
    const byField = fieldErrors(error);
    this.errors.set(byField);
    if (Object.keys(byField).length === 0) this.failure.set(errorMessage(error));
    this.busy.set(false);
  }

  clear(): void {
    this.errors.set({});
    this.failure.set(null);
  }
}
