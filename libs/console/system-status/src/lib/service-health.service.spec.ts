import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { ServiceHealthService } from './service-health.service';

describe('ServiceHealthService', () => {
  let http: HttpTestingController;
  let service: ServiceHealthService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(ServiceHealthService);
  });

  it('reads every service through the edge and keeps the reason a dependency is down', async () => {
    const result = firstValueFrom(service.readAll());
    http.expectOne('/health/camera-registry/ready').flush({
      status: 'ok',
      details: { database: { status: 'up' }, mediamtx: { status: 'up' } },
    });
    http.expectOne('/health/ingest/ready').flush(
      {
        status: 'error',
        details: { kafka: { status: 'down', message: 'not connected to Kafka yet' } },
      },
      { status: 503, statusText: 'Service Unavailable' },
    );
    http.expectOne('/health/frame-extraction/ready').flush('bad gateway', {
      status: 502,
      statusText: 'Bad Gateway',
    });
    http
      .expectOne('/health/analytics/ready')
      .flush({ status: 'shutting_down' }, { status: 503, statusText: '' });
    http.expectOne('/health/lpr-engine/ready').flush({ status: 'ok', details: {} });

    expect(await result).toEqual([
      {
        service: 'camera-registry',
        state: 'ready',
        dependencies: [
          { name: 'database', up: true, message: undefined },
          { name: 'mediamtx', up: true, message: undefined },
        ],
      },
      {
        service: 'ingest',
        state: 'not-ready',
        dependencies: [{ name: 'kafka', up: false, message: 'not connected to Kafka yet' }],
      },
      { service: 'frame-extraction', state: 'unreachable', dependencies: [] },
      { service: 'analytics', state: 'not-ready', dependencies: [] },
      { service: 'lpr-engine', state: 'ready', dependencies: [] },
    ]);
    http.verify();
  });
});
