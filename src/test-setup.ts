import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default; on a loaded 2-core CI machine the trace worker
// and MSW can take longer than that to answer, which is slowness, not failure.
configure({ asyncUtilTimeout: 5000 });

// MSW is deliberately not started here: server tests in the same run talk to real sockets.
afterEach(() => {
  cleanup();
});
