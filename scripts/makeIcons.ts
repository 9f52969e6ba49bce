// Draws the app's two icons into appPackage/ (`npx tsx scripts/makeIcons.ts`); the PNGs are committed.
// The mark: two interlocking rings, set on the diagonal — two people, each teaching the other.
// color.png: 192×192, the mark in white and amber on a solid brand-blue square.
// outline.png: 32×32, the same mark in white only on transparency, touching all four edges.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/** The manifest's accentColor and the colour icon's background. */
export const ACCENT_COLOR = '#2E5AAC';

type Rgb = readonly [number, number, number];
const hex = (c: string): Rgb => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as unknown as Rgb;

interface Ring {
  cx: number;
  cy: number;
  outer: number;
  stroke: number;
}
interface Mark {
  size: number;
  rings: readonly [Ring, Ring];
  /** Transparent or background clearance around the strand that passes over the other. */
  gap: number;
}

/** Negative inside the ring's stroke, positive outside, in pixels. */
const ringDistance = (r: Ring, x: number, y: number) =>
  Math.abs(Math.hypot(x - r.cx, y - r.cy) - (r.outer - r.stroke / 2)) - r.stroke / 2;

/** The two points where the rings' centre lines cross: [where the first ring is on top, where the second is]. */
function crossings(mark: Mark): [{ x: number; y: number }, { x: number; y: number }] {
  const [a, b] = mark.rings;
  const ra = a.outer - a.stroke / 2;
  const rb = b.outer - b.stroke / 2;
  const d = Math.hypot(b.cx - a.cx, b.cy - a.cy);
  const along = (d * d + ra * ra - rb * rb) / (2 * d);
  const half = Math.sqrt(Math.max(0, ra * ra - along * along));
  const ux = (b.cx - a.cx) / d;
  const uy = (b.cy - a.cy) / d;
  const mx = a.cx + ux * along;
  const my = a.cy + uy * along;
  return [
    { x: mx + uy * half, y: my - ux * half },
    { x: mx - uy * half, y: my + ux * half },
  ];
}

/**
 * Which ring (0, 1) covers a point, or -1 for background. The rings interlock: at one crossing the
 * first ring passes over the second, at the other the second over the first, and the strand
 * underneath stops `gap` pixels short of the one on top.
 */
function cover(mark: Mark, x: number, y: number): -1 | 0 | 1 {
  const [a, b] = mark.rings;
  const da = ringDistance(a, x, y);
  const db = ringDistance(b, x, y);
  const [p, q] = crossings(mark);
  const firstOnTop = Math.hypot(x - p.x, y - p.y) <= Math.hypot(x - q.x, y - q.y);
  if (firstOnTop) {
    if (da <= 0) return 0;
    if (db <= 0 && da > mark.gap) return 1;
  } else {
    if (db <= 0) return 1;
    if (da <= 0 && db > mark.gap) return 0;
  }
  return -1;
}

const SAMPLES = 4; // 4×4 supersampling for smooth edges

/** Fraction of each pixel covered by ring 0, ring 1 and the background. */
function coverage(mark: Mark, px: number, py: number): [number, number, number] {
  const counts: [number, number, number] = [0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++)
    for (let sx = 0; sx < SAMPLES; sx++) {
      const c = cover(mark, px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
      counts[c === -1 ? 2 : c]++;
    }
  const n = SAMPLES * SAMPLES;
  return [counts[0] / n, counts[1] / n, counts[2] / n];
}

function diagonalMark(size: number, outer: number, offset: number, stroke: number, gap: number): Mark {
  const c = size / 2;
  return {
    size,
    rings: [
      { cx: c - offset, cy: c - offset, outer, stroke },
      { cx: c + offset, cy: c + offset, outer, stroke },
    ],
    gap,
  };
}

export function drawColorIcon(): PNG {
  // The mark spans 2 × (offset + outer) = 116 px, inside Teams' recommended central area.
  const mark = diagonalMark(192, 42, 16, 14, 5);
  const colours: [Rgb, Rgb, Rgb] = [hex('#FFFFFF'), hex('#FFB627'), hex(ACCENT_COLOR)];
  const png = new PNG({ width: mark.size, height: mark.size });
  for (let y = 0; y < mark.size; y++)
    for (let x = 0; x < mark.size; x++) {
      const w = coverage(mark, x, y);
      const i = (y * mark.size + x) * 4;
      for (const ch of [0, 1, 2] as const)
        png.data[i + ch] = Math.round(w[0] * colours[0][ch] + w[1] * colours[1][ch] + w[2] * colours[2][ch]);
      png.data[i + 3] = 255;
    }
  return png;
}

export function drawOutlineIcon(): PNG {
  // Outer radius 10.5 with centres 10.5 px from the corners: the rings touch all four edges (no padding).
  const mark = diagonalMark(32, 10.5, 5.5, 3.5, 1.5);
  const png = new PNG({ width: mark.size, height: mark.size });
  for (let y = 0; y < mark.size; y++)
    for (let x = 0; x < mark.size; x++) {
      const w = coverage(mark, x, y);
      const i = (y * mark.size + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 255; // white only; shape is alpha
      png.data[i + 3] = Math.round((1 - w[2]) * 255);
    }
  return png;
}

export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

export function writeIcons(dir: string): void {
  writeFileSync(path.join(dir, ICON_FILES.color), PNG.sync.write(drawColorIcon()));
  writeFileSync(path.join(dir, ICON_FILES.outline), PNG.sync.write(drawOutlineIcon()));
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '../appPackage');
  writeIcons(dir);
  console.log(`Wrote ${ICON_FILES.color} (192×192) and ${ICON_FILES.outline} (32×32) to ${dir}`);
}
