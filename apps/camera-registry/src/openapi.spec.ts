import { createOpenApiDocument, setupOpenApi } from '@gt-vision/backend-http';
import { HealthModule } from '@gt-vision/backend-health';
import * as contracts from '@gt-vision/shared-types';
import {
  CameraRules,
  CameraListQueryDto,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RTSP_URL_PATTERN,
  USER_ROLES,
  USERNAME_PATTERN,
} from '@gt-vision/shared-types';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import request from 'supertest';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AccountService } from './auth/account.service';
import { CameraAccessService } from './camera-access/camera-access.service';
import { CameraGrantsController } from './camera-access/camera-grants.controller';
import { CameraGroupsController } from './camera-access/camera-groups.controller';
import { AuthController } from './auth/auth.controller';
import { LoginService } from './auth/login.service';
import { RetryAfterInterceptor } from './auth/retry-after.interceptor';
import { SessionService } from './auth/session.service';
import { CameraIdParams } from './cameras/camera-id.params';
import { CameraController } from './cameras/camera.controller';
import { CameraService } from './cameras/camera.service';
import { OPENAPI_INFO } from './openapi';
import { createHttpTestApp, type HttpTestApp } from './testing/http-test-app';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

type Schema = {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  [keyword: string]: unknown;
};
type Parameter = { name: string; in: string; required?: boolean; schema: Schema };
type Response = { description?: string; content?: Record<string, { schema: Schema }> };
type Operation = {
  operationId: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  responses: Record<string, Response>;
};

// The document is built from controllers and DTO metadata only; no handler is called.
const registryControllers = {
  imports: [HealthModule.forRoot([])],
  controllers: [
    CameraController,
    AuthController,
    UsersController,
    ApiKeysController,
    CameraGroupsController,
    CameraGrantsController,
  ],
  providers: [
    RetryAfterInterceptor,
    { provide: CameraService, useValue: {} },
    { provide: LoginService, useValue: {} },
    { provide: SessionService, useValue: {} },
    { provide: AccountService, useValue: {} },
    { provide: UsersService, useValue: {} },
    { provide: ApiKeysService, useValue: {} },
    { provide: CameraAccessService, useValue: {} },
  ],
};

/** How each class-validator rule shows in a schema (on the items for `each` rules). */
const RULE_SCHEMA: Record<string, (constraints: unknown[]) => Schema> = {
  isLength: ([min, max]) => ({ minLength: min, maxLength: max }),
  minLength: ([min]) => ({ minLength: min }),
  maxLength: ([max]) => ({ maxLength: max }),
  isNotEmpty: () => ({ minLength: 1 }),
  matches: ([pattern]) => ({ pattern: (pattern as RegExp).source }),
  min: ([min]) => ({ minimum: min }),
  max: ([max]) => ({ maximum: max }),
  isIn: ([values]) => ({ enum: values }),
  isInt: () => ({ type: 'integer' }),
  isNumber: () => ({ type: 'number' }),
  isString: () => ({ type: 'string' }),
  isBoolean: () => ({ type: 'boolean' }),
  isArray: () => ({ type: 'array' }),
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  arrayUnique: () => ({ uniqueItems: true }),
  isUuid: () => ({ format: 'uuid' }),
};
/** Rules a schema cannot state; each is listed on purpose. The rtsp host check: the scheme is a pattern. */
const NO_SCHEMA_FORM = ['isObject', 'isRtspUrl'];

/** Every keyword of `expected` is in `schema` (a second pattern sits in `allOf`). */
function shows(schema: Schema, expected: Schema): boolean {
  return Object.entries(expected).every(([keyword, value]) => {
    if (value === undefined) return true;
    if (keyword === 'pattern' && schema.allOf?.some((part) => part.pattern === value)) return true;
    return JSON.stringify(schema[keyword]) === JSON.stringify(value);
  });
}

