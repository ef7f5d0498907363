import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ALLOWED_ROLES, IS_PUBLIC } from '@gt-vision/backend-auth';
import {
  API_KEY_ROLES,
  type ErrorDetail,
  type ErrorResponse,
  type Role,
} from '@gt-vision/shared-types';
import {
  ApiProperty,
  DocumentBuilder,
  getSchemaPath,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { applyValidationRules, type RouteHandler } from './openapi-validation';

/** Where every service serves its own document: the UI here, the JSON at `${OPENAPI_PATH}-json`. */
export const OPENAPI_PATH = 'api/docs';
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';

export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
}

// Schema twins of the shared-types interfaces: shared-types is imported by the console too, so it
// must not depend on @nestjs/swagger.
export class ErrorDetailDto implements ErrorDetail {
  @ApiProperty({ example: 'location.lat' })
  field!: string;

  @ApiProperty({ example: 'must not be greater than 90' })
  problem!: string;
}

export class ErrorResponseDto implements ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ example: 'location.lat must not be greater than 90' })
  message!: string;

  @ApiProperty({ type: [ErrorDetailDto] })
  details!: ErrorDetailDto[];
}

type PathItemObject = OpenAPIObject['paths'][string];
type OperationObject = NonNullable<PathItemObject['get']>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * The service's OpenAPI document, built from its controllers and DTOs, completed with what the
 * decorators alone do not say: each operation's credentials and roles (from the AuthGuard's
 * metadata), the errors it can answer, and the validation rules of its request DTOs.
 */
export function createOpenApiDocument(
  app: INestApplication,
  options: OpenApiOptions,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setVersion(options.version)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from POST /api/auth/login',
      },
      BEARER_SCHEME,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Key',
        description: 'Machine clients (integrations)',
      },
      API_KEY_SCHEME,
    )
    // Either scheme; public operations override this with an empty list.
    .addSecurityRequirements(BEARER_SCHEME)
    .addSecurityRequirements(API_KEY_SCHEME);
  if (options.description) builder.setDescription(options.description);

  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ErrorResponseDto],
    operationIdFactory: operationId,
  });
  const handlers = findRouteHandlers(app);
  const operations = new Map<string, OperationObject>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      operations.set(operation.operationId, operation);
      const access = handlers.find((h) => h.operationId === operation.operationId)?.access ?? {
        isPublic: false,
      };
      describeAccess(operation, access);
      addErrorResponses(operation, path, access);
      // A 204 has no body, whatever the handler's return type made the plugin infer.
      const noContent = operation.responses['204'];
      if (noContent && 'content' in noContent) delete noContent.content;
    }
  }
  applyValidationRules(document, handlers, operations);
  pruneUnusedSchemas(document);
  return document;
}

/** Serves the document at `/api/docs` (Swagger UI, assets from node_modules) and `/api/docs-json`. */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): void {
  // Registered on the HTTP adapter before Nest's own routes and middleware, so these routes are
  // answered without authentication: the document describes the API, it grants nothing.
  SwaggerModule.setup(OPENAPI_PATH, app, () => createOpenApiDocument(app, options), {
    // No badge fetched from validator.swagger.io: the UI works offline and phones nowhere.
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
    customSiteTitle: `${options.title} API`,
  });
}

function operationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey}_${methodKey}`;
}

interface Access {
  isPublic: boolean;
  /** From `@AllowRoles()`: `undefined` lets any authenticated caller in, `[]` only GT-Vision services. */
  roles?: readonly Role[];
}

/**
 * Every route handler with the access the global AuthGuard grants it, read from the same
 * `@Public()` and `@AllowRoles()` metadata (handler over class), so the document cannot claim a
 * route is open when the guard refuses it, or the reverse.
 */
function findRouteHandlers(app: INestApplication): (RouteHandler & { access: Access })[] {
  const handlers: (RouteHandler & { access: Access })[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        if (key === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[key];
        if (typeof handler !== 'function') continue;
        const metadata = <T>(name: string) =>
          (Reflect.getMetadata(name, handler) ?? Reflect.getMetadata(name, controller)) as
            T | undefined;
        handlers.push({
          controller,
          key,
          operationId: operationId(controller.name, key),
          access: {
            isPublic: metadata<boolean>(IS_PUBLIC) === true,
            roles: metadata<Role[]>(ALLOWED_ROLES),
          },
        });
      }
    }
  }
  return handlers;
}

/** Who may call the operation, stated on each one: its schemes, and its roles in the description. */
function describeAccess(operation: OperationObject, { isPublic, roles }: Access): void {
  let who: string;
  if (isPublic) {
    operation.security = [];
    who = 'Public: no credentials needed.';
  } else {
    // API keys never carry admin, so admin-only operations accept access tokens only.
    const keys = !roles || roles.some((role) => (API_KEY_ROLES as readonly Role[]).includes(role));
    operation.security = keys
      ? [{ [BEARER_SCHEME]: [] }, { [API_KEY_SCHEME]: [] }]
      : [{ [BEARER_SCHEME]: [] }];
    who = !roles
      ? 'Any authenticated caller.'
      : roles.length === 0
        ? 'GT-Vision services only (internal service token).'
        : `Roles: ${roles.join(', ')}.`;
  }
  operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
}

/** Drops schemas nothing refers to, such as the `Object` placeholder of enum unions once replaced. */
function pruneUnusedSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas;
  if (!schemas) return;
  const used = new Set<string>();
  const visit = (value: unknown) => {
    for (const [, name] of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (used.has(name)) continue;
      used.add(name);
      visit(schemas[name]);
    }
  };
  visit(document.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

/** The statuses every operation can answer by construction (pipe, guard, `:id` lookups), in our one shape. */
function addErrorResponses(operation: OperationObject, path: string, access: Access): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } },
  });
  const responses = operation.responses;
  const takesInput = Boolean(operation.requestBody) || (operation.parameters?.length ?? 0) > 0;
  if (takesInput)
    responses['400'] ??= error('The request is invalid; `details` names each bad field');
  if (!access.isPublic) {
    responses['401'] ??= error('Missing, expired, revoked or unknown credentials');
  }
  if (!access.isPublic && access.roles) {
    responses['403'] ??= error('The caller’s role may not call this operation');
  }
  if (path.includes('{')) responses['404'] ??= error('No such resource');
}
