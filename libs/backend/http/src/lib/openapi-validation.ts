import { ParseUUIDPipe, type PipeTransform, type Type } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_UNIQUE,
  getMetadataStorage,
  IS_IN,
  IS_INT,
  IS_LENGTH,
  IS_NOT_EMPTY,
  IS_UUID,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  ValidationTypes,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** A controller method, and its operation in the document. */
export interface RouteHandler {
  controller: Type<unknown>;
  key: string;
  operationId: string;
}

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;

interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: (PipeTransform | Type<PipeTransform>)[];
}

/**
 * Writes the class-validator rules of the request DTOs into the document, so that the schema shows
 * exactly what the validation pipe enforces, from the same decorators (and so the same constants).
 * The swagger plugin only sees decorators written on the property itself; our DTOs compose theirs
 * (`CameraName()`, `CameraTags()`, …), apply some to each array item, and use union types for enums.
 */
export function applyValidationRules(
  document: OpenAPIObject,
  handlers: readonly RouteHandler[],
  operations: ReadonlyMap<string, OperationObject>,
): void {
  const schemas = document.components?.schemas ?? {};
  const seen = new Set<Type<unknown>>();
  const describeModel = (cls: Type<unknown>): void => {
    if (seen.has(cls)) return;
    seen.add(cls);
    const schema = schemas[cls.name];
    if (!schema || '$ref' in schema) return;
    for (const [property, rules] of rulesByProperty(cls)) {
      const field = schema.properties?.[property] as SchemaObject | undefined;
      if (!field) continue;
      applyRules(field, rules);
      if (field.default !== undefined) {
        schema.required = schema.required?.filter((name) => name !== property);
      }
      const nested = nestedClass(cls, property, rules);
      if (nested) describeModel(nested);
    }
    if (schema.required?.length === 0) delete schema.required;
    // The validation pipe refuses unknown fields (forbidNonWhitelisted).
    schema.additionalProperties = false;
  };

  for (const handler of handlers) {
    const operation = operations.get(handler.operationId);
    if (!operation) continue;
    for (const { arg, kind, cls } of routeArgs(handler)) {
      if (kind === RouteParamtypes.BODY && arg.data === undefined) describeModel(cls);
      const location =
        kind === RouteParamtypes.QUERY ? 'query' : kind === RouteParamtypes.PARAM ? 'path' : null;
      if (!location) continue;
      const parameters = (operation.parameters ?? []).filter(
        (p): p is ParameterObject => !('$ref' in p) && p.in === location,
      );
      if (arg.data === undefined) {
        for (const [property, rules] of rulesByProperty(cls)) {
          const parameter = parameters.find((p) => p.name === property);
          if (!parameter) continue;
          const schema = (parameter.schema ??= {}) as SchemaObject;
          applyRules(schema, rules);
          if (schema.default !== undefined) parameter.required = false;
        }
      } else if (
        arg.pipes?.some((pipe) => pipe instanceof ParseUUIDPipe || pipe === ParseUUIDPipe)
      ) {
        const parameter = parameters.find((p) => p.name === arg.data);
        if (parameter?.schema && !('$ref' in parameter.schema)) parameter.schema.format = 'uuid';
      }
    }
  }
}

function* routeArgs(handler: RouteHandler) {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, handler.controller, handler.key) ??
    {}) as Record<string, RouteArg>;
  const types = (Reflect.getMetadata(
    PARAMTYPES_METADATA,
    handler.controller.prototype,
    handler.key,
  ) ?? []) as (Type<unknown> | undefined)[];
  for (const [key, arg] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]) as RouteParamtypes;
    const cls = types[arg.index];
    if (cls) yield { arg, kind, cls };
  }
}

function rulesByProperty(cls: Type<unknown>): Map<string, ValidationMetadata[]> {
  const rules = new Map<string, ValidationMetadata[]>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    rules.set(rule.propertyName, [...(rules.get(rule.propertyName) ?? []), rule]);
  }
  return rules;
}

/**
 * The class of a `@ValidateNested()` property, as swagger resolved it for the `$ref` (the design
 * type cannot tell: TypeScript emits `X | null` as `Object`).
 */
function nestedClass(
  cls: Type<unknown>,
  property: string,
  rules: ValidationMetadata[],
): Type<unknown> | undefined {
  if (!rules.some((rule) => rule.type === ValidationTypes.NESTED_VALIDATION)) return undefined;
  const metadata = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, cls.prototype, property) as
    { type?: unknown } | undefined;
  let type = metadata?.type;
  // The plugin's lazy `() => X` (an arrow function has no prototype; a class has).
  if (typeof type === 'function' && !type.prototype) type = (type as () => unknown)();
  if (Array.isArray(type)) type = type[0];
  return typeof type === 'function' ? (type as Type<unknown>) : undefined;
}

/** One JSON-schema keyword per rule; rules with no schema equivalent stay in the error messages only. */
function applyRules(schema: SchemaObject, rules: readonly ValidationMetadata[]): void {
  for (const rule of rules) {
    if (rule.type !== ValidationTypes.CUSTOM_VALIDATION) continue;
    const target = rule.each ? itemsOf(schema) : schema;
    const [first, second] = (rule.constraints ?? []) as unknown[];
    switch (rule.name) {
      case IS_LENGTH:
        target.minLength = first as number;
        if (second !== undefined) target.maxLength = second as number;
        break;
      case MIN_LENGTH:
        target.minLength = first as number;
        break;
      case MAX_LENGTH:
        target.maxLength = first as number;
        break;
      case IS_NOT_EMPTY:
        if (target.type === 'string') target.minLength ??= 1;
        break;
      case MATCHES:
        addPattern(target, first as RegExp | string, second as string | undefined);
        break;
      case MIN:
        target.minimum = first as number;
        break;
      case MAX:
        target.maximum = first as number;
        break;
      case IS_INT:
        target.type = 'integer';
        break;
      case IS_IN:
        setEnum(target, first as readonly unknown[]);
        break;
      case ARRAY_MIN_SIZE:
        schema.minItems = first as number;
        break;
      case ARRAY_MAX_SIZE:
        schema.maxItems = first as number;
        break;
      case ARRAY_UNIQUE:
        schema.uniqueItems = true;
        break;
      case IS_UUID:
        target.format = 'uuid';
        break;
    }
  }
}

function itemsOf(schema: SchemaObject): SchemaObject {
  if (!schema.items || '$ref' in schema.items) schema.items = {};
  return schema.items as SchemaObject;
}

/** A union of literals reaches the schema as `Object` (a `$ref`); the rule knows the real values. */
function setEnum(schema: SchemaObject, values: readonly unknown[]): void {
  const types = new Set(values.map((value) => typeof value));
  delete (schema as Partial<ReferenceObject>).$ref;
  delete schema.allOf;
  if (types.size === 1) schema.type = [...types][0];
  schema.enum = [...values];
}

/**
 * JSON Schema patterns are ECMA-262 with Unicode semantics (the `u` flag); other flags have no
 * equivalent, so such a rule would be misdescribed and fails loudly instead.
 */
function addPattern(schema: SchemaObject, pattern: RegExp | string, flags = ''): void {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  const allFlags = typeof pattern === 'string' ? flags : pattern.flags + flags;
  if (allFlags.replace('u', '') !== '') {
    throw new Error(`pattern /${source}/${allFlags} has flags OpenAPI cannot express`);
  }
  if (schema.pattern === undefined) schema.pattern = source;
  else (schema.allOf ??= []).push({ pattern: source });
}
