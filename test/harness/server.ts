/**
 * Starts the real application as a child process on a free port, for the browser tests and the
 * benchmarks: the same build and start-up path a deployment uses, measured from the outside.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StartOptions {
  /** the program and its arguments, e.g. `[process.execPath, 'dist/server/src/main.js']` */
  command: [string, ...string[]];
  /** added to the parent's environment; PORT is set by the harness */
  env?: Record<string, string | undefined>;
  /** the port to listen on (default: a free one), for a caller that must name it beforehand, e.g. in PUBLIC_URL */
  port?: number;
  cwd?: string;
  /** path polled until the server counts as started */
  readyPath?: string;
  /** what counts as an answer on readyPath (default: status 200) */
  isReady?: (status: number, contentType: string) => boolean;
  timeoutMs?: number;
  /** run in its own process group, so that a wrapper such as `npm start` stops with its children */
  group?: boolean;
  /** drop what the server writes to stdout (request logs) instead of reading it: under load, reading costs CPU */
  discardStdout?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  pid: number;
  /** milliseconds from spawn to the first ready answer on readyPath */
  startedInMs: number;
  /** the last lines the process wrote (stdout and stderr), for failure messages */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Keeps the tail of a stream's text so a failing start can say why. */
function tail(limit: number) {
  let text = '';
  return {
    add(chunk: Buffer) {
      text = (text + chunk.toString('utf8')).slice(-limit);
    },
    get: () => text,
  };
}

async function answers(url: string, isReady: NonNullable<StartOptions['isReady']>): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return isReady(response.status, response.headers.get('content-type') ?? '');
  } catch {
    return false;
  }
}

function stopper(child: ChildProcess, group: boolean): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    const signal = (name: NodeJS.Signals) => {
      try {
        // A negative pid addresses the process group this harness created, and nothing else.
        if (group && child.pid) process.kill(-child.pid, name);
        else child.kill(name);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timeout = sleep(10_000).then(() => 'timeout' as const);
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      signal('SIGKILL');
      await exited;
    }
  };
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const [program, ...args] = options.command;
  const group = options.group ?? false;
  const started = performance.now();
  const child = spawn(program, args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'],
    detached: group,
  });
  const output = tail(20_000);
  child.stdout?.on('data', output.add);
  child.stderr?.on('data', output.add);
  const stop = stopper(child, group);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const isReady = options.isReady ?? ((status) => status === 200);
  while (!(await answers(url + (options.readyPath ?? '/healthz'), isReady))) {
    if (exited) throw new Error(`the server exited before it answered:\n${output.get()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer within ${options.timeoutMs ?? 180_000} ms:\n${output.get()}`);
    }
    await sleep(50);
  }
  return { url, port, pid: child.pid ?? -1, startedInMs: performance.now() - started, output: output.get, stop };
}

/**
 * Environment for running the app as production does, with fresh random secrets (config.ts
 * refuses to start in production without them).
 */
export function productionEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    APP_SECRET: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
}
