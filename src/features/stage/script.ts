import { z } from '../../shared/zod';

/**
 * The city profile's stage: scenes (a layout, a map view, the map's layers and the panels on show),
 * playlists that rotate scenes, and the delegation tour's script. A city writes its own as JSON
 * (public/city/stage.json; docs/stage.md); it is checked here when the page loads it, and a bad file
 * is refused whole with the path of its first bad field, never half applied.
 */

/** What the stage may name; given by src/app, which knows the map's layers and the wall's panels. */
export interface StageVocabulary {
  layers: readonly string[];
  panels: readonly string[];
  kpis: readonly string[];
  streamFigures: readonly string[];
}

const text = z.string().trim().min(1).max(400);
const bilingual = z.object({ vi: text, en: text }).strict();

const mapView = z
  .object({
    center: z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85)]),
    zoom: z.number().min(0).max(22),
    pitch: z.number().min(0).max(85),
    bearing: z.number().min(-360).max(360),
  })
  .strict();
export type StageView = z.infer<typeof mapView>;

const seconds = (min: number, max: number) => z.number().int(`whole seconds`).min(min).max(max);

function schemaFor(v: StageVocabulary) {
  const oneOf = (list: readonly string[], what: string) =>
    z
      .string()
      .refine((s) => list.includes(s), { message: `not a known ${what} (one of: ${list.join(', ')})` });
  const scene = z
    .object({
      title: bilingual,
      /** a layout id of the wall; absent: the screen's own */
      layout: z.string().max(40).optional(),
      view: mapView,
      layers: z
        .object(Object.fromEntries(v.layers.map((l) => [l, z.boolean().optional()])))
        .strict()
        .optional(),
      panels: z.array(oneOf(v.panels, 'panel')).max(20),
    })
    .strict();
  const figure = z.union([
    z.object({ kpi: oneOf(v.kpis, 'indicator') }).strict(),
    z.object({ stream: oneOf(v.streamFigures, 'stream figure') }).strict(),
  ]);
  const playlist = z
    .object({
      title: bilingual,
      steps: z
        .array(z.object({ scene: z.string(), dwellSeconds: seconds(5, 3600) }).strict())
        .min(1)
        .max(50),
      /** how long a person's touch or key holds the rotation */
      pauseOnInputSeconds: seconds(5, 3600).default(120),
    })
    .strict();
  const tourStep = z
    .object({
      scene: z.string(),
      dwellSeconds: seconds(5, 600),
      title: bilingual,
      caption: bilingual,
      figure,
    })
    .strict();
  return z
    .object({
      version: z.literal(1),
      scenes: z.record(z.string().regex(/^[a-z0-9-]{1,40}$/, 'scene ids are a-z, 0-9 and -'), scene),
      playlists: z.record(z.string().regex(/^[a-z0-9-]{1,40}$/, 'playlist ids are a-z, 0-9 and -'), playlist),
      tour: z.object({ steps: z.array(tourStep).min(1).max(30) }).strict(),
    })
    .strict()
    .superRefine((s, ctx) => {
      // A scene named by a playlist or the tour must exist: a typo would otherwise show a blank stage.
      const known = (id: string, path: (string | number)[]) => {
        if (!(id in s.scenes)) ctx.addIssue({ code: 'custom', path, message: `no scene "${id}" in scenes` });
      };
      for (const [id, p] of Object.entries(s.playlists))
        p.steps.forEach((st, i) => known(st.scene, ['playlists', id, 'steps', i, 'scene']));
      s.tour.steps.forEach((st, i) => known(st.scene, ['tour', 'steps', i, 'scene']));
    });
}

export type StageProfile = z.infer<ReturnType<typeof schemaFor>>;
export type Scene = StageProfile['scenes'][string];
export type Playlist = StageProfile['playlists'][string];
export type TourStep = StageProfile['tour']['steps'][number];
export type StageFigure = TourStep['figure'];

/** `steps[3].caption.en` from zod's path. */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(the file)';
}

export type StageParse = { ok: true; stage: StageProfile } | { ok: false; error: string };

/** Checks a stage file; the error names the first bad field and says what is wrong with it. */
export function parseStage(raw: unknown, vocabulary: StageVocabulary): StageParse {
  const r = schemaFor(vocabulary).safeParse(raw);
  if (r.success) return { ok: true, stage: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, error: `${pathText(issue.path)}: ${issue.message}` };
}
