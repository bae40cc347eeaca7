import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// MSW is deliberately not started here: server tests in the same run talk to real sockets.
afterEach(() => {
  cleanup();
});
