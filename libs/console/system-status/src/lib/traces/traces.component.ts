import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  TRACE_LOOKBACKS,
  TRACE_SERVICES,
  type TraceDetailDto,
  type TraceLookback,
  type TraceSummaryDto,
} from '@gt-vision/shared-types';
import { ApiClient, errorMessage, type TraceFilters } from '@gt-vision/console/data';
import { LocalDatePipe, LocalNumberPipe, TranslatePipe } from '@gt-vision/console/i18n';
import { catchError, map, Observable, of, Subject, switchMap } from 'rxjs';
import { SystemTabsComponent } from '../system-tabs.component';
import { serviceColour } from './service-colour';
import { TraceWaterfallComponent } from './trace-waterfall.component';

type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

/** An answer or the reason there is none (the trace store down is a 503 with a message, not a crash). */
function settle<T>(call: Observable<T>): Observable<Answer<T>> {
  return call.pipe(
    map((value): Answer<T> => ({ ok: true, value })),
    catchError((error: unknown) => of<Answer<T>>({ ok: false, message: errorMessage(error) })),
  );
}

/**
 * Traces for admins (Jaeger's own UI is not on the allowed package sources): recent traces searched by
 * service, the edge's request id and a minimum duration; one opens as a waterfall below the list.
 */
@Component({
  selector: 'gtv-traces',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    SystemTabsComponent,
    TranslatePipe,
    LocalDatePipe,
    LocalNumberPipe,
    TraceWaterfallComponent,
  ],
  templateUrl: './traces.component.html',
  styleUrl: './traces.component.css',
})
export class TracesComponent {
  protected readonly services = TRACE_SERVICES;
  protected readonly lookbacks = TRACE_LOOKBACKS;
  protected readonly colour = serviceColour;

  protected readonly service = signal('');
  protected readonly requestId = signal('');
  protected readonly minDurationMs = signal<number | null>(null);
  protected readonly lookback = signal<TraceLookback>('1h');

  /** Undefined while a search runs. */
  protected readonly results = signal<TraceSummaryDto[] | undefined>(undefined);
  protected readonly error = signal<string | null>(null);
  protected readonly opened = signal<TraceDetailDto | null>(null);
  protected readonly openError = signal<string | null>(null);

  private readonly api = inject(ApiClient);
  private readonly searches = new Subject<TraceFilters>();
  private readonly opens = new Subject<string>();

  constructor() {
    const destroyRef = inject(DestroyRef);
    // switchMap: a newer search (or trace) replaces an answer still on its way.
    this.searches
      .pipe(
        switchMap((filters) => settle(this.api.searchTraces(filters))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((answer) => {
        this.results.set(answer.ok ? answer.value.items : []);
        this.error.set(answer.ok ? null : answer.message);
      });
    this.opens
      .pipe(
        switchMap((id) => settle(this.api.trace(id))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((answer) => {
        this.opened.set(answer.ok ? answer.value : null);
        this.openError.set(answer.ok ? null : answer.message);
      });
    this.search();
  }

  protected search(): void {
    this.results.set(undefined);
    this.searches.next({
      service: this.service() || undefined,
      requestId: this.requestId().trim() || undefined,
      minDurationMs: this.minDurationMs(),
      lookback: this.lookback(),
    });
  }

  protected open(trace: TraceSummaryDto): void {
    this.openError.set(null);
    this.opens.next(trace.traceId);
  }
}
