// `npm run check:stage -- FILE`: checks a city's stage file (scenes, playlists, the tour) as the page
// will when it loads it, and prints `ok` or the first bad field. Default: public/city/stage.json.
import { readFileSync } from 'node:fs';
import { STAGE_VOCABULARY } from '../src/app/stageVocabulary';
import { parseStage } from '../src/features/stage/script';

const file = process.argv[2] ?? 'public/city/stage.json';
let raw: unknown;
try {
  raw = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`${file}: ${(err as Error).message}`);
  process.exit(1);
}
const r = parseStage(raw, STAGE_VOCABULARY);
if (!r.ok) {
  console.error(`${file}: ${r.error}`);
  process.exit(1);
}
console.log(
  `${file}: ok (${Object.keys(r.stage.scenes).length} scenes, ${Object.keys(r.stage.playlists).length} playlists, a tour of ${r.stage.tour.steps.length})`,
);
