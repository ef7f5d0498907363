import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  CameraGrantResponseDto,
  CameraGroupResponseDto,
  CameraResponseDto,
  UserResponseDto,
} from '@gt-vision/shared-types';
import { CameraGroupsComponent } from './camera-groups.component';
import { BAD_REQUEST, click, type } from './dom-testing';

const AT = '2026-12-01T00:00:00Z';

const camera = (id: number, name: string, tags: string[] = []) =>
  ({ id, name, tags }) as unknown as CameraResponseDto;
const CAMERAS = [camera(1, 'Gate north', ['site-a']), camera(2, 'Gate south'), camera(3, 'Dock')];

const USERS: UserResponseDto[] = [
  { id: 'u-admin', username: 'admin', role: 'admin' },
  { id: 'u-ana', username: 'ana', role: 'viewer' },
].map((user) => ({
  ...user,
  displayName: null,
  disabled: false,
  lockedUntil: null,
  passwordChangedAt: AT,
  createdAt: AT,
  updatedAt: AT,
})) as UserResponseDto[];

const ALL: CameraGroupResponseDto = {
  id: 'g-all',
  name: 'All cameras',
  description: 'built in',
  allCameras: true,
  cameraIds: [],
  createdAt: AT,
  updatedAt: AT,
};
const GATES: CameraGroupResponseDto = { ...ALL, id: 'g-gates', name: 'Gates', allCameras: false };

const grant = (id: string, groupId: string, holder: Partial<CameraGrantResponseDto>) => ({
  id,
  groupId,
  userId: null,
  role: null,
  createdBy: 'admin',
  createdAt: AT,
  ...holder,
});

