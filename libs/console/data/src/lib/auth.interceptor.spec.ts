import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { SessionStore } from './session.store';

const pair = (access: string, expiresIn = 900) => ({
  accessToken: access,
  refreshToken: `refresh-of-${access}`,
  tokenType: 'Bearer' as const,
  expiresIn,
  refreshExpiresIn: 3600,
});

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let store: SessionStore;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SessionStore);
  });

  afterEach(() => backend.verify());

  it('sends the access token to the edge, never with login', async () => {
    store.store(pair('a1'));
    const cameras = firstValueFrom(http.get('/api/cameras'));
    const sent = backend.expectOne('/api/cameras');
    expect(sent.request.headers.get('Authorization')).toBe('Bearer a1');
    sent.flush([]);
    await cameras;
    const login = firstValueFrom(http.post('/api/auth/login', {}));
    const loginRequest = backend.expectOne('/api/auth/login');
    expect(loginRequest.request.headers.has('Authorization')).toBe(false);
    loginRequest.flush(pair('x'));
    await login;
  });

  it('refreshes once for two requests refused with 401, then replays both with the new token', async () => {
    store.store(pair('old'));
    const first = firstValueFrom(http.get<string>('/api/cameras'));
    const second = firstValueFrom(http.get<string>('/api/users'));
    backend.expectOne('/api/cameras').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/users').flush(null, { status: 401, statusText: 'Unauthorized' });
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-of-old' });
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush(pair('new'));
    const replays = backend.match((r) => r.headers.get('Authorization') === 'Bearer new');
    expect(replays.map((r) => r.request.url).sort()).toEqual(['/api/cameras', '/api/users']);
    replays.forEach((r) => r.flush('ok'));
    expect(await Promise.all([first, second])).toEqual(['ok', 'ok']);
    expect(store.accessToken()).toBe('new');
  });

  it('refreshes before sending when the token is about to expire', async () => {
    store.store(pair('dying', 10));
    const request = firstValueFrom(http.get('/api/cameras'));
    backend.expectOne('/api/auth/refresh').flush(pair('fresh'));
    const sent = backend.expectOne('/api/cameras');
    expect(sent.request.headers.get('Authorization')).toBe('Bearer fresh');
    sent.flush({});
    await request;
  });

  it('ends the session and goes to the login page saying why when the refresh is refused', async () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    store.store(pair('old'));
    const request = firstValueFrom(http.get('/api/cameras'));
    backend.expectOne('/api/cameras').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend
      .expectOne('/api/auth/refresh')
      .flush(
        { statusCode: 401, message: 'session expired', details: [] },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(request).rejects.toMatchObject({ status: 401 });
    expect(store.signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { notice: 'expired', returnTo: '/' },
    });
  });
});
