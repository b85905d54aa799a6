import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm is a const enum, which isolated modules cannot read: 2 is its Argon2id member.
const ARGON2ID = 2 as Algorithm.Argon2id;

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1).
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so the answer takes as long either way. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$0XIXQXXblv6tJI6ZjR/eOQ$KVu3xxVIpbZJxL2e1jpPWNfJTTOwri4s0hFXUJ3yAr0';
