/**
 * The recognition worker as jest runs it: worker threads load plain Node modules, not jest's
 * transformed ones, so this compiles the TypeScript worker with ts-node (types are only erased).
 * The service's bundle loads dist/apps/lpr-engine/recognize.worker.js instead.
 */
require('ts-node').register({
  transpileOnly: true,
  project: require('node:path').join(__dirname, 'tsconfig.spec.json'),
  // The spec config's moduleResolution (node10, for jest) is deprecated in TypeScript 6: a diagnostic
  // ts-node raises as an error when Nx runs the tests, though it changes nothing in the emitted code.
  compilerOptions: { ignoreDeprecations: '6.0' },
});
module.exports = require('./src/recognize/recognize.worker.ts');
