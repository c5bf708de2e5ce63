/**
 * Runs `work` on every item, at most `parallel` at a time. The first failure
 * stops new work from starting and is thrown once the work already running has
 * ended, so a caller that cleans up after a failure never races a straggler.
 */
export async function forEachAtMost<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  if (failure) throw failure.error;
}
