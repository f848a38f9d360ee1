/** The reliability suite, in a process of its own (see jest.config.js). */
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/test/reliability'], testPathIgnorePatterns: ['/node_modules/'] };
