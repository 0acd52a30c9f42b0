/**
 * Links from Discord to the playground's painter: Vary (Region) with a brush instead of a list of regions. The link
 * names the job and image in the URL's fragment (`#paint=12:0`), which the page reads and no server ever sees; the
 * page asks its own server for that image. Nothing secret is in the link: a playground beyond 127.0.0.1 needs its
 * access token, which the owner's browser already holds as a cookie.
 */
import type { Config } from '../config.ts';

/** The playground's address for links posted in Discord, or undefined when the playground is off. */
export function playgroundLinkBase(config: Pick<Config, 'playground'>): string | undefined {
  const { port, host } = config.playground;
  if (!port) return undefined;
  // A wildcard address is where it listens, not a name to browse to: this machine's loopback then.
  const name =
    host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}/`;
}

/** The painter on image `index` of job `jobId` (the page reads the fragment: web/playground/app.js). */
export function paintUrl(base: string, jobId: number, index: number): string {
  return `${base}#paint=${jobId}:${index}`;
}
