import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

type DtoClass = new () => object;

/** Validates as the services' global pipe does: transform, refuse unknown fields, dotted paths. */
export function checkDto(cls: DtoClass, plain: object): { value: object; fields: string[] } {
  const value = plainToInstance(cls, plain);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  const fields = (list: ValidationError[], parent = ''): string[] =>
    list.flatMap((e) => {
      const field = parent ? `${parent}.${e.property}` : e.property;
      return [...(e.constraints ? [field] : []), ...fields(e.children ?? [], field)];
    });
  return { value, fields: [...new Set(fields(errors))] };
}
