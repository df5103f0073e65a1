import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { zxyToTileId } from 'pmtiles';
import { encodePng, solidImage } from './png';

// A PMTiles v3 archive small enough to write in a test: the same raster tile (one solid colour)
// for every tile of the world at zooms min..max. Every zoom level is one contiguous run of tile
// IDs on the Hilbert curve, so the whole archive is one stored tile and a directory of one entry
// per zoom. Uncompressed directories and metadata keep it readable with a hex dump.
// Layout (spec v3): header (127 bytes) | root directory | JSON metadata | tile data.

const HEADER_BYTES = 127;
/** readers fetch the first 16 KiB and expect header and root directory inside it */
const FIRST_FETCH_BYTES = 16_384;
const COMPRESSION_NONE = 1;
const TILE_TYPE_PNG = 2;

export interface SolidArchiveOptions {
  rgb: readonly [number, number, number];
  minZoom?: number;
  maxZoom?: number;
  /** where a viewer starts */
  center?: { lon: number; lat: number; zoom: number };
}

function varints(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    // arithmetic, not bit operations: tile IDs and run lengths pass 2^32
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return out;
}

export function solidPmtiles(opts: SolidArchiveOptions): Buffer {
  const minZoom = opts.minZoom ?? 0;
  const maxZoom = opts.maxZoom ?? 14;
  const tile = encodePng(solidImage(256, 256, opts.rgb));

  const entries: { tileId: number; runLength: number }[] = [];
  for (let z = minZoom; z <= maxZoom; z++) entries.push({ tileId: zxyToTileId(z, 0, 0), runLength: 4 ** z });
  // A directory: count, tile-ID deltas, run lengths, lengths, offsets (+1; 0 would mean "right
  // after the previous tile", and here every entry points back at the one tile at offset 0).
  const directory = Buffer.from(
    varints([
      entries.length,
      ...entries.map((e, i) => e.tileId - (i > 0 ? entries[i - 1]!.tileId : 0)),
      ...entries.map((e) => e.runLength),
      ...entries.map(() => tile.length),
      ...entries.map(() => 1),
    ]),
  );
  const metadata = Buffer.from(JSON.stringify({ name: 'solid test tiles', attribution: 'test fixture' }));

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + directory.length;
  const tileOffset = metadataOffset + metadata.length;
  if (metadataOffset > FIRST_FETCH_BYTES) throw new Error('root directory does not fit the first 16 KiB');

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, rootOffset);
  u64(16, directory.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, tileOffset); // no leaf directories
  u64(48, 0);
  u64(56, tileOffset);
  u64(64, tile.length);
  u64(
    72,
    entries.reduce((n, e) => n + e.runLength, 0),
  );
  u64(80, entries.length);
  u64(88, 1);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(COMPRESSION_NONE, 97);
  header.writeUInt8(COMPRESSION_NONE, 98);
  header.writeUInt8(TILE_TYPE_PNG, 99);
  header.writeUInt8(minZoom, 100);
  header.writeUInt8(maxZoom, 101);
  const e7 = (at: number, deg: number) => header.writeInt32LE(Math.round(deg * 1e7), at);
  e7(102, -180);
  e7(106, -85);
  e7(110, 180);
  e7(114, 85);
  const center = opts.center ?? { lon: 107.585, lat: 16.462, zoom: Math.min(maxZoom, 12) };
  header.writeUInt8(center.zoom, 118);
  e7(119, center.lon);
  e7(123, center.lat);

  return Buffer.concat([header, directory, metadata, tile]);
}

export function writeSolidPmtiles(file: string, opts: SolidArchiveOptions): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, solidPmtiles(opts));
}
