module.exports = {
  displayName: 'analytics:db',
  preset: '../../jest.preset.js',
  ...require('../../libs/backend/testing/jest.db.preset.js'),
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
};
