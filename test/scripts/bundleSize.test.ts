// What the tab sends before it is interactive, measured on the wire in headless Chromium against the real
// server (scripts/bundleSizes.ts, the same measurement as `npm run sizes` and `npm run bench`): within
// budget, brotli-encoded, and only the chunks the surface shows. Needs the built tab (npm test builds it).
import { measureTabLoads, WIRE_BUDGETS, type SurfaceLoad } from '../../scripts/bundleSizes';

jest.setTimeout(180_000);

let loads: Record<SurfaceLoad['surface'], SurfaceLoad>;
beforeAll(async () => {
  loads = Object.fromEntries((await measureTabLoads()).map((l) => [l.surface, l])) as typeof loads;
});

const files = (load: SurfaceLoad) => load.scripts.map((s) => s.file).join(' ');

test('the personal tab receives at most 120 KB of script before it is interactive', () => {
  expect(loads.personal.scripts.length).toBeGreaterThan(1);
  expect(loads.personal.wireBytes).toBeLessThanOrEqual(WIRE_BUDGETS.personal);
});

test('the meeting side panel receives at most 130 KB of script (shell and meeting chunks) before it is interactive', () => {
  expect(files(loads.sidePanel)).toMatch(/MeetingSurface-/);
  expect(loads.sidePanel.wireBytes).toBeLessThanOrEqual(WIRE_BUDGETS.sidePanel);
});

test('every script arrives brotli-encoded, far smaller than it is', () => {
  for (const load of Object.values(loads)) {
    for (const s of load.scripts.filter((x) => x.bytes > 1024)) {
      expect([s.file, s.encoding]).toEqual([s.file, 'br']);
      expect(s.wireBytes).toBeLessThan(s.bytes / 2);
    }
  }
});

test('each surface loads its own chunk, not the others’, nor development sign-in or the goal form', () => {
  expect(files(loads.personal)).toMatch(/PersonalTab-/);
  expect(files(loads.personal)).not.toMatch(/MeetingSurface-|Admin-|DevSignIn-|GoalForm-/);
  expect(files(loads.sidePanel)).not.toMatch(/PersonalTab-|Admin-|DevSignIn-/);
  expect(files(loads.admin)).toMatch(/Admin-/);
  expect(files(loads.admin)).not.toMatch(/PersonalTab-|MeetingSurface-/);
});

test('each surface loads the one theme Teams asked for', () => {
  const themes = (load: SurfaceLoad) =>
    load.scripts.map((s) => /assets\/(light|dark|contrast)-/.exec(s.file)?.[1]).filter(Boolean);
  expect(themes(loads.personal)).toEqual(['light']);
  expect(themes(loads.sidePanel)).toEqual(['dark']);
  expect(themes(loads.admin)).toEqual(['contrast']);
});
