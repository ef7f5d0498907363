import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DashboardResponseDto } from '@gt-vision/shared-types';
import { DashboardComponent } from './dashboard.component';

const DASHBOARD: DashboardResponseDto = {
  generatedAt: '2026-12-02T07:00:00Z',
  windowHours: 24,
  detectionsPerHour: Array.from({ length: 24 }, (_, i) => ({
    hour: new Date(Date.UTC(2026, 11, 1, 8 + i)).toISOString(),
    count: i === 23 ? 40 : i,
  })),
  detectionsPerCamera: [
    { cameraId: 1, count: 300 },
    { cameraId: 9, count: 3 },
  ],
  topPlates: [{ plate: 'ABC1D23', count: 12 }],
  cameras: { total: 2, byStatus: { online: 1, offline: 1, connecting: 0, disabled: 0 } },
  alerts: null,
};

describe('DashboardComponent', () => {
  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [DashboardComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('draws the figures as SVG charts with camera names, and says what is unavailable', async () => {
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DashboardComponent);
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === '/api/cameras')
      .flush({ items: [{ id: 1, name: 'Gate' }], nextCursor: null });
    http.expectOne('/api/analytics/dashboard').flush(DASHBOARD);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const columns = element.querySelectorAll('gtv-column-chart rect');
    expect(columns).toHaveLength(24);
    expect(Number(columns[23]?.getAttribute('height'))).toBeGreaterThan(
      Number(columns[1]?.getAttribute('height')),
    );
    const perCamera = element.querySelector('#dash-per-camera')?.parentElement?.textContent;
    expect(perCamera).toContain('Gate');
    expect(perCamera).toContain('Camera 9');
    expect(element.querySelector('[data-status="offline"]')?.textContent).toBe('1');
    expect(element.textContent).toContain('ABC1D23');
    expect(element.querySelector('#dash-alerts')?.parentElement?.textContent).toContain(
      'Not available',
    );
  });
});
