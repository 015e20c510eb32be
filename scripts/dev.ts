/** `npm run dev`: rebuilds browser modules on change and restarts the server on change. */
import { spawn } from 'node:child_process';

const children = [
  spawn('node', ['scripts/build.mjs', '--watch'], { stdio: 'inherit' }),
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'src/main.ts'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
