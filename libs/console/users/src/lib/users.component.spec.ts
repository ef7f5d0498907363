import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApiKeysComponent } from './api-keys.component';
import { UsersComponent } from './users.component';
import { BAD_REQUEST, type } from './dom-testing';

describe('UsersComponent', () => {
  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [UsersComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('lists users and shows the API’s field errors beside the fields of a new one', async () => {
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(UsersComponent);
    http.expectOne('/api/users').flush([
      {
        id: '1',
        username: 'admin',
        displayName: null,
        role: 'admin',
        disabled: false,
        lockedUntil: null,
        passwordChangedAt: '2026-12-01T00:00:00Z',
        createdAt: '2026-12-01T00:00:00Z',
        updatedAt: '2026-12-01T00:00:00Z',
      },
    ]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('tr[data-user="admin"]')?.textContent).toContain('admin');
    type(element, '#user-username', 'x');
    type(element, '#user-password', 'short');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = http.expectOne({ method: 'POST', url: '/api/users' });
    expect(request.request.body).toMatchObject({ username: 'x', password: 'short' });
    request.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'validation failed',
        details: [
          { field: 'username', problem: 'username must be 3-64 letters' },
          { field: 'password', problem: 'password must be longer than or equal to 12 characters' },
        ],
      },
      BAD_REQUEST,
    );
    await fixture.whenStable();
    expect(element.querySelector('#user-username-error')?.textContent).toContain('3-64');
    expect(element.querySelector('#user-password-error')?.textContent).toContain('12');
    expect(element.querySelector('#user-password')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#user-display-error')?.textContent?.trim()).toBe('');
  });
});

describe('ApiKeysComponent', () => {
  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [ApiKeysComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('shows a new key once, and the API’s error beside the name', async () => {
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ApiKeysComponent);
    http.expectOne('/api/auth/api-keys').flush([]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    http.expectOne({ method: 'POST', url: '/api/auth/api-keys' }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'validation failed',
        details: [{ field: 'name', problem: 'name should not be empty' }],
      },
      BAD_REQUEST,
    );
    await fixture.whenStable();
    expect(element.querySelector('#key-name-error')?.textContent).toContain('empty');

    type(element, '#key-name', 'gate-pusher');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    const create = http.expectOne({ method: 'POST', url: '/api/auth/api-keys' });
    expect(create.request.body).toEqual({ name: 'gate-pusher', role: 'integrator' });
    create.flush({ id: '2', name: 'gate-pusher', key: 'gtv_abcdefgh_secret', prefix: 'abcdefgh' });
    http.expectOne('/api/auth/api-keys').flush([]);
    await fixture.whenStable();
    expect(element.querySelector('[data-created-key]')?.textContent).toBe('gtv_abcdefgh_secret');
    expect(element.querySelector('#key-name-error')?.textContent?.trim()).toBe('');
  });
});
