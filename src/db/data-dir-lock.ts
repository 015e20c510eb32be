/**
 * PGlite is one process's database: a second process opening the same directory starts without
 * error and its writes are lost (DESIGN §2). We hold a lock file with our PID while running and
 * refuse to start when a live process holds it. A lock left by a killed process is taken over,
 * so a restart after SIGKILL or power loss needs no manual cleanup.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is in use by another CitizenInfo process (PID ${pid}). ` +
        'Stop that process first, or set DATA_DIR to another directory. ' +
        `ไดเรกทอรีข้อมูล ${dir} ถูกใช้งานโดยโปรเซสอื่นอยู่ (PID ${pid}) กรุณาหยุดโปรเซสนั้นก่อน`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock; returns the function that releases it. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'citizeninfo.lock');
  const me = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === me) rmSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText, host] = readFileSync(file, 'utf8').split('@');
      const pid = Number(pidText);
      if (host === hostname() && Number.isInteger(pid) && isAlive(pid)) {
        throw new DataDirLockedError(dir, pid);
      }
      if (host !== hostname() && host !== undefined) {
        // Another machine (e.g. a shared volume) cannot be checked; refuse rather than risk loss.
        throw new DataDirLockedError(dir, pid);
      }
      rmSync(file, { force: true }); // stale lock of a dead process
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
