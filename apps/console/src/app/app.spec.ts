import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LiveService, SessionStore } from '@gt-vision/console/data';
import { App } from './app';

describe('App shell', () => {
  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: LiveService,
          useValue: {
            start: jest.fn(),
            stop: jest.fn(),
            alerts: { pipe: () => ({ subscribe: () => undefined }) },
          },
        },
      ],
    }).compileComponents();
  });

  it('shows no navigation before login, only the language choice', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('nav')).toBeNull();
    expect(element.querySelector('label[for="language"]')?.textContent).toContain('Idioma');
  });

  it('shows the navigation in Portuguese once signed in, and in English after switching', async () => {
    TestBed.inject(SessionStore).store({
      accessToken: 'a',
      refreshToken: 'r',
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 3600,
    });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('nav')?.textContent).toContain('Mosaico ao vivo');
    expect(TestBed.inject(LiveService).start).toHaveBeenCalled();
    const select = element.querySelector<HTMLSelectElement>('#language');
    if (!select) throw new Error('no language switch');
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(element.querySelector('nav')?.textContent).toContain('Live wall');
    expect(document.documentElement.lang).toBe('en');
  });
});
