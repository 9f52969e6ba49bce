// Changes that never conflict in meaning (append an item, record an acceptance, tick a box) are
// retried on a fresh copy when the document changed meanwhile (412), instead of failing the caller.
export async function onFreshCopy<T, R>(
  initial: T,
  reload: () => Promise<T>,
  change: (current: T) => Promise<R>,
  attempts = 5,
): Promise<R> {
  let current = initial;
  for (let attempt = 1; ; attempt++) {
    try {
      return await change(current);
    } catch (error) {
      if ((error as { status?: number }).status !== 412 || attempt >= attempts) throw error;
      current = await reload();
    }
  }
}
