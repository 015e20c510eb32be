/**
 * Self-hosted proof of work (ALTCHA): the browser spends a fraction of a second solving a challenge
 * in the background; the server checks the solution and remembers it in the database, so one
 * solution is accepted once, on any app node. No third-party service is involved.
 */
import { createChallenge, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { usedChallenges } from '../db/schema.js';

const TTL_MS = 20 * 60 * 1000;

export interface Captcha {
  challenge(): Promise<Challenge>;
  /** true when the payload solves one of our unexpired challenges not used before */
  verify(payload: string | undefined): Promise<boolean>;
}

export function createCaptcha(db: Db, secret: string, cost = 5_000): Captcha {
  const hmacSignatureSecret = `altcha:${secret}`;
  return {
    challenge: () =>
      createChallenge({
        algorithm: 'PBKDF2/SHA-256',
        cost,
        deriveKey,
        hmacSignatureSecret,
        expiresAt: new Date(Date.now() + TTL_MS),
      }),
    async verify(encoded) {
      if (!encoded || encoded.length > 4000) return false;
      let payload: Payload;
      try {
        payload = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Payload;
      } catch {
        return false;
      }
      try {
        const result = await verifySolution({ challenge: payload.challenge, solution: payload.solution, deriveKey, hmacSignatureSecret });
        if (!result.verified) return false;
      } catch {
        return false;
      }
      const id = payload.challenge.parameters.nonce;
      await db.delete(usedChallenges).where(lt(usedChallenges.expiresAt, new Date()));
      const inserted = await db
        .insert(usedChallenges)
        .values({ id: String(id), expiresAt: new Date(Date.now() + TTL_MS) })
        .onConflictDoNothing()
        .returning({ id: usedChallenges.id });
      return inserted.length === 1;
    },
  };
}

