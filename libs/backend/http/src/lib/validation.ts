import {
  ArgumentMetadata,
  BadRequestException,
  Type,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { ErrorDetail } from '@gt-vision/shared-types';
import Ajv, { type ValidateFunction } from 'ajv';

/** Flattens nested class-validator errors into `{field, problem}` with dotted paths (`location.lat`). */
export function detailsOf(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...detailsOf(error.children ?? [], field)];
  });
}

/**
 * Dotted paths of the strings in `value` that contain a NUL character. PostgreSQL cannot store NUL in
 * text, so such a value would fail at the database with a 500; it is refused here, for every route.
 */
export function fieldsWithNul(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'value'] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    fieldsWithNul(item, path ? `${path}.${key}` : key),
  );
}

/**
 * A request body whose DTO also has a JSON Schema, compiled once, that is no looser than the DTO's
 * decorators: a body the schema accepts is used as it is; any other goes through class-validator,
 * which accepts it or names each bad field. Only for hot paths (ingest's batches), where
 * class-validator's per-object cost dominates.
 */
export interface CompiledBody {
  dto: Type<unknown>;
  schema: object;
}

export interface ValidationPipeOptions {
  compiled?: CompiledBody[];
  /** String checks the schemas name as `format`. */
  formats?: Record<string, (value: string) => boolean>;
}

/** Unknown fields are refused rather than dropped: a typo in a client must not pass silently. */
export function createValidationPipe(options: ValidationPipeOptions = {}): ValidationPipe {
  return new RequestValidationPipe(options);
}

/**
 * The global pipe: the NUL check on every body, query and route parameter; then a compiled schema
 * where the body's DTO has one; then class-validator.
 */
class RequestValidationPipe extends ValidationPipe {
  private readonly compiled = new Map<Type<unknown>, ValidateFunction>();

  constructor({ compiled = [], formats = {} }: ValidationPipeOptions) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException({
          message: 'request validation failed',
          details: detailsOf(errors),
        }),
    });
    if (compiled.length === 0) return;
    // First failure only: a refused body is handed to class-validator, which names every problem.
    const ajv = new Ajv({ allErrors: false, strict: true });
    for (const [name, validate] of Object.entries(formats)) {
      ajv.addFormat(name, { type: 'string', validate });
    }
    for (const { dto, schema } of compiled) this.compiled.set(dto, ajv.compile(schema));
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = fieldsWithNul(value, metadata.data ?? '');
      if (fields.length > 0) {
        throw new BadRequestException({
          message: 'request validation failed',
          details: fields.map((field) => ({ field, problem: 'must not contain a NUL character' })),
        });
      }
    }
    const check =
      metadata.type === 'body' && metadata.metatype
        ? this.compiled.get(metadata.metatype)
        : undefined;
    if (check?.(value)) return value;
    return super.transform(value, metadata);
  }
}
