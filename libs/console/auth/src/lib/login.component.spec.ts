import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthService } from '@gt-vision/console/data';
import { LoginComponent } from './login.component';

describe('LoginComponent', () => {
  const login = jest.fn<Promise<void>, [unknown]>();
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    localStorage.setItem('gtv.language', 'en');
    login.mockReset();
    TestBed.configureTestingModule({
      imports: [LoginComponent],
      providers: [provideRouter([]), { provide: AuthService, useValue: { login } }],
    });
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  async function submit(returnTo?: string): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(LoginComponent);
    if (returnTo) fixture.componentRef.setInput('returnTo', returnTo);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    for (const [id, value] of [
      ['#login-username', 'operator'],
      ['#login-password', 'secret'],
    ]) {
      const input = element.querySelector<HTMLInputElement>(id);
      if (!input) throw new Error(`${id} not rendered`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    fixture.detectChanges();
    return element;
  }

  it('signs in and goes to the wall, or back to the page asked for', async () => {
    login.mockResolvedValue();
    await submit();
    expect(login).toHaveBeenCalledWith({ username: 'operator', password: 'secret' });
    expect(navigate).toHaveBeenLastCalledWith('/wall');
    await submit('/detections?plate=ABC');
    expect(navigate).toHaveBeenLastCalledWith('/detections?plate=ABC');
  });

  it('never follows a return address to another site', async () => {
    login.mockResolvedValue();
    await submit('//evil.example/');
    expect(navigate).toHaveBeenLastCalledWith('/wall');
  });

  it('says why a sign-in failed', async () => {
    login.mockRejectedValue(new HttpErrorResponse({ status: 401 }));
    let element = await submit();
    expect(element.querySelector('[role=alert]')?.textContent).toContain(
      'Wrong username or password',
    );
    expect(navigate).not.toHaveBeenCalled();
    login.mockRejectedValue(
      new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': '42' }) }),
    );
    element = await submit();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('42');
  });
});
