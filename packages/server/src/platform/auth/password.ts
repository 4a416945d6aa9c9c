import argon2 from 'argon2';

export interface HashingParams {
  memoryCost: number;
  timeCost: number;
}

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane). Tests pass lighter parameters; the
// algorithm stays argon2id and verification reads the parameters from the stored hash.
export const DEFAULT_HASHING: HashingParams = { memoryCost: 19456, timeCost: 2 };

export function hashPassword(password: string, p: HashingParams = DEFAULT_HASHING): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: p.memoryCost, timeCost: p.timeCost, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Password rule shown to users: at least 8 characters with a letter and a digit. */
export function isStrongPassword(p: string): boolean {
  return p.length >= 8 && p.length <= 200 && /\p{L}/u.test(p) && /\p{Nd}/u.test(p);
}
