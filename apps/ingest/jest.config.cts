module.exports = {
  displayName: 'ingest',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        // The build's swagger plugin, so that OpenAPI tests see the schemas the service serves.
        astTransformers: { before: ['<rootDir>/swagger-plugin.js'] },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/ingest',
};
