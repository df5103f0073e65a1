import { INCIDENT_CATEGORIES } from '../../shared/protocol/codes';

/** Every pictogram in the atlas: one per known category, `other` for the rest, and the camera. */
export const ICON_NAMES = [...INCIDENT_CATEGORIES, 'other', 'camera'] as const;
export type IconName = (typeof ICON_NAMES)[number];

const CELL = 64;
const COLUMNS = 8;

export interface IconFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  mask: true;
}

/** Where each pictogram sits in the atlas. Mask icons: deck.gl paints them in the layer's colour. */
export function iconMapping(): Record<IconName, IconFrame> {
  return Object.fromEntries(
    ICON_NAMES.map((name, i) => [
      name,
      { x: (i % COLUMNS) * CELL, y: Math.floor(i / COLUMNS) * CELL, width: CELL, height: CELL, mask: true },
    ]),
  ) as Record<IconName, IconFrame>;
}

const known = new Set<string>(INCIDENT_CATEGORIES);
/** The pictogram of a category; a category the profile does not know shows as `other`. */
export function iconFor(category: string): IconName {
  return known.has(category) ? (category as IconName) : 'other';
}

type Draw = (g: CanvasRenderingContext2D) => void;

// Pictograms drawn in a 64×64 cell, white on transparent, thick enough to read at 20 px.
const DRAW: Record<IconName, Draw> = {
  waste: (g) => {
    g.fillRect(18, 22, 28, 30);
    g.fillRect(14, 14, 36, 5);
    g.fillRect(27, 9, 10, 5);
  },
  'illegal-discharge': (g) => {
    g.beginPath();
    g.moveTo(32, 8);
    g.bezierCurveTo(44, 26, 48, 32, 48, 40);
    g.arc(32, 40, 16, 0, Math.PI);
    g.bezierCurveTo(16, 32, 20, 26, 32, 8);
    g.fill();
  },
  'illegal-construction': (g) => {
    g.beginPath();
    g.moveTo(10, 32);
    g.lineTo(32, 10);
    g.lineTo(54, 32);
    g.lineTo(48, 32);
    g.lineTo(48, 54);
    g.lineTo(16, 54);
    g.lineTo(16, 32);
    g.fill();
  },
  'road-damage': (g) => {
    g.fillRect(10, 8, 6, 48);
    g.fillRect(48, 8, 6, 48);
    g.beginPath();
    g.moveTo(30, 8);
    g.lineTo(38, 22);
    g.lineTo(28, 34);
    g.lineTo(38, 56);
    g.stroke();
  },
  'sidewalk-encroachment': (g) => {
    g.beginPath();
    g.moveTo(8, 28);
    g.lineTo(32, 10);
    g.lineTo(56, 28);
    g.fill();
    g.fillRect(14, 34, 36, 6);
    g.fillRect(17, 40, 5, 14);
    g.fillRect(42, 40, 5, 14);
  },
  manhole: (g) => {
    g.beginPath();
    g.arc(32, 32, 22, 0, 2 * Math.PI);
    g.stroke();
    for (const y of [24, 32, 40]) g.fillRect(18, y - 2, 28, 4);
  },
  'illegal-parking': (g) => glyph(g, 'P'),
  flooding: (g) => {
    for (const y of [20, 34, 48]) {
      g.beginPath();
      g.moveTo(8, y);
      g.bezierCurveTo(18, y - 8, 22, y + 8, 32, y);
      g.bezierCurveTo(42, y - 8, 46, y + 8, 56, y);
      g.stroke();
    }
  },
  streetlight: (g) => {
    g.fillRect(20, 14, 5, 44);
    g.fillRect(20, 12, 26, 5);
    g.beginPath();
    g.arc(44, 22, 8, 0, Math.PI);
    g.fill();
  },
  telecom: (g) => {
    g.fillRect(29, 22, 6, 36);
    for (const r of [10, 18]) {
      g.beginPath();
      g.arc(32, 20, r, Math.PI * 1.15, Math.PI * 1.85);
      g.stroke();
    }
  },
  trees: (g) => {
    g.beginPath();
    g.moveTo(32, 6);
    g.lineTo(52, 44);
    g.lineTo(12, 44);
    g.fill();
    g.fillRect(28, 44, 8, 14);
  },
  'urban-order': (g) => {
    g.fillRect(14, 8, 5, 50);
    g.beginPath();
    g.moveTo(19, 10);
    g.lineTo(52, 18);
    g.lineTo(19, 32);
    g.fill();
  },
  other: (g) => glyph(g, '!'),
  camera: (g) => {
    g.fillRect(8, 20, 34, 24);
    g.beginPath();
    g.moveTo(42, 32);
    g.lineTo(56, 20);
    g.lineTo(56, 44);
    g.fill();
  },
};

function glyph(g: CanvasRenderingContext2D, text: string): void {
  g.font = '700 48px "Be Vietnam Pro", sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(text, 32, 35);
}

/** Draws the atlas once, in the browser, as a data URL (deck.gl loads it like an image, offline). */
export function drawIconAtlas(): string {
  const canvas = document.createElement('canvas');
  canvas.width = COLUMNS * CELL;
  canvas.height = Math.ceil(ICON_NAMES.length / COLUMNS) * CELL;
  const g = canvas.getContext('2d')!;
  const mapping = iconMapping();
  g.fillStyle = '#fff';
  g.strokeStyle = '#fff';
  g.lineWidth = 6;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  for (const name of ICON_NAMES) {
    const { x, y } = mapping[name];
    g.save();
    g.translate(x, y);
    DRAW[name](g);
    g.restore();
  }
  return canvas.toDataURL('image/png');
}