function buttonByText(element: HTMLElement, text: string): HTMLButtonElement {
  const found = [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

describe('CameraGroupsComponent', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<CameraGroupsComponent>;
  let element: HTMLElement;

  beforeEach(async () => {
    localStorage.setItem('gtv.language', 'en');
    TestBed.configureTestingModule({
      imports: [CameraGroupsComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CameraGroupsComponent);
    element = fixture.nativeElement as HTMLElement;
    http.expectOne('/api/camera-groups').flush([ALL, { ...GATES, cameraIds: [1, 2] }]);
    http
      .expectOne('/api/camera-grants')
      .flush([
        grant('t1', 'g-all', { role: 'operator' }),
        grant('t2', 'g-gates', { userId: 'u-ana' }),
      ]);
    http.expectOne('/api/users').flush(USERS);
    // Two pages: the picker holds every camera, not only the API's first 500.
    const first = http.expectOne((r) => r.url === '/api/cameras' && !r.params.has('cursor'));
    expect(first.request.params.get('limit')).toBe('500');
    first.flush({ items: CAMERAS.slice(0, 2), nextCursor: 'c2' });
    http
      .expectOne((r) => r.url === '/api/cameras' && r.params.get('cursor') === 'c2')
      .flush({ items: CAMERAS.slice(2), nextCursor: null });
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('lists groups with their cameras and who they are granted to', () => {
    const all = element.querySelector('tr[data-group="All cameras"]')?.textContent;
    expect(all).toContain('all cameras');
    expect(all).toContain('every operator without grants of their own');
    const gates = element.querySelector('tr[data-group="Gates"]')?.textContent;
    expect(gates).toContain('2 cameras');
    expect(gates).toContain('ana');
    expect(element.querySelectorAll('.picker-list input').length).toBe(3);
  });

  it('creates a group of picked cameras, with the API’s errors beside the fields', async () => {
    type(element, '#picker-filter', 'gate');
    await fixture.whenStable();
    expect(element.querySelectorAll('.picker-list input').length).toBe(2);
    click(element, '.picker-list input[data-camera="2"]');
    type(element, '#picker-filter', '#3');
    await fixture.whenStable();
    click(element, '.picker-list input[data-camera="3"]');
    await fixture.whenStable();
    expect(element.querySelector('.picker [role="status"]')?.textContent).toContain('2 of 3');

    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    const create = http.expectOne({ method: 'POST', url: '/api/camera-groups' });
    expect(create.request.body).toEqual({
      name: '',
      description: null,
      allCameras: false,
      cameraIds: [2, 3],
    });
    create.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'validation failed',
        details: [
          { field: 'name', problem: 'name should not be empty' },
          { field: 'cameraIds', problem: 'cameraIds names a camera that does not exist' },
        ],
      },
      BAD_REQUEST,
    );
    await fixture.whenStable();
    expect(element.querySelector('#group-name-error')?.textContent).toContain('empty');
    expect(element.querySelector('#group-name')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#group-cameras-error')?.textContent).toContain('does not exist');
    expect(element.querySelector('#group-description-error')?.textContent?.trim()).toBe('');

    type(element, '#group-name', 'Dock and south');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    const created = { ...GATES, id: 'g-new', name: 'Dock and south', cameraIds: [2, 3] };
    http.expectOne({ method: 'POST', url: '/api/camera-groups' }).flush(created);
    http.expectOne('/api/camera-groups').flush([ALL, GATES, created]);
    await fixture.whenStable();
    // The new group stays open, ready to be granted.
    expect(element.querySelector('h2')?.textContent).toContain('Edit group Dock and south');
    expect(element.querySelector('#group-cameras-error')?.textContent?.trim()).toBe('');
    expect(element.querySelector('gtv-group-grants h3')?.textContent).toContain('Dock and south');
  });

  it('edits a group: changed fields by PATCH, then its members by PUT', async () => {
    buttonByText(element.querySelector('tr[data-group="Gates"]') as HTMLElement, 'Edit').click();
    await fixture.whenStable();
    expect(element.querySelector<HTMLInputElement>('#group-name')?.value).toBe('Gates');
    expect(document.activeElement?.id).toBe('group-name');
    expect(element.querySelector<HTMLInputElement>('[data-camera="1"]')?.checked).toBe(true);
    click(element, '.picker-list input[data-camera="1"]');
    type(element, '#group-description', 'both gates');
    element.querySelector('gtv-camera-group-form form')?.dispatchEvent(new Event('submit'));
    const patch = http.expectOne({ method: 'PATCH', url: '/api/camera-groups/g-gates' });
    expect(patch.request.body).toEqual({ description: 'both gates' });
    patch.flush({ ...GATES, description: 'both gates', cameraIds: [1, 2] });
    const put = http.expectOne({ method: 'PUT', url: '/api/camera-groups/g-gates/cameras' });
    expect(put.request.body).toEqual({ cameraIds: [2] });
    put.flush({ ...GATES, description: 'both gates', cameraIds: [2] });
    http.expectOne('/api/camera-groups').flush([ALL, { ...GATES, cameraIds: [2] }]);
    await fixture.whenStable();
    expect(element.querySelector('[role="status"].notice')?.textContent).toContain('Gates saved');
  });

  it('grants a group to a user or a role and revokes a grant', async () => {
    buttonByText(element.querySelector('tr[data-group="Gates"]') as HTMLElement, 'Edit').click();
    await fixture.whenStable();
    const grants = element.querySelector('gtv-group-grants') as HTMLElement;
    expect(grants.querySelector('[data-grant="user:u-ana"]')?.textContent).toContain('ana');
    const options = [...grants.querySelectorAll<HTMLOptionElement>('#grant-to option')].map(
      (o) => o.value,
    );
    // Admins see everything and ana already has it: only the roles are left to grant.
    expect(options).toEqual(['', 'role:operator', 'role:viewer']);

    grants.querySelector('form')?.dispatchEvent(new Event('submit'));
    http.expectOne({ method: 'POST', url: '/api/camera-grants' }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'userId send exactly one of userId and role',
        details: [{ field: 'userId', problem: 'send exactly one of userId and role' }],
      },
      BAD_REQUEST,
    );
    await fixture.whenStable();
    expect(grants.querySelector('#grant-to-error')?.textContent).toContain('exactly one');
    expect(grants.querySelector('#grant-to')?.getAttribute('aria-invalid')).toBe('true');

    const select = grants.querySelector<HTMLSelectElement>('#grant-to') as HTMLSelectElement;
    select.value = 'role:viewer';
    select.dispatchEvent(new Event('change'));
    grants.querySelector('form')?.dispatchEvent(new Event('submit'));
    const create = http.expectOne({ method: 'POST', url: '/api/camera-grants' });
    expect(create.request.body).toEqual({ groupId: 'g-gates', role: 'viewer' });
    create.flush(grant('t3', 'g-gates', { role: 'viewer' }));
    http.expectOne('/api/camera-grants').flush([grant('t2', 'g-gates', { userId: 'u-ana' })]);
    await fixture.whenStable();
    expect(grants.querySelector('#grant-to-error')?.textContent?.trim()).toBe('');

    jest.spyOn(window, 'confirm').mockReturnValue(true);
    click(grants, '[data-grant="user:u-ana"] button');
    http.expectOne({ method: 'DELETE', url: '/api/camera-grants/t2' }).flush(null);
    http.expectOne('/api/camera-grants').flush([]);
    await fixture.whenStable();
    expect(grants.textContent).toContain('nobody');
  });
});
