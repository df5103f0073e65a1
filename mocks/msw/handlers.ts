import { http, HttpResponse } from 'msw';
import wardsGeo from '../sim/data/wards-2025.json';

// What the SPA fetches over HTTP, answered from the simulator's data. Each handler stands for one
// resource; the scenarios (mocks/scenarios.ts) put them in front of a test.

/** The URL the page loads the ward boundaries from (the console's mini map). */
export const WARD_SHAPES_URL = '/data/hue/wards-2025.geojson';

/** The ward boundaries as the page's static files serve them (the simulator places things in the same). */
export const wardShapes = http.get(WARD_SHAPES_URL, () => HttpResponse.json(wardsGeo));
