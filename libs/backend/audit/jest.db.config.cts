module.exports = {
  displayName: 'backend-audit:db',
  preset: '../../../jest.preset.js',
  ...require('../testing/jest.db.preset.js'),
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
};
