/**
 * Passwords are hashed with argon2id: 64 MiB and 3 passes, above the OWASP minimum (19 MiB, 2),
 * tuned to about 55 ms a hash on this project's 2-core reference machine (`npm run bench:sign-in`).
 * Stored hashes carry their own parameters, so raising the cost later keeps old hashes valid.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Without a stored hash we still spend the time of one, so timing does not reveal unknown e-mails.
  if (!stored) {
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
