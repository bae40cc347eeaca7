// The V8 flags the all-in-one runs with, wherever it is started: `npm start` (package.json),
// the `tracelens` command (this folder's shebang), and the benchmarks and end-to-end tests that
// start it as its own process. Node refuses them in NODE_OPTIONS and V8 cannot take them once
// running, so each of those places passes them on the command line. src/server/nodeFlags.test.ts
// checks that they agree; docs/adr/0016-single-threaded-gc.md says why.
export const SERVER_NODE_FLAGS = ['--single-threaded-gc'];
