module.exports = {
  displayName: 'lpr-engine',
  preset: '../../jest.preset.js',
  testEnvironment: '<rootDir>/jest.onnx-environment.cjs',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/lpr-engine',
};
