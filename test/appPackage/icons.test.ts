// The icons in the package: sizes, the outline icon's white-on-transparent rule without padding, and
// the committed PNGs being what scripts/makeIcons.ts draws.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/makeIcons';
import { APP_DIR, buildPackage, removeTempDirs, type BuiltPackage } from './packageSupport';

let pkg: BuiltPackage;
beforeAll(() => {
  pkg = buildPackage('dev');
});
afterAll(removeTempDirs);

const png = (buffer: Buffer) => PNG.sync.read(buffer);
const alphaAt = (image: PNG, x: number, y: number) => image.data[(y * image.width + x) * 4 + 3]!;

/** Where an outline icon breaks Teams' rule: every pixel white (any alpha) or fully transparent. */
function outlineProblems(image: PNG): string[] {
  const problems: string[] = [];
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const [r, g, b, a] = [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) problems.push(`(${x},${y}) rgba(${r},${g},${b},${a})`);
    }
  return problems;
}

/** Sides whose outermost row or column is fully transparent (padding around the mark). */
function paddedSides(image: PNG): string[] {
  const row = (y: number) => Array.from({ length: image.width }, (_, x) => alphaAt(image, x, y));
  const column = (x: number) => Array.from({ length: image.height }, (_, y) => alphaAt(image, x, y));
  const sides = { top: row(0), bottom: row(image.height - 1), left: column(0), right: column(image.width - 1) };
  return Object.entries(sides).filter(([, alphas]) => alphas.every((a) => a === 0)).map(([side]) => side);
}

test('the colour icon is 192×192', () => {
  const color = png(pkg.buffer('color.png'));
  expect([color.width, color.height]).toEqual([192, 192]);
});

test('the outline icon is 32×32, white on transparent, with no padding', () => {
  const outline = png(pkg.buffer('outline.png'));
  expect([outline.width, outline.height]).toEqual([32, 32]);
  expect(outlineProblems(outline)).toEqual([]);
  const alphas = Array.from({ length: 32 * 32 }, (_, i) => outline.data[i * 4 + 3]!);
  expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(0);
  expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(0);
  expect(paddedSides(outline)).toEqual([]);
});

test('the outline checks catch a coloured pixel and padding', () => {
  const padded = new PNG({ width: 32, height: 32 });
  padded.data.fill(0);
  for (let y = 4; y < 28; y++)
    for (let x = 4; x < 28; x++) padded.data.set([255, 255, 255, 255], (y * 32 + x) * 4);
  padded.data.set([255, 0, 0, 255], (10 * 32 + 10) * 4);
  expect(outlineProblems(padded)).toEqual(['(10,10) rgba(255,0,0,255)']);
  expect(paddedSides(padded)).toEqual(['top', 'bottom', 'left', 'right']);
});

test('the committed icons are what scripts/makeIcons.ts draws', () => {
  for (const [file, draw] of [['color.png', drawColorIcon], ['outline.png', drawOutlineIcon]] as const) {
    const committed = png(readFileSync(path.join(APP_DIR, file)));
    const drawn = draw();
    expect([committed.width, committed.height]).toEqual([drawn.width, drawn.height]);
    expect(Buffer.compare(committed.data, drawn.data)).toBe(0);
  }
});
