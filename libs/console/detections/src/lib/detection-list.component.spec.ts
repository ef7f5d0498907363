import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18nService } from '@gt-vision/console/i18n';
import { DetectionListComponent } from './detection-list.component';

describe('DetectionListComponent', () => {
  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [DetectionListComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('renders the rows as formatted once, in the chosen language', async () => {
    const fixture = TestBed.createComponent(DetectionListComponent);
    await fixture.whenStable();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne((r) => r.url === '/api/cameras').flush({ items: [], nextCursor: null });
    const capturedAt = '2026-12-02T07:05:00.000Z';
    http
      .expectOne((r) => r.url === '/api/detections')
      .flush({
        items: [{ id: 'd1', cameraId: 4, plate: 'ABC1D23', confidence: 0.9, capturedAt }],
        nextCursor: null,
      });
    await fixture.whenStable();
    const row = (fixture.nativeElement as HTMLElement).querySelector('a[data-detection="d1"]');
    const time = TestBed.inject(I18nService).formatDateTime(capturedAt);
    expect([...(row?.querySelectorAll('span') ?? [])].map((span) => span.textContent)).toEqual([
      time,
      'ABC1D23',
      '4',
      '90%',
    ]);
    expect(row?.getAttribute('href')).toBe('/detections/d1');
  });
});
