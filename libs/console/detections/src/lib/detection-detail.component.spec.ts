import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { DetectionDetailComponent } from './detection-detail.component';

describe('DetectionDetailComponent', () => {
  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [DetectionDetailComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('links to the playback page around the moment of capture', async () => {
    const fixture = TestBed.createComponent(DetectionDetailComponent);
    fixture.componentRef.setInput('id', 'd1');
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectOne('/api/detections/d1').flush({
      id: 'd1',
      cameraId: 4,
      plate: 'ABC1D23',
      confidence: 0.9,
      capturedAt: '2026-12-02T07:05:00.000Z',
      bbox: null,
      source: 'lpr',
      alternatives: [],
      snapshotUrl: null,
    });
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>(
      'a.recording',
    );
    const url = new URL(link?.getAttribute('href') ?? '', 'http://x');
    expect(url.pathname).toBe('/playback');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      camera: '4',
      from: '2026-12-02T07:00:00.000Z',
      to: '2026-12-02T07:10:00.000Z',
      at: '2026-12-02T07:05:00.000Z',
    });
  });

  it('shows the snapshot once, without loading the detection again', async () => {
    URL.createObjectURL = jest.fn(() => 'blob:snapshot');
    URL.revokeObjectURL = jest.fn();
    const fixture = TestBed.createComponent(DetectionDetailComponent);
    fixture.componentRef.setInput('id', 'd2');
    await fixture.whenStable();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/detections/d2').flush({
      id: 'd2',
      cameraId: 1,
      plate: 'XYZ9A87',
      confidence: 0.95,
      capturedAt: '2026-12-02T07:05:00.000Z',
      bbox: null,
      source: 'gtv-frame-extraction',
      alternatives: [],
      snapshotUrl: '/api/detections/d2/snapshot',
    });
    http.expectOne('/api/detections/d2/snapshot').flush(new Blob(['jpeg']));
    await fixture.whenStable();
    fixture.detectChanges();
    const img = (fixture.nativeElement as HTMLElement).querySelector('.snapshot img');
    expect(img?.getAttribute('src')).toBe('blob:snapshot');
    // Setting the snapshot must not re-run the load (it once looped, revoking the picture it showed).
    http.verify();
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
  });
});
