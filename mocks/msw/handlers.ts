import { http, HttpResponse } from 'msw';
import { WARD_SHAPES_URL } from '../../src/shared/city/wardShapes';
import { readWards2025 } from '../sim/wardsFile';

// What the SPA fetches over HTTP, answered from the simulator's data. Each handler stands for one
// resource; the scenarios (mocks/scenarios.ts) put them in front of a test.

export { WARD_SHAPES_URL };

/** The ward boundaries as the page's static files serve them (the simulator places things in the same). */
export const wardShapes = http.get(WARD_SHAPES_URL, () => HttpResponse.json(readWards2025() as object));
