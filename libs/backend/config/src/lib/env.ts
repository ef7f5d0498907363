import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

export type ConfigClass<T extends object = object> = new () => T;

/** Thrown when the environment does not satisfy a config class; lists every bad variable at once. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(
      'invalid configuration: ' + problems.map((p) => `${p.variable}: ${p.problem}`).join('; '),
    );
    this.name = 'ConfigValidationError';
  }
}

/** Environment numbers; a non-numeric string becomes NaN, which the number validators refuse. */
export function EnvNumber(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? Number(value) : value));
}

/** Environment booleans are the strings "true"/"false"; anything else is left for validation to refuse. */
export function EnvBoolean(): PropertyDecorator {
  return Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
}

/** Comma-separated environment lists, e.g. `KAFKA_BROKERS=a:9092,b:9092`. */
export function EnvList(): PropertyDecorator {
  return Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  );
}

function declaredVariables(cls: ConfigClass): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** One problem per variable: "is required" when it is unset, else what its value breaks. */
function problemsOf(errors: ValidationError[]): { variable: string; problem: string }[] {
  return errors.map((e) => ({
    variable: e.property,
    problem:
      e.value === undefined
        ? 'is required but not set'
        : Object.values(e.constraints ?? {})
            .map((text) => text.replace(`${e.property} `, ''))
            .join(', '),
  }));
}

/**
 * Reads the variables a config class declares (property name = variable name) from `env`, converts
 * them, applies the class's defaults and validates. Only declared variables are read, so the rest
 * of the environment never leaks into a config object.
 */
export function validateEnv<T extends object>(
  cls: ConfigClass<T>,
  env: Record<string, string | undefined>,
): T {
  const plain: Record<string, string> = {};
  for (const name of declaredVariables(cls)) {
    const value = env[name];
    if (value !== undefined && value !== '') plain[name] = value;
  }
  const instance = plainToInstance(cls, plain, { exposeDefaultValues: true });
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(problemsOf(errors));
  return instance;
}
