// The personal tab's initial JavaScript stays within its budget (npm test builds the tab first).
import path from 'node:path';
import { measureBundle } from '../../scripts/bundleSizes';

const BUDGET_BYTES = 150 * 1024;

test('the personal tab loads at most 150 KB of gzipped JavaScript before it can show anything', () => {
  const sizes = measureBundle(path.resolve(__dirname, '../../tab/dist'));
  expect(sizes.initialFiles.length).toBeGreaterThan(0);
  expect(sizes.initialGzip).toBeLessThanOrEqual(BUDGET_BYTES);
});

test('development sign-in and the goal form are lazy chunks, not part of the initial load', () => {
  const sizes = measureBundle(path.resolve(__dirname, '../../tab/dist'));
  const lazy = sizes.lazy.map((l) => l.file).join(' ');
  expect(lazy).toMatch(/DevSignIn-/);
  expect(lazy).toMatch(/GoalForm-/);
  expect(sizes.initialFiles.join(' ')).not.toMatch(/DevSignIn-|GoalForm-/);
});

test('every lazily loaded page adds at most 150 KB of gzipped JavaScript to the initial load', () => {
  const sizes = measureBundle(path.resolve(__dirname, '../../tab/dist'));
  expect(sizes.pages.map((p) => p.src)).toEqual(expect.arrayContaining([expect.stringMatching(/pages\/DevSignIn\//)]));
  const over = sizes.pages.filter((p) => p.gzip > BUDGET_BYTES).map((p) => `${p.src}: ${(p.gzip / 1024).toFixed(1)} KB`);
  expect(over).toEqual([]);
});
