const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // jose ships ES modules only: ts-jest turns its files into CommonJS like ours. Every other package
  // stays untransformed (the default).
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
