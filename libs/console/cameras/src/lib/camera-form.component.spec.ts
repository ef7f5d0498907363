import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CameraFormComponent } from './camera-form.component';
import type { CameraResponseDto } from '@gt-vision/shared-types';
import { NEW_CAMERA, toFormValue, toRequest, toUpdate } from './camera-form.model';

describe('CameraFormComponent', () => {
  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [CameraFormComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('shows the API’s field errors next to the fields they name', async () => {
    const fixture = TestBed.createComponent(CameraFormComponent);
    fixture.componentRef.setInput('id', 'new');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const name = element.querySelector<HTMLInputElement>('#cam-name');
    const source = element.querySelector<HTMLInputElement>('#cam-source');
    if (!name || !source) throw new Error('form not rendered');
    name.value = 'Gate';
    name.dispatchEvent(new Event('input'));
    source.value = 'http://not-rtsp';
    source.dispatchEvent(new Event('input'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = TestBed.inject(HttpTestingController).expectOne('/api/cameras');
    expect(request.request.body).toMatchObject({ name: 'Gate', sourceUrl: 'http://not-rtsp' });
    request.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'validation failed',
        details: [
          {
            field: 'sourceUrl',
            problem: 'sourceUrl must be an rtsp:// or rtsps:// URL with a host',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('#cam-source-error')?.textContent).toContain('rtsp://');
    expect(source.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#cam-name-error')?.textContent?.trim()).toBe('');
  });

  it('goes back to the list after saving', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(CameraFormComponent);
    fixture.componentRef.setInput('id', 'new');
    await fixture.whenStable();
    (fixture.nativeElement as HTMLElement)
      .querySelector('form')
      ?.dispatchEvent(new Event('submit'));
    TestBed.inject(HttpTestingController).expectOne('/api/cameras').flush({ id: 1 });
    expect(navigate).toHaveBeenCalledWith(['/cameras']);
  });
});

describe('camera form model', () => {
  it('sends tags as a list and numbers as numbers', () => {
    expect(
      toRequest({ ...NEW_CAMERA, tags: 'gate, north ,', retentionDays: '30' as unknown as number }),
    ).toMatchObject({
      tags: ['gate', 'north'],
      recording: { enabled: true, retentionDays: 30 },
    });
  });

  it('sends no sub-stream as null, and leaves unchanged masked URLs out of an edit', () => {
    expect(toRequest({ ...NEW_CAMERA, subStreamUrl: ' ' }).subStreamUrl).toBeNull();
    const original = {
      name: 'Gate',
      sourceUrl: 'rtsp://***:***@h/main',
      subStreamUrl: 'rtsp://***:***@h/sub',
      tags: [],
      recording: { enabled: true, retentionDays: 7 },
      lpr: { enabled: false, fps: 1 },
      enabled: true,
    } as unknown as CameraResponseDto;
    const unchanged = toUpdate(toFormValue(original), original);
    expect(unchanged).not.toHaveProperty('sourceUrl');
    expect(unchanged).not.toHaveProperty('subStreamUrl');
    const cleared = toUpdate({ ...toFormValue(original), subStreamUrl: '' }, original);
    expect(cleared.subStreamUrl).toBeNull();
  });
});
