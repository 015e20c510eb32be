/**
 * The authenticator app of the demo supervisor (secret in the README), computing codes with
 * `otpauth`. The server takes each 30-second code once, so a second sign-in within the same
 * step waits for the next code, as a person would.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Secret, TOTP } from 'otpauth';

const STEP_MS = 30_000;

export class Authenticator {
  private readonly totp: TOTP;
  private lastStep = -1;

  constructor(secret: string) {
    this.totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: STEP_MS / 1000, secret: Secret.fromBase32(secret) });
  }

  /** The code the app shows now, or — when that one was used — the next one, once it shows. */
  async code(): Promise<string> {
    let step = Math.floor(Date.now() / STEP_MS);
    if (step <= this.lastStep) {
      step = this.lastStep + 1;
      await sleep(step * STEP_MS - Date.now() + 100);
    }
    this.lastStep = step;
    return this.totp.generate({ timestamp: step * STEP_MS });
  }
}
