import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { DetectionSearchComponent } from './detection-search.component';

describe('DetectionSearchComponent', () => {
  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [DetectionSearchComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('shows the filters of the URL and writes the edited ones into it', async () => {
    const fixture = TestBed.createComponent(DetectionSearchComponent);
    fixture.componentRef.setInput('filters', {
      plate: 'ABC',
      match: 'prefix',
      minConfidence: '0.8',
    });
    await fixture.whenStable();
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url === '/api/cameras')
      .flush({ items: [{ id: 3, name: 'Gate' }], nextCursor: null });
    await fixture.whenStable();
    const form = fixture.nativeElement as HTMLElement;
    const plate = form.querySelector<HTMLInputElement>('#f-plate');
    expect(plate?.value).toBe('ABC');
    expect(form.querySelector<HTMLInputElement>('#f-conf')?.value).toBe('80');
    expect(form.querySelector('#f-camera')?.textContent).toContain('Gate');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    if (plate) {
      plate.value = ' XYZ9 ';
      plate.dispatchEvent(new Event('input'));
    }
    form.querySelector('form')?.dispatchEvent(new Event('submit'));
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: {
        plate: 'XYZ9',
        match: 'prefix',
        cameraId: null,
        from: null,
        to: null,
        minConfidence: '0.8',
      },
    });
  });
});
