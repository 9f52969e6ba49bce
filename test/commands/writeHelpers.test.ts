// The shared write helpers: retry on a lost race (commands/concurrentChange.ts) and a PATCH's changes
// (commands/documentChanges.ts). Pure functions: no store needed.
import { onFreshCopy, retryOnStale } from '../../bot/src/commands/concurrentChange';
import { withChanges } from '../../bot/src/commands/documentChanges';
import { AlreadyExists, StaleWrite, Unavailable } from '../../bot/src/domain/errors';

test('retryOnStale runs again after StaleWrite or AlreadyExists, up to the attempts given, then lets the last one through', async () => {
  const failures = [new StaleWrite(), new AlreadyExists()];
  let calls = 0;
  expect(
    await retryOnStale(async () => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'saved';
    }),
  ).toBe('saved');
  expect(calls).toBe(3);

  calls = 0;
  await expect(
    retryOnStale(async () => {
      calls++;
      throw new StaleWrite();
    }, 3),
  ).rejects.toBeInstanceOf(StaleWrite);
  expect(calls).toBe(3);
});

test('retryOnStale never retries another error (an unreachable store, a refusal)', async () => {
  let calls = 0;
  await expect(
    retryOnStale(async () => {
      calls++;
      throw new Unavailable(2);
    }),
  ).rejects.toBeInstanceOf(Unavailable);
  expect(calls).toBe(1);
});

test('onFreshCopy changes the copy held first, and a fresh one after each lost race', async () => {
  const seen: string[] = [];
  let reloads = 0;
  const result = await onFreshCopy(
    'held',
    async () => `fresh ${++reloads}`,
    async (copy) => {
      seen.push(copy);
      if (seen.length < 3) throw new StaleWrite();
      return copy;
    },
  );
  expect(seen).toEqual(['held', 'fresh 1', 'fresh 2']);
  expect(result).toBe('fresh 2');
});

test('withChanges: a value sets the field, null clears an optional one, a field not sent stays', () => {
  const goal = { title: 'Prompting', targetDate: '2026-05-01', objective: 'AI', progress: 10 };
  expect(
    withChanges<{ title: string; targetDate?: string; objective?: string; progress: number }>(goal, {
      targetDate: null,
      progress: 50,
      objective: undefined,
    }),
  ).toEqual({ title: 'Prompting', objective: 'AI', progress: 50 });
  expect(goal).toEqual({ title: 'Prompting', targetDate: '2026-05-01', objective: 'AI', progress: 10 });
});
