import { createOpenApiDocument, setupOpenApi } from '@gt-vision/backend-http';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AccountService } from './auth/account.service';
import { AuthController } from './auth/auth.controller';
import { LoginService } from './auth/login.service';
import { RetryAfterInterceptor } from './auth/retry-after.interceptor';
import { SessionService } from './auth/session.service';
import { CameraController } from './cameras/camera.controller';
import { CameraService } from './cameras/camera.service';
import { OPENAPI_INFO } from './openapi';
import { createHttpTestApp, type HttpTestApp } from './testing/http-test-app';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

type Schema = {
  required?: string[];
  properties?: Record<string, { description?: string; minLength?: number; maxLength?: number }>;
};

// The document is built from controllers and DTO metadata only; no handler is called.
const registryControllers = {
  controllers: [CameraController, AuthController, UsersController, ApiKeysController],
  providers: [
    RetryAfterInterceptor,
    { provide: CameraService, useValue: {} },
    { provide: LoginService, useValue: {} },
    { provide: SessionService, useValue: {} },
    { provide: AccountService, useValue: {} },
    { provide: UsersService, useValue: {} },
    { provide: ApiKeysService, useValue: {} },
  ],
};

describe('camera-registry OpenAPI document', () => {
  let http: HttpTestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    http = await createHttpTestApp(registryControllers, (app) => setupOpenApi(app, OPENAPI_INFO));
    document = createOpenApiDocument(http.app, OPENAPI_INFO);
  });
  afterAll(() => http.app.close());

  const schema = (name: string) => document.components?.schemas?.[name] as Schema;

  it('describes the registry’s routes', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/cameras',
        '/api/cameras/{id}',
        '/api/auth/login',
        '/api/auth/refresh',
        '/api/users',
        '/api/users/{id}',
        '/api/auth/api-keys',
      ]),
    );
    expect(document.paths['/api/cameras']?.post?.tags).toEqual(['cameras']);
  });

  it('turns the class-validator rules of shared-types DTOs into schemas', () => {
    const create = schema('CreateCameraDto');
    expect(create.required).toEqual(expect.arrayContaining(['name', 'sourceUrl']));
    expect(create.required).not.toContain('tags');
    expect(create.properties?.['sourceUrl']?.description).toMatch(/rtsp:\/\/.*rtsps:\/\//);
    const login = schema('LoginRequestDto');
    expect(login.required).toEqual(['username', 'password']);
    expect(login.properties?.['username']).toMatchObject({ type: 'string', maxLength: 64 });
    const body = document.paths['/api/cameras']?.post?.requestBody as {
      content: Record<string, { schema: { $ref: string } }>;
    };
    expect(body.content['application/json']?.schema.$ref).toBe(
      '#/components/schemas/CreateCameraDto',
    );
  });

  it('declares bearer (JWT) and X-Api-Key, required by default', () => {
    expect(document.components?.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    });
    expect(document.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(document.paths['/api/cameras']?.get?.security).toBeUndefined();
  });

  it('marks the @Public() routes, and only those, as open', () => {
    expect(document.paths['/api/auth/login']?.post?.security).toEqual([]);
    expect(document.paths['/api/auth/refresh']?.post?.security).toEqual([]);
    expect(document.paths['/api/auth/logout']?.post?.security).toBeUndefined();
    expect(document.paths['/api/auth/login']?.post?.responses).not.toHaveProperty('401');
  });

  it('documents errors in the one error shape', () => {
    const error = { $ref: '#/components/schemas/ErrorResponseDto' };
    const get = document.paths['/api/cameras/{id}']?.get?.responses ?? {};
    for (const status of ['400', '401', '403', '404']) {
      expect(get[status]).toMatchObject({ content: { 'application/json': { schema: error } } });
    }
    expect(document.paths['/api/cameras']?.post?.responses).toHaveProperty('409');
    expect(document.paths['/api/users/{id}']?.delete?.responses).toHaveProperty('409');
    expect(document.paths['/api/auth/login']?.post?.responses).toHaveProperty('429');
    expect(schema('ErrorResponseDto').required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'details']),
    );
  });

  it('documents who-am-I and the self-service password change', () => {
    const me = document.paths['/api/auth/me']?.get;
    expect(me?.security).toBeUndefined();
    expect(me?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/MeResponseDto' } } },
    });
    expect(schema('MeResponseDto').required).toEqual(
      expect.arrayContaining(['kind', 'id', 'role']),
    );
    expect(Object.keys(schema('SessionInfoDto').properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'startedAt', 'lastRefreshedAt', 'expiresAt']),
    );
    const password = document.paths['/api/auth/password']?.post;
    expect(password?.security).toBeUndefined();
    expect(password?.responses).toHaveProperty('429');
    expect(schema('ChangePasswordDto').required).toEqual(['currentPassword', 'newPassword']);
    expect(schema('ChangePasswordDto').properties?.['newPassword']).toMatchObject({
      minLength: 12,
      maxLength: 256,
    });
  });

  it('serves the document and its UI to anonymous callers', async () => {
    const server = http.app.getHttpServer();
    const json = await request(server).get('/api/docs-json').expect(200);
    expect(json.headers['content-type']).toMatch(/application\/json/);
    expect(json.body.paths).toHaveProperty('/api/cameras');
    const ui = await request(server).get('/api/docs/').expect(200);
    expect(ui.text).toContain('swagger-ui-bundle.js');
    await request(server).get('/api/docs/swagger-ui-bundle.js').expect(200);
    // No badge from validator.swagger.io: the UI works offline.
    const init = await request(server).get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toMatch(/"validatorUrl":\s*null/);
    // Still only the docs: the API behind them keeps refusing anonymous callers.
    await request(server).get('/api/cameras').expect(401);
  });
});
