module.exports = {
  displayName: 'backend-testing:db',
  preset: '../../../jest.preset.js',
  ...require('./jest.db.preset.js'),
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
};
