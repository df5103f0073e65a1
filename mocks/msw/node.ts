import { setupServer } from 'msw/node';

/**
 * The HTTP side of the city for tests in Node (the component tests). It starts with no handlers: a
 * test states what the page may fetch through a scenario, and anything else fails the test (see
 * tests/support/domSetup.ts).
 */
export const server = setupServer();
