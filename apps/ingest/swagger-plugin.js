/**
 * The @nestjs/swagger compiler plugin, configured once for the webpack build and for jest (as a
 * ts-jest AST transformer), so that tests see the schemas the service serves. Our DTOs live in
 * shared-types without a `.dto.ts` suffix; the plugin matches file names by substring. Validation
 * rules are not read by the plugin's shim (it misses composed decorators and `each`): the document
 * takes them from class-validator's own metadata at run time (backend-http's openapi-validation).
 */
const plugin = require('@nestjs/swagger/plugin');

const options = {
  classValidatorShim: false,
  introspectComments: true,
  dtoFileNameSuffix: ['.dto.ts', '.params.ts', '.responses.ts', 'libs/shared-types/src/lib/'],
  controllerFileNameSuffix: ['.controller.ts'],
};

module.exports = {
  options,
  // ts-jest's transformer contract.
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler) => plugin.before(options, compiler.program),
};
