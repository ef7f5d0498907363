import { NotFoundException } from '@nestjs/common';
import request from 'supertest';
import { createHttpTestApp, type HttpTestApp } from '../testing/http-test-app';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

const ID = '3f0c2a8e-6b1d-4c4e-9a57-1d2b3c4d5e6f';

describe('UsersController over HTTP', () => {
  let http: HttpTestApp;
  const users = {
    list: jest.fn(async () => []),
    get: jest.fn(async (id: string) => {
      throw new NotFoundException(`user ${id} does not exist`);
    }),
    create: jest.fn(async (dto: object) => ({ id: ID, ...dto })),
    update: jest.fn(async () => ({ id: ID })),
    delete: jest.fn(async () => undefined),
  };
  const server = () => http.app.getHttpServer();

  beforeAll(async () => {
    http = await createHttpTestApp({
      controllers: [UsersController],
      providers: [{ provide: UsersService, useValue: users }],
    });
  });
  afterAll(() => http.app.close());

  it('is 401 without a token', async () => {
    const res = await request(server()).get('/api/users').expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'missing bearer token or API key',
      details: [],
    });
  });

  it.each(['viewer', 'operator'] as const)('is 403 for a %s', async (role) => {
    await request(server())
      .get('/api/users')
      .set('Authorization', await http.bearer(role))
      .expect(403);
    await request(server())
      .delete(`/api/users/${ID}`)
      .set('Authorization', await http.bearer(role))
      .expect(403);
    expect(users.delete).not.toHaveBeenCalled();
  });

  it('serves admins', async () => {
    await request(server())
      .get('/api/users')
      .set('Authorization', await http.bearer('admin'))
      .expect(200, []);
  });

  it('names every bad field of a new user, unknown ones included', async () => {
    const res = await request(server())
      .post('/api/users')
      .set('Authorization', await http.bearer('admin'))
      .send({ username: 'a b', role: 'superuser', password: 'short', isAdmin: true })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(new Set(['username', 'role', 'password', 'isAdmin']));
    expect(users.create).not.toHaveBeenCalled();
  });

  it('refuses null for fields that cannot be cleared', async () => {
    const res = await request(server())
      .patch(`/api/users/${ID}`)
      .set('Authorization', await http.bearer('admin'))
      .send({ role: null, disabled: 'yes', displayName: null })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(new Set(['role', 'disabled']));
  });

  it('answers 400 naming the id when it is not a UUID, and 404 when it is unknown', async () => {
    const bad = await request(server())
      .get('/api/users/42')
      .set('Authorization', await http.bearer('admin'))
      .expect(400);
    expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    await request(server())
      .get(`/api/users/${ID}`)
      .set('Authorization', await http.bearer('admin'))
      .expect(404);
  });

  it('creates with 201 and deletes with 204', async () => {
    await request(server())
      .post('/api/users')
      .set('Authorization', await http.bearer('admin'))
      .send({ username: 'vera', role: 'viewer', password: 'twelve chars!' })
      .expect(201);
    await request(server())
      .delete(`/api/users/${ID}`)
      .set('Authorization', await http.bearer('admin'))
      .expect(204);
  });
});
