#!/usr/bin/env node
// Prints a TCP port on 127.0.0.1 that is free right now.
'use strict';

const server = require('node:net').createServer();
server.listen(0, '127.0.0.1', () => {
	const { port } = server.address();
	server.close(() => console.log(port));
});
