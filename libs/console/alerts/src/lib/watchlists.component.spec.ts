import { TestBed } from '@angular/core/testing';
import { ApiClient } from '@gt-vision/console/data';
import type { WatchlistEntryResponseDto, WatchlistResponseDto } from '@gt-vision/shared-types';
import { of, Subject } from 'rxjs';
import { WatchlistsComponent } from './watchlists.component';

function watchlist(id: string, name: string): WatchlistResponseDto {
  return {
    id,
    name,
    description: null,
    entryCount: 0,
    createdBy: 'admin',
    createdAt: '2026-12-02T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:00.000Z',
  };
}

describe('WatchlistsComponent', () => {
  const api = {
    listWatchlists: jest.fn(),
    createWatchlist: jest.fn(),
    listEntries: jest.fn(),
    addEntry: jest.fn(),
  };

  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    // The API's shapes: both lists are plain arrays (GET /api/watchlists, .../entries).
    api.listWatchlists.mockReturnValue(of<WatchlistResponseDto[]>([watchlist('w1', 'stolen')]));
    api.listEntries.mockReturnValue(of([]));
    TestBed.configureTestingModule({
      imports: [WatchlistsComponent],
      providers: [{ provide: ApiClient, useValue: api }],
    });
  });

  it('lists a new watchlist at once and opens it for entries', async () => {
    api.createWatchlist.mockReturnValue(of(watchlist('w2', 'e2e list')));
    const fixture = TestBed.createComponent(WatchlistsComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const name = root.querySelector<HTMLInputElement>('#wl-name');
    if (!name) throw new Error('no name field');
    name.value = 'e2e list';
    name.dispatchEvent(new Event('input'));
    root.querySelector<HTMLButtonElement>('form button[type="submit"]')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(api.createWatchlist).toHaveBeenCalledWith({ name: 'e2e list', description: null });
    const buttons = [...root.querySelectorAll('ul.lists button')].map((b) => b.textContent ?? '');
    expect(buttons.some((text) => text.includes('e2e list'))).toBe(true);
    expect(api.listEntries).toHaveBeenCalledWith('w2');
  });

  it('shows an added entry once when the list’s entries answer after it (a race seen in Chromium)', async () => {
    const answer = new Subject<WatchlistEntryResponseDto[]>();
    api.listEntries.mockReturnValue(answer);
    const entry = {
      id: 'e1',
      watchlistId: 'w1',
      plate: 'ABC1D23',
    } as unknown as WatchlistEntryResponseDto;
    const added = new Subject<WatchlistEntryResponseDto>();
    api.addEntry.mockReturnValue(added);
    const fixture = TestBed.createComponent(WatchlistsComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    root.querySelector<HTMLButtonElement>('ul.lists button')?.click();
    await fixture.whenStable();
    root.querySelector<HTMLFormElement>('form.inline')?.dispatchEvent(new Event('submit'));
    // The list was read after the entry was stored, and answered before the POST did.
    answer.next([entry]);
    added.next(entry);
    await fixture.whenStable();
    expect(root.querySelectorAll('td.plate').length).toBe(1);
  });
});
