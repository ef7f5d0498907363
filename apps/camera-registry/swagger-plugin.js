/**
 * The @nestjs/swagger compiler plugin, configured once for the webpack build and for jest (as a
 * ts-jest AST transformer), so that tests see the schemas the service serves. Our DTOs live in
 * shared-types without a `.dto.ts` suffix; the plugin matches file names by substring.
 */
const plugin = require('@nestjs/swagger/plugin');

const options = {
  classValidatorShim: true,
  introspectComments: true,
  dtoFileNameSuffix: ['.dto.ts', '.params.ts', 'libs/shared-types/src/lib/'],
  controllerFileNameSuffix: ['.controller.ts'],
};

module.exports = {
  options,
  // ts-jest's transformer contract.
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler) => plugin.before(options, compiler.program),
};
