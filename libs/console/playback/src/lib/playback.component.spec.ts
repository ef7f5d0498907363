import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { SessionStore } from '@gt-vision/console/data';
import { PlaybackComponent } from './playback.component';

describe('PlaybackComponent', () => {
  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'playback', component: PlaybackComponent }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(SessionStore).store({
      accessToken: 'tok',
      refreshToken: 'r',
      expiresIn: 900,
      tokenType: 'Bearer',
      refreshExpiresIn: 3600,
    });
  });

  it('plays the range through the edge, marks its detections, and seeks on a mark', async () => {
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(
      '/playback?camera=1&from=2026-12-02T07:00:00.000Z&to=2026-12-02T07:10:00.000Z',
    );
    http.expectOne((r) => r.url === '/api/cameras').flush({ items: [], nextCursor: null });
    const list = http.expectOne((r) => r.url === '/playback/list');
    expect(list.request.params.get('path')).toBe('cam_1');
    expect(list.request.params.get('start')).toBe('2026-12-02T07:00:00.000Z');
    list.flush([
      {
        start: '2026-12-02T07:00:00Z',
        duration: 600,
        url: 'http://edge:8080/get?path=cam_1&start=2026-12-02T07%3A00%3A00Z&duration=600',
      },
    ]);
    const detections = http.expectOne((r) => r.url === '/api/detections');
    expect(detections.request.params.get('cameraId')).toBe('1');
    detections.flush({
      items: [{ id: 'd1', plate: 'ABC1D23', capturedAt: '2026-12-02T07:05:00Z' }],
      nextCursor: null,
    });
    await harness.fixture.whenStable();
    const element = harness.routeNativeElement as HTMLElement;
    const video = element.querySelector('video');
    expect(video?.getAttribute('src')).toMatch(/^\/playback\/get\?path=cam_1&start=.*&token=tok$/);
    const mark = element.querySelector<HTMLButtonElement>('button.mark');
    expect(mark?.style.left).toBe('50%');
    expect(mark?.getAttribute('aria-label')).toContain('ABC1D23');
    mark?.click();
    await harness.fixture.whenStable();
    const src = new URL(element.querySelector('video')?.getAttribute('src') ?? '', 'http://x');
    expect(src.pathname).toBe('/playback/get');
    expect(src.searchParams.get('start')).toBe('2026-12-02T07:04:57.000Z');
  });

  it('says so when nothing was recorded (MediaMTX answers 404)', async () => {
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/playback?camera=2');
    http.expectOne((r) => r.url === '/api/cameras').flush({ items: [], nextCursor: null });
    http
      .expectOne((r) => r.url === '/playback/list')
      .flush({ status: 'error' }, { status: 404, statusText: 'Not Found' });
    http.expectOne((r) => r.url === '/api/detections').flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    const element = harness.routeNativeElement as HTMLElement;
    expect(element.textContent).toContain('Nothing was recorded');
    expect(element.querySelector('video')).toBeNull();
  });
});
