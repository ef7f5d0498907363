import { ConfigClass, ConfigValidationError, validateEnv } from './env';

/**
 * Every config class a service's modules declare, validated together once at start-up so that a
 * misconfigured process names all of its bad variables in one message rather than one per restart.
 */
const declared = new Set<ConfigClass>();
const loaded = new Map<ConfigClass, object>();

export function declareConfig(cls: ConfigClass): void {
  declared.add(cls);
}

export function loadDeclaredConfig(env: Record<string, string | undefined>): void {
  const problems: ConfigValidationError['problems'] = [];
  for (const cls of declared) {
    try {
      loaded.set(cls, validateEnv(cls, env));
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
}

export function loadedConfig<T extends object>(cls: ConfigClass<T>): T {
  const config = loaded.get(cls);
  if (!config) throw new Error(`${cls.name} was read before the configuration was loaded`);
  return config as T;
}
