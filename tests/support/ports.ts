import { createServer } from 'node:net';

/**
 * A port of 127.0.0.1 that nothing listens on right now (the kernel's pick), for a child process or server to take;
 * tests never use fixed ports, since several suites run at once.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
