import { TestBed } from '@angular/core/testing';
import { ApiClient } from '@gt-vision/console/data';
import type { SystemMetricsResponseDto } from '@gt-vision/shared-types';
import { of, throwError } from 'rxjs';
import { SystemChartsComponent } from './system-charts.component';

const answer: SystemMetricsResponseDto = {
  range: '1h',
  stepSeconds: 30,
  generatedAt: '2026-12-02T08:00:00.000Z',
  charts: [
    {
      id: 'cpu',
      unit: 'ratio',
      series: [
        {
          label: '',
          points: [
            [1, 0.2],
            [2, 0.4],
          ],
        },
      ],
    },
    {
      id: 'cameraPaths',
      unit: 'count',
      series: [
        { label: 'ready', points: [[1, 4]] },
        { label: 'notReady', points: [[1, 1]] },
      ],
    },
  ],
};

describe('SystemChartsComponent', () => {
  /** Renders, then lets the first refresh (a timer at 0 ms) answer and the view follow. */
  async function create(systemMetrics: jest.Mock): Promise<HTMLElement> {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [SystemChartsComponent],
      providers: [{ provide: ApiClient, useValue: { systemMetrics } }],
    });
    const fixture = TestBed.createComponent(SystemChartsComponent);
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws one labelled chart per fixed query, with the last values for screen readers', async () => {
    const systemMetrics = jest.fn().mockReturnValue(of(answer));
    const element = await create(systemMetrics);
    expect(systemMetrics).toHaveBeenCalledWith('1h');
    const cpu = element.querySelector('[data-chart="cpu"] svg');
    expect(cpu?.getAttribute('aria-label')).toBe('CPU used. 40%');
    expect(element.querySelectorAll('[data-chart="cameraPaths"] path')).toHaveLength(2);
    expect(element.querySelector('[data-chart="cameraPaths"] .legend')?.textContent).toContain(
      'ready',
    );
  });

  it('says why when the charts cannot be loaded', async () => {
    const element = await create(jest.fn().mockReturnValue(throwError(() => new Error('down'))));
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('down');
  });
});
