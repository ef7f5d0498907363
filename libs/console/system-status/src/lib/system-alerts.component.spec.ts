import { TestBed } from '@angular/core/testing';
import { ApiClient, LiveService } from '@gt-vision/console/data';
import type { SystemAlertDto, SystemAlertListResponseDto } from '@gt-vision/shared-types';
import { Subject } from 'rxjs';
import { orderSystemAlerts, SystemAlertsComponent } from './system-alerts.component';

function alert(fingerprint: string, fields: Partial<SystemAlertDto> = {}): SystemAlertDto {
  return {
    fingerprint,
    name: `Rule${fingerprint}`,
    status: 'firing',
    severity: 'warning',
    summary: `summary ${fingerprint}`,
    description: null,
    labels: {},
    startsAt: '2026-12-02T10:00:00.000Z',
    endsAt: null,
    updatedAt: '2026-12-02T10:00:00.000Z',
    ...fields,
  };
}

describe('orderSystemAlerts', () => {
  it('puts firing critical alerts first and resolved ones last, newest first within each', () => {
    const ordered = orderSystemAlerts([
      alert('r', { status: 'resolved', severity: 'critical' }),
      alert('w-old', { updatedAt: '2026-12-02T09:00:00.000Z' }),
      alert('c', { severity: 'critical' }),
      alert('w-new'),
    ]);
    expect(ordered.map((a) => a.fingerprint)).toEqual(['c', 'w-new', 'w-old', 'r']);
  });
});

describe('SystemAlertsComponent', () => {
  let list: Subject<SystemAlertListResponseDto>;
  let live: Subject<SystemAlertDto>;

  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    list = new Subject();
    live = new Subject();
    TestBed.configureTestingModule({
      imports: [SystemAlertsComponent],
      providers: [
        { provide: ApiClient, useValue: { listSystemAlerts: () => list } },
        { provide: LiveService, useValue: { start: jest.fn(), systemAlerts: live } },
      ],
    });
  });

  const rows = (element: HTMLElement) =>
    [...element.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()).join(' '),
    );

  it('lists what the API answers and keeps it current from the live connection', () => {
    const fixture = TestBed.createComponent(SystemAlertsComponent);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Loading system alerts');
    list.next({ items: [alert('1')] });
    fixture.detectChanges();
    expect(rows(element)).toEqual([expect.stringContaining('Rule1 firing')]);
    live.next(alert('1', { status: 'resolved', updatedAt: '2026-12-02T10:05:00.000Z' }));
    fixture.detectChanges();
    expect(rows(element)).toEqual([expect.stringContaining('Rule1 resolved')]);
  });

  it('keeps a live update newer than the list that answers after it', () => {
    const fixture = TestBed.createComponent(SystemAlertsComponent);
    fixture.detectChanges();
    live.next(alert('1', { status: 'resolved', updatedAt: '2026-12-02T10:05:00.000Z' }));
    list.next({ items: [alert('1')] });
    fixture.detectChanges();
    expect(rows(fixture.nativeElement)).toEqual([expect.stringContaining('Rule1 resolved')]);
  });

  it('says so when nothing has fired', () => {
    const fixture = TestBed.createComponent(SystemAlertsComponent);
    list.next({ items: [] });
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'No system alert has fired.',
    );
  });
});
