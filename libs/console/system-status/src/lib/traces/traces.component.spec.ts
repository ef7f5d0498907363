import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApiClient } from '@gt-vision/console/data';
import type { TraceDetailDto, TraceSearchResponseDto } from '@gt-vision/shared-types';
import { of, throwError } from 'rxjs';
import { TracesComponent } from './traces.component';

const T = '0af7651916cd43dd8448eb211c80319c';

const found: TraceSearchResponseDto = {
  items: [
    {
      traceId: T,
      rootService: 'ingest',
      rootName: 'POST /api/ingest/lpr',
      services: ['ingest', 'camera-registry', 'analytics'],
      spanCount: 3,
      errorCount: 1,
      durationMs: 40,
      startedAt: '2026-12-02T08:00:00.000Z',
      requestId: 'edge-1',
    },
  ],
};

const detail: TraceDetailDto = {
  traceId: T,
  startedAt: '2026-12-02T08:00:00.000Z',
  durationMs: 40,
  services: ['ingest', 'analytics'],
  spans: [
    {
      spanId: 'a',
      parentSpanId: null,
      depth: 0,
      service: 'ingest',
      name: 'POST /api/ingest/lpr',
      offsetMs: 0,
      durationMs: 40,
      error: false,
      attributes: { 'gtv.request_id': 'edge-1' },
    },
    {
      spanId: 'b',
      parentSpanId: 'a',
      depth: 1,
      service: 'analytics',
      name: 'process gtv.detections',
      offsetMs: 10,
      durationMs: 20,
      error: true,
      attributes: { 'db.system': 'postgresql', rows: 3 },
    },
  ],
};

describe('TracesComponent', () => {
  async function create(api: Partial<Record<'searchTraces' | 'trace', jest.Mock>>) {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [TracesComponent],
      providers: [provideRouter([]), { provide: ApiClient, useValue: api }],
    });
    const fixture = TestBed.createComponent(TracesComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('lists recent traces: root span, services, spans, duration, errors, request id', async () => {
    const searchTraces = jest.fn().mockReturnValue(of(found));
    const { element } = await create({ searchTraces });
    expect(searchTraces).toHaveBeenCalledWith({
      service: undefined,
      requestId: undefined,
      minDurationMs: null,
      lookback: '1h',
    });
    const row = element.querySelector(`[data-trace="${T}"]`);
    expect(row?.textContent).toContain('ingest: POST /api/ingest/lpr');
    expect(row?.textContent).toContain('camera-registry');
    expect(row?.textContent).toContain('edge-1');
    expect(row?.classList).toContain('failed');
  });

  it('searches by service, request id and minimum duration', async () => {
    const searchTraces = jest.fn().mockReturnValue(of(found));
    const { fixture, element } = await create({ searchTraces });
    const set = (selector: string, value: string) => {
      const field = element.querySelector(selector) as HTMLInputElement | HTMLSelectElement;
      field.value = value;
      field.dispatchEvent(new Event(field.tagName === 'SELECT' ? 'change' : 'input'));
    };
    set('select[name="service"]', 'analytics');
    set('input[name="requestId"]', ' edge-1 ');
    set('input[name="minDurationMs"]', '250');
    set('select[name="lookback"]', '15m');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(searchTraces).toHaveBeenLastCalledWith({
      service: 'analytics',
      requestId: 'edge-1',
      minDurationMs: 250,
      lookback: '15m',
    });
  });

  it('opens a trace as a waterfall and shows a span’s attributes on click', async () => {
    const trace = jest.fn().mockReturnValue(of(detail));
    const { fixture, element } = await create({
      searchTraces: jest.fn().mockReturnValue(of(found)),
      trace,
    });
    (element.querySelector(`[data-trace="${T}"] button`) as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(trace).toHaveBeenCalledWith(T);
    const bars = element.querySelectorAll<HTMLElement>('gtv-trace-waterfall .bar');
    expect(bars).toHaveLength(2);
    expect(bars[1].style.left).toBe('25%');
    expect(bars[1].style.width).toBe('50%');
    expect(bars[0].style.background).not.toBe(bars[1].style.background);
    (element.querySelector('[data-span="b"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    const attributes = element.querySelector('.attributes')?.textContent ?? '';
    expect(attributes).toContain('db.system');
    expect(attributes).toContain('postgresql');
    expect(attributes).toContain('error');
  });

  it('says the trace store is away instead of failing (503)', async () => {
    const unavailable = new HttpErrorResponse({
      status: 503,
      error: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the trace store (Jaeger) does not answer',
        details: [],
      },
    });
    const { element } = await create({
      searchTraces: jest.fn().mockReturnValue(throwError(() => unavailable)),
    });
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'the trace store (Jaeger) does not answer',
    );
    expect(element.querySelector('table')).toBeNull();
  });
});
