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
  return new CompiledSchemaValidationPipe(options);
}

class CompiledSchemaValidationPipe extends ValidationPipe {
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

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const check =
      metadata.type === 'body' && metadata.metatype
        ? this.compiled.get(metadata.metatype)
        : undefined;
    if (check?.(value)) return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}
