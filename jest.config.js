/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	setupFiles: ['<rootDir>/test/setup.ts'],
	// Type checking is the build's job (tsc); jest only strips types, which keeps the suite fast.
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 30000,
};
