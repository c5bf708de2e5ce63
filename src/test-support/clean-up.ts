/**
 * Runs every step in order even when one throws, then throws the first error: a hook that
 * closes a browser, stops a server and removes a directory leaves none of them behind
 * because an earlier one failed.
 */
export async function cleanUp(...steps: Array<() => unknown>): Promise<void> {
  const errors: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}
