#!/usr/bin/env -S node --single-threaded-gc
// The all-in-one CLI. The server is TypeScript run through tsx's loader, so there is no
// separate server build to keep in step with the source.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
