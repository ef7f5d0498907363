import { plainToInstance, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/*
 * Building blocks for the DTO classes. They avoid class-transformer's `@Type()`, which calls
 * `Reflect.getMetadata` when a class is declared and so would need the reflect-metadata polyfill in
 * the console, which imports these classes too.
 */

export function composeDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** The field may be left out, but `null` is refused: only fields that can be cleared accept it. */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}

export function Trim(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
}

/** Control characters (NUL above all) have no place in names and PostgreSQL refuses NUL in text. */
export function NoControlCharacters(): PropertyDecorator {
  return Matches(/^\P{Cc}*$/u, { message: '$property must not contain control characters' });
}

/** A nested object validated as `cls`; errors are reported by dotted path (`location.lat`). */
export function NestedObject(cls: new () => object): PropertyDecorator {
  return composeDecorators(
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Transform(({ value }) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !(value instanceof cls)
        ? plainToInstance(cls, value)
        : value,
    ),
  );
}

/** An array of nested DTOs validated item by item; errors are reported as `alternatives.2.plate`. */
export function NestedArray(cls: new () => object, max: number): PropertyDecorator {
  return composeDecorators(
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Transform(({ value }) =>
      Array.isArray(value)
        ? value.map((item) =>
            typeof item === 'object' && item !== null && !(item instanceof cls)
              ? plainToInstance(cls, item)
              : item,
          )
        : value,
    ),
  );
}

/** Query-string booleans: exactly `true` or `false`; anything else is left for `@IsBoolean` to refuse. */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
}

/** Query-string and path integers in plain decimal; anything else is left for `@IsInt` to refuse. */
export function DecimalInteger(): PropertyDecorator {
  return Transform(({ value }) =>
    typeof value === 'string' && /^[+-]?\d{1,15}$/.test(value) ? Number(value) : value,
  );
}
