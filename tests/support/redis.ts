/**
 * A real redis-server for the scale-out tests: on a free port of 127.0.0.1, no persistence (`--save '' --appendonly
 * no`), stopped by its pid. `.ci/run` installs the Debian package when it is missing; without it these tests fail
 * (they never skip), saying what to install.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Socket } from 'node:net';
import { freePort } from './ports.ts';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Stops it (SIGKILL: whatever it held is gone, as after a crash without persistence). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

export function redisServerPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('redis-server is not installed: `apt-get install -y redis-server` (.ci/run does this)');
  return found;
}

/**
 * Whether the redis-server with this pid answers on the port. The pid matters: when two test files pick the same free
 * port at once, the second server fails to bind, and the first one answers in its place; the second test would then
 * share (and later kill) the first one's Redis.
 */
async function answers(port: number, pid: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    let text = '';
    s.once('error', () => resolve(false));
    s.once('close', () => resolve(false));
    s.connect(port, '127.0.0.1', () => s.write('INFO server\r\n'));
    s.on('data', (d) => {
      text += d.toString();
      const found = /process_id:(\d+)\r\n/.exec(text);
      if (!found && !/^-/.test(text) && text.length < 16_384) return;
      s.destroy();
      resolve(Number(found?.[1]) === pid);
    });
  });
}

export async function startRedis(port?: number): Promise<RedisServer> {
  const bin = redisServerPath();
  let child: ChildProcess;
  let p = port ?? (await freePort());
  const launch = async () => {
    child = spawn(bin, ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}) on port ${p}`);
      if (await answers(p, child.pid!)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not answer within 5 s');
  };
  try {
    await launch();
  } catch (err) {
    if (port !== undefined) throw err;
    p = await freePort(); // the port was taken between the probe and the start: once more
    await launch();
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(child.pid!, 'SIGKILL');
    await exited;
  };
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    get pid() {
      return child.pid!;
    },
    stop,
    async restart() {
      await stop();
      await launch();
    },
  };
}
