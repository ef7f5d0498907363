import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DetectionPages } from './detection-pages';

const row = (id: string) => ({ id, plate: 'ABC1D23' });

describe('DetectionPages', () => {
  let pages: DetectionPages;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [DetectionPages, provideHttpClient(), provideHttpClientTesting()],
    });
    pages = TestBed.inject(DetectionPages);
    http = TestBed.inject(HttpTestingController);
  });

  it('fetches the next cursor page only when asked, once at a time, until the last', () => {
    pages.search({ plate: 'ABC', match: 'prefix' });
    const first = http.expectOne((r) => r.url === '/api/detections');
    expect(first.request.params.get('plate')).toBe('ABC');
    expect(first.request.params.has('cursor')).toBe(false);
    pages.loadMore();
    first.flush({ items: [row('1'), row('2')], nextCursor: 'c1' });
    pages.loadMore();
    pages.loadMore();
    const second = http.expectOne((r) => r.params.get('cursor') === 'c1');
    second.flush({ items: [row('3')], nextCursor: null });
    pages.loadMore();
    http.verify();
    expect(
      pages
        .pages()
        .flat()
        .map((r) => r.id),
    ).toEqual(['1', '2', '3']);
    expect(pages.hasMore()).toBe(false);
  });

  it('drops the page in flight of a previous search', () => {
    pages.search({ plate: 'OLD' });
    const stale = http.expectOne((r) => r.params.get('plate') === 'OLD');
    pages.search({ plate: 'NEW' });
    expect(stale.cancelled).toBe(true);
    http
      .expectOne((r) => r.params.get('plate') === 'NEW')
      .flush({ items: [row('9')], nextCursor: null });
    expect(
      pages
        .pages()
        .flat()
        .map((r) => r.id),
    ).toEqual(['9']);
  });
});
