import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '@gt-vision/backend-auth';
import type { ErrorDetail, ErrorResponse } from '@gt-vision/shared-types';
import {
  ApiProperty,
  DocumentBuilder,
  getSchemaPath,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';

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
 * The service's OpenAPI document, built from its controllers and DTOs. Which operations need
 * credentials is read from the same `@Public()` metadata the global AuthGuard honours, so the
 * document cannot claim a route is open when the guard refuses it, or the reverse.
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
  const publicOperations = findPublicOperations(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = publicOperations.has(operation.operationId ?? '');
      if (isPublic) operation.security = [];
      addErrorResponses(operation, path, isPublic);
    }
  }
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

function findPublicOperations(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        if (key === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[key];
        if (typeof handler !== 'function') continue;
        const handlerPublic = Reflect.getMetadata(IS_PUBLIC, handler) as boolean | undefined;
        if (handlerPublic ?? classPublic) ids.add(operationId(controller.name, key));
      }
    }
  }
  return ids;
}

/** The statuses every operation can answer by construction (pipe, guard, `:id` lookups), in our one shape. */
function addErrorResponses(operation: OperationObject, path: string, isPublic: boolean): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } },
  });
  const responses = operation.responses;
  const takesInput = Boolean(operation.requestBody) || (operation.parameters?.length ?? 0) > 0;
  if (takesInput)
    responses['400'] ??= error('The request is invalid; `details` names each bad field');
  if (!isPublic) {
    responses['401'] ??= error('Missing, expired, revoked or unknown credentials');
    responses['403'] ??= error('The caller’s role may not call this operation');
  }
  if (path.includes('{')) responses['404'] ??= error('No such resource');
}
