import { lazyPackage } from '../lib/lazy-package.js';

/** Loaded on the first password set or checked: readers' pages never need it. */
const argon2 = lazyPackage<typeof import('@node-rs/argon2')>('@node-rs/argon2');

// Algorithm.Argon2id from the package's const enum, which isolated modules cannot read.
const ARGON2ID = 2;

/** argon2id with the library's defaults (OWASP's recommended parameters). */
export function hashPassword(password: string): Promise<string> {
  return argon2().hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return argon2().verify(passwordHash, password).catch(() => false);
}

/** What a staff password must be: long enough to resist guessing, short enough to hash quickly. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | undefined {
  if ([...password].length < 10) return 'too_short';
  if (password.length > 200) return 'too_long';
  return undefined;
}
