import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
  type WritableSignal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiClient, errorMessage, fieldErrors, type FieldErrors } from '@gt-vision/console/data';
import {
  LocalDatePipe,
  localInputToIso,
  type MessageKey,
  TranslatePipe,
} from '@gt-vision/console/i18n';
import type {
  AlertSeverity,
  WatchlistEntryResponseDto,
  WatchlistMatchMode,
  WatchlistResponseDto,
} from '@gt-vision/shared-types';

export const WATCHLIST_MATCH = [
  'exact',
  'ocr',
  'wildcard',
] as const satisfies readonly WatchlistMatchMode[];
export const SEVERITIES = [
  'info',
  'warning',
  'critical',
] as const satisfies readonly AlertSeverity[];

interface EntryDraft {
  plate: string;
  match: WatchlistMatchMode;
  reason: string;
  severity: AlertSeverity;
  expiresAt: string;
}

const EMPTY_ENTRY: EntryDraft = {
  plate: '',
  match: 'exact',
  reason: '',
  severity: 'warning',
  expiresAt: '',
};

/** Watchlists and their entries (plate or pattern, match mode, reason, severity, expiry). */
/** `entries`, then those of `more` not among them (by id). */
function byId(
  entries: WatchlistEntryResponseDto[],
  more: WatchlistEntryResponseDto[],
): WatchlistEntryResponseDto[] {
  const known = new Set(entries.map((entry) => entry.id));
  return [...entries, ...more.filter((entry) => !known.has(entry.id))];
}

@Component({
  selector: 'gtv-watchlists',
  imports: [FormsModule, TranslatePipe, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './watchlists.component.html',
  styleUrl: './alerts.css',
})
export class WatchlistsComponent {
  private readonly api = inject(ApiClient);
  protected readonly matchModes = WATCHLIST_MATCH;
  protected readonly severities = SEVERITIES;
  protected readonly lists = signal<WatchlistResponseDto[]>([]);
  protected readonly selected = signal<WatchlistResponseDto | null>(null);
  protected readonly entries = signal<WatchlistEntryResponseDto[]>([]);
  protected readonly listName = signal('');
  protected readonly listDescription = signal('');
  protected readonly listErrors = signal<FieldErrors>({});
  protected readonly entry = signal<EntryDraft>({ ...EMPTY_ENTRY });
  protected readonly entryErrors = signal<FieldErrors>({});
  protected readonly failure = signal<string | null>(null);

  constructor() {
    this.reload();
  }

  protected matchKey(mode: string): MessageKey {
    return `detections.match.${mode}` as MessageKey;
  }

  protected severityKey(severity: string): MessageKey {
    return `alerts.severity.${severity}` as MessageKey;
  }

  protected editEntry<K extends keyof EntryDraft>(key: K, value: EntryDraft[K]): void {
    this.entry.update((draft) => ({ ...draft, [key]: value }));
  }

  protected select(list: WatchlistResponseDto): void {
    this.selected.set(list);
    this.entries.set([]);
    this.api.listEntries(list.id).subscribe({
      // The answer may cross an entry added meanwhile (listed already, or not yet): shown once either
      // way. An answer for a list no longer open is dropped.
      next: (entries) => {
        if (this.selected()?.id === list.id) this.entries.update((added) => byId(entries, added));
      },
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }

  protected createList(): void {
    this.listErrors.set({});
    this.api
      .createWatchlist({ name: this.listName(), description: this.listDescription() || null })
      .subscribe({
        next: (list) => {
          this.listName.set('');
          this.listDescription.set('');
          this.lists.update((lists) => [...lists, list]);
          this.select(list);
        },
        error: (error: unknown) => this.fail(error, this.listErrors),
      });
  }

  protected addEntry(): void {
    const list = this.selected();
    if (!list) return;
    const draft = this.entry();
    this.entryErrors.set({});
    this.api
      .addEntry(list.id, {
        plate: draft.plate,
        match: draft.match,
        reason: draft.reason,
        severity: draft.severity,
        expiresAt: localInputToIso(draft.expiresAt) ?? null,
      })
      .subscribe({
        next: (entry) => {
          this.entries.update((entries) => byId(entries, [entry]));
          this.entry.set({ ...EMPTY_ENTRY });
        },
        error: (error: unknown) => this.fail(error, this.entryErrors),
      });
  }

  protected removeEntry(entry: WatchlistEntryResponseDto): void {
    this.api.deleteEntry(entry.watchlistId, entry.id).subscribe({
      next: () => this.entries.update((entries) => entries.filter((e) => e.id !== entry.id)),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }

  private reload(): void {
    this.api.listWatchlists().subscribe({
      next: (lists) => this.lists.set(lists),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }

  private fail(error: unknown, target: WritableSignal<FieldErrors>): void {
    const byField = fieldErrors(error);
    target.set(byField);
    this.failure.set(Object.keys(byField).length === 0 ? errorMessage(error) : null);
  }
}
