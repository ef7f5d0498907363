import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApiClient, LiveService } from '@gt-vision/console/data';
import type { AlertResponseDto, Page } from '@gt-vision/shared-types';
import { of, Subject } from 'rxjs';
import { AlertListComponent } from './alert-list.component';

function alert(
  id: string,
  acknowledged: AlertResponseDto['acknowledged'] = null,
): AlertResponseDto {
  return {
    id,
    detectionId: `d-${id}`,
    watchlistId: 'w1',
    entryId: 'e1',
    cameraId: 1,
    plate: 'ABC1D23',
    entryPlate: 'ABC1D23',
    match: 'exact',
    reason: 'stolen',
    severity: 'critical',
    capturedAt: '2026-12-02T10:00:00.000Z',
    raisedAt: '2026-12-02T10:00:01.000Z',
    acknowledged,
  };
}

describe('AlertListComponent', () => {
  const live = new Subject<AlertResponseDto>();
  const api = {
    listAlerts: jest.fn(),
    acknowledgeAlert: jest.fn(),
  };

  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    api.listAlerts.mockReturnValue(
      of<Page<AlertResponseDto>>({ items: [alert('a2'), alert('a1')], nextCursor: null }),
    );
    TestBed.configureTestingModule({
      imports: [AlertListComponent],
      providers: [
        provideRouter([]),
        { provide: ApiClient, useValue: api },
        { provide: LiveService, useValue: { alerts: live } },
      ],
    });
  });

  const rows = (element: HTMLElement) =>
    [...element.querySelectorAll('[data-alert]')].map((row) => row.getAttribute('data-alert'));

  it('lists alerts newest first and puts live ones on top, once', async () => {
    const fixture = TestBed.createComponent(AlertListComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(rows(element)).toEqual(['a2', 'a1']);
    live.next(alert('a3'));
    live.next(alert('a3'));
    fixture.detectChanges();
    expect(rows(element)).toEqual(['a3', 'a2', 'a1']);
  });

  it('shows who acknowledged an alert once the API says so', async () => {
    const acknowledged = alert('a2', { by: 'operator', at: '2026-12-02T10:01:00.000Z' });
    api.acknowledgeAlert.mockReturnValue(of(acknowledged));
    const fixture = TestBed.createComponent(AlertListComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    element.querySelector<HTMLButtonElement>('[data-alert="a2"] button')?.click();
    fixture.detectChanges();
    expect(api.acknowledgeAlert).toHaveBeenCalledWith('a2');
    expect(element.querySelector('[data-alert="a2"]')?.textContent).toContain('operator');
  });
});
