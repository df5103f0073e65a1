import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http';

/** What the wall asks its hub before it starts: which city, which basemap. Public: no token. */
export interface WallConfig {
  city: string;
  basemapStyle: string;
}

export const DEFAULT_BASEMAP_STYLE = '/styles/hue-dark.json';

/**
 * BASEMAP_STYLE lets a city point the wall at its own MapLibre style (a path served next to the
 * app, or an http(s) URL) without rebuilding it. Read on every request so that the value the
 * process was started with is the one served; the wall checks the URL again before using it.
 */
export function wallConfig(env: NodeJS.ProcessEnv = process.env): WallConfig {
  const style = env.BASEMAP_STYLE?.trim();
  return { city: 'Huế', basemapStyle: style || DEFAULT_BASEMAP_STYLE };
}

/** GET /api/config */
export function handleConfig(req: IncomingMessage, res: ServerResponse, env?: NodeJS.ProcessEnv): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET' });
    return;
  }
  sendJson(res, 200, wallConfig(env));
}
