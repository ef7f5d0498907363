const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
// One configuration of the @nestjs/swagger compiler plugin for every service (build configuration,
// not code: the module boundaries do not apply).
// eslint-disable-next-line @nx/enforce-module-boundaries
const swaggerPlugin = require('../camera-registry/swagger-plugin');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/analytics'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      transformers: [{ name: '@nestjs/swagger/plugin', options: swaggerPlugin.options }],
    }),
  ],
};