describe('camera-registry OpenAPI document', () => {
  let http: HttpTestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    http = await createHttpTestApp(registryControllers, (app) => setupOpenApi(app, OPENAPI_INFO));
    document = createOpenApiDocument(http.app, OPENAPI_INFO);
  });
  afterAll(() => http.app.close());

  const schema = (name: string) => document.components?.schemas?.[name] as Schema;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, op]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation: op,
      })),
    );
  /** `'GET /api/cameras'` → its operation. */
  const operation = (name: string): Operation => {
    const [method, path] = name.split(' ');
    return (document.paths[path] as Record<string, Operation>)[method.toLowerCase()];
  };
  const successSchema = (name: string) => {
    const [, response] =
      Object.entries(operation(name).responses).find(([s]) => /^2/.test(s)) ?? [];
    return response?.content?.['application/json']?.schema;
  };
  /** A schema that says something: a type other than a bare object, properties, or a resolvable $ref. */
  const hasShape = (body: Schema): boolean => {
    if (body.$ref) return hasShape(schema(body.$ref.replace('#/components/schemas/', '')) ?? {});
    if (body.type === 'array') return Boolean(body.items) && hasShape(body.items as Schema);
    if (body.type && body.type !== 'object') return true;
    return Object.keys(body.properties ?? {}).length > 0;
  };

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
        '/api/camera-groups',
        '/api/camera-groups/{id}/cameras',
        '/api/camera-grants',
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
  });

  it('states on every operation who may call it, from the AuthGuard’s metadata', () => {
    for (const { name, operation } of operations()) {
      expect([name, operation.security]).toEqual([name, expect.any(Array)]);
      expect([name, operation.description]).toEqual([
        name,
        expect.stringMatching(/Public: no credentials|Roles: |Any authenticated caller/),
      ]);
    }
    for (const open of ['POST /api/auth/login', 'POST /api/auth/refresh', 'GET /health/live']) {
      expect(operation(open).security).toEqual([]);
      expect(operation(open).responses).not.toHaveProperty('403');
    }
    expect(operation('GET /health/ready').security).toEqual([]);
    expect(operation('GET /api/cameras').security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(operation('GET /api/cameras').description).toContain('Roles: admin, operator, viewer.');
    // API keys never carry admin, so admin-only operations take access tokens only.
    expect(operation('POST /api/cameras').security).toEqual([{ bearer: [] }]);
    expect(operation('POST /api/cameras').description).toContain('Roles: admin.');
    expect(operation('GET /api/users').security).toEqual([{ bearer: [] }]);
    expect(operation('POST /api/auth/logout').description).toContain('Any authenticated caller.');
    // Any principal may log out: no role to be refused for.
    expect(operation('POST /api/auth/logout').responses).not.toHaveProperty('403');
  });

  it('gives every operation a 2xx answer with a schema, or a 204 without a body', () => {
    const problems: string[] = [];
    for (const { name, operation } of operations()) {
      const success = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      if (success.length === 0) problems.push(`${name}: no 2xx response`);
      for (const [status, response] of success) {
        if (status === '204') {
          if (response.content) problems.push(`${name}: 204 with a body`);
          continue;
        }
        const body = response.content?.['application/json']?.schema;
        if (!body) problems.push(`${name}: ${status} without a JSON schema`);
        else if (!hasShape(body)) problems.push(`${name}: ${status} has an untyped schema`);
      }
    }
    expect(problems).toEqual([]);
    expect(successSchema('GET /api/cameras')).toEqual({
      $ref: '#/components/schemas/CameraPageResponse',
    });
    expect(schema('CameraPageResponse').properties?.['items']).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/CameraResponse' },
    });
    expect(schema('CameraPageResponse').properties?.['nextCursor']).toMatchObject({
      nullable: true,
    });
    expect(successSchema('GET /api/users')).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/UserResponse' },
    });
    expect(schema('CameraStateResponse').properties?.['state']).toEqual({
      type: 'string',
      enum: [...contracts.CAMERA_STATUSES],
      description: expect.any(String),
    });
    expect(schema('UserResponse').properties?.['role']).toMatchObject({ enum: [...USER_ROLES] });
    expect(schema('CameraResponse').properties?.['createdAt']).toMatchObject({
      format: 'date-time',
    });
    expect(schema('CameraResponse').required).toEqual(
      expect.arrayContaining(['id', 'name', 'sourceUrl', 'status', 'liveUrls', 'location']),
    );
  });

  it('resolves every $ref, and keeps no placeholder schemas', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map(([, ref]) => ref);
    expect(refs.length).toBeGreaterThan(20);
    const schemas = document.components?.schemas ?? {};
    const dangling = refs.filter(
      (ref) => !ref.startsWith('#/components/schemas/') || !(ref.split('/')[3] in schemas),
    );
    expect(dangling).toEqual([]);
    expect(Object.keys(schemas)).not.toContain('Object');
  });

  it('shows every class-validator rule of the request DTOs', () => {
    const checked: string[] = [];
    const missing: string[] = [];
    const check = (cls: new () => object, field: (property: string) => Schema | undefined) => {
      checked.push(cls.name);
      for (const rule of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
        if (rule.type !== ValidationTypes.CUSTOM_VALIDATION) continue;
        const where = `${cls.name}.${rule.propertyName} ${rule.name}`;
        if (NO_SCHEMA_FORM.includes(rule.name ?? '')) continue;
        const expected = RULE_SCHEMA[rule.name ?? ''];
        if (!expected) {
          missing.push(`${where}: no schema form known`);
          continue;
        }
        const property = field(rule.propertyName);
        const target = rule.each && !rule.name?.startsWith('array') ? property?.items : property;
        if (!target || !shows(target, expected(rule.constraints ?? []))) missing.push(where);
      }
    };
    for (const [name, body] of Object.entries(document.components?.schemas ?? {})) {
      const cls = (contracts as Record<string, unknown>)[name];
      if (typeof cls === 'function') {
        check(cls as new () => object, (property) => (body as Schema).properties?.[property]);
      }
    }
    const parameter = (op: string) => (property: string) =>
      operation(op).parameters?.find((p) => p.name === property)?.schema;
    check(CameraListQueryDto, parameter('GET /api/cameras'));
    check(CameraIdParams, parameter('GET /api/cameras/{id}'));
    expect(missing).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining([
        'CreateCameraDto',
        'UpdateCameraDto',
        'CameraLocationDto',
        'RecordingPolicyDto',
        'LprSettingsDto',
        'CreateUserDto',
        'UpdateUserDto',
        'LoginRequestDto',
        'RefreshRequestDto',
        'CreateApiKeyDto',
      ]),
    );
  });

  it('shows the camera and user bounds from their one definition', () => {
    const camera = schema('CreateCameraDto').properties ?? {};
    expect(camera['name']).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: CameraRules.nameMaxLength,
    });
    expect(camera['sourceUrl']).toMatchObject({
      maxLength: CameraRules.sourceUrlMaxLength,
      pattern: RTSP_URL_PATTERN.source,
    });
    expect(camera['tags']).toMatchObject({
      type: 'array',
      maxItems: CameraRules.maxTags,
      items: {
        type: 'string',
        maxLength: CameraRules.tagMaxLength,
        pattern: CameraRules.tagPattern.source,
      },
    });
    expect(schema('UpdateCameraDto').properties?.['name']).toEqual(camera['name']);
    expect(schema('LprSettingsDto').properties?.['fps']).toMatchObject({
      minimum: CameraRules.lprFps.min,
      maximum: CameraRules.lprFps.max,
    });
    expect(schema('RecordingPolicyDto').properties?.['retentionDays']).toMatchObject({
      type: 'integer',
      minimum: CameraRules.retentionDays.min,
      maximum: CameraRules.retentionDays.max,
    });
    expect(schema('CameraLocationDto').properties?.['lat']).toMatchObject({
      minimum: -90,
      maximum: 90,
    });
    expect(schema('CreateCameraDto').additionalProperties).toBe(false);

    const user = schema('CreateUserDto').properties ?? {};
    expect(user['username']).toMatchObject({ pattern: USERNAME_PATTERN.source });
    expect(user['role']).toEqual({ type: 'string', enum: [...USER_ROLES] });
    expect(user['password']).toMatchObject({
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
    });

    const query = operation('GET /api/cameras').parameters ?? [];
    const param = (name: string) => query.find((p) => p.name === name);
    expect(param('status')).toMatchObject({
      required: false,
      schema: { type: 'string', enum: [...contracts.CAMERA_STATUSES] },
    });
    expect(param('tag')?.schema.items).toMatchObject({ pattern: CameraRules.tagPattern.source });
    // Defaults make these optional, whatever their TypeScript type says.
    expect(param('sort')).toMatchObject({
      required: false,
      schema: { type: 'string', default: 'name' },
    });
    expect(param('limit')).toMatchObject({
      required: false,
      schema: {
        type: 'integer',
        minimum: CameraRules.listLimit.min,
        maximum: CameraRules.listLimit.max,
      },
    });
    expect(operation('GET /api/users/{id}').parameters?.[0]?.schema).toEqual({
      type: 'string',
      format: 'uuid',
    });
  });

  it('documents errors in the one error shape', () => {
    const error = { $ref: '#/components/schemas/ErrorResponseDto' };
    const get = document.paths['/api/cameras/{id}']?.get?.responses ?? {};
    for (const status of ['400', '401', '403', '404']) {
      expect(get[status]).toMatchObject({ content: { 'application/json': { schema: error } } });
    }
    expect(document.paths['/api/cameras']?.post?.responses).toHaveProperty('409');
    expect(document.paths['/api/users/{id}']?.delete?.responses).toHaveProperty('409');
    expect(operation('POST /api/auth/login').responses['429']).toMatchObject({
      content: { 'application/json': { schema: error } },
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
    });
    expect(operation('POST /api/auth/login').responses['401']?.description).toMatch(/password/);
    expect(schema('ErrorResponseDto').required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'details']),
    );
  });

  it('documents who-am-I and the self-service password change', () => {
    const me = document.paths['/api/auth/me']?.get;
    expect(me?.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(me?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/MeResponse' } } },
    });
    expect(schema('MeResponse').required).toEqual(expect.arrayContaining(['kind', 'id', 'role']));
    expect(schema('MeResponse').properties?.['kind']).toMatchObject({
      enum: ['user', 'api-key', 'service'],
    });
    expect(Object.keys(schema('SessionInfoResponse').properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'startedAt', 'lastRefreshedAt', 'expiresAt']),
    );
    const password = document.paths['/api/auth/password']?.post;
    expect(password?.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
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
