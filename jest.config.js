/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	setupFiles: ['<rootDir>/test/setup.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	// The reliability suite watches the whole process (logs, outgoing requests): it runs on its own.
	testPathIgnorePatterns: ['/node_modules/', '/test/reliability/'],
	testTimeout: 30000,
};
