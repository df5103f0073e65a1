import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from '../../mocks/msw/node';

// Set-up of every component test (the `dom` project in vite.config.ts): the MSW server answers the
// page's HTTP with what the test's scenarios allow, and each test starts from an empty document.

/** Requests no scenario answered since the last test ended. */
const unanswered: string[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // 'error' makes the request fail, but a component that catches the failure would hide it: the
  // request is also noted here, and fails the test that made it.
  server.events.on('request:unhandled', ({ request }) => {
    unanswered.push(`${request.method} ${request.url}`);
  });
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  const missed = unanswered.splice(0);
  if (missed.length > 0)
    throw new Error(`no scenario answers ${missed.join(', ')}: add a given… to the test`);
});

afterAll(() => {
  server.close();
});
