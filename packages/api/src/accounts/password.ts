import argon2 from 'argon2';

// OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1 (the minimum it recommends).
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password; with no stored hash (unknown e-mail) it verifies against a dummy hash, so the
 * answer takes the same time and never reveals whether the e-mail exists.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('picineiros-dummy-password');
  const hash = storedHash ?? (await dummyHash);
  try {
    const valid = await argon2.verify(hash, password);
    return storedHash !== undefined && valid;
  } catch {
    return false;
  }
}
