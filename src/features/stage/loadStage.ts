import { useEffect, useState } from 'react';
import { parseStage, type StageProfile, type StageVocabulary } from './script';

/** Where the city's stage file is served (public/city/stage.json; a deployment puts its own there). */
export const STAGE_URL = '/city/stage.json';

export type StageLoad =
  | { phase: 'loading' }
  | { phase: 'ready'; stage: StageProfile }
  | { phase: 'failed'; kind: 'invalid' | 'unreachable'; error: string };

/** Fetches and checks the stage file. A file that fails the check is refused whole, with why. */
export async function loadStage(vocabulary: StageVocabulary, url = STAGE_URL): Promise<StageLoad> {
  let raw: unknown;
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) return { phase: 'failed', kind: 'unreachable', error: `${url}: HTTP ${res.status}` };
    raw = await res.json();
  } catch (err) {
    const invalid = err instanceof SyntaxError;
    return {
      phase: 'failed',
      kind: invalid ? 'invalid' : 'unreachable',
      error: `${url}: ${(err as Error).message}`,
    };
  }
  const parsed = parseStage(raw, vocabulary);
  return parsed.ok
    ? { phase: 'ready', stage: parsed.stage }
    : { phase: 'failed', kind: 'invalid', error: parsed.error };
}

/** The city's stage, loaded once per page when `wanted` (a wall with no scene asked for fetches nothing). */
export function useStage(vocabulary: StageVocabulary, wanted = true): StageLoad {
  const [load, setLoad] = useState<StageLoad>({ phase: 'loading' });
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void loadStage(vocabulary).then((l) => live && setLoad(l));
    return () => {
      live = false;
    };
  }, [vocabulary, wanted]);
  return load;
}
