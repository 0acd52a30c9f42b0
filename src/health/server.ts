/**
 * The operator's HTTP endpoint on 127.0.0.1:HEALTH_PORT (0: off): `/healthz` (the process answers), `/readyz` (the
 * gateway is ready, the database takes writes, the inference process is alive with its model loaded, and which
 * execution provider runs it; 503 until all hold) and `/metrics` (Prometheus). It never echoes the environment,
 * arguments or tokens. The moderators' /health command shows the same report.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { t, type Lang } from '../i18n/index.ts';

export interface HealthReport {
  ready: boolean;
  /** Seconds since the process started. */
  uptimeS: number;
  /** null when the bot runs without Discord (playground only). */
  gateway: { ready: boolean; pingMs: number | null } | null;
  database: { writable: boolean };
  inference: { alive: boolean; model: string | null; provider: string | null; fallback: string | null };
  queue: { waiting: number; running: number; accepting: boolean };
}

export type HealthSource = () => HealthReport;

export interface HealthServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startHealthServer(opts: {
  port: number;
  host?: string;
  report: HealthSource;
  registry: Registry;
}): Promise<HealthServer> {
  const host = opts.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'GET only\n');
    if (path === '/healthz') return send(200, 'application/json', '{"status":"ok"}\n');
    if (path === '/readyz') {
      const report = opts.report();
      return send(report.ready ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`);
    }
    if (path === '/metrics') {
      opts.registry.metrics().then(
        (text) => send(200, opts.registry.contentType, text),
        () => send(500, 'text/plain', 'metrics failed\n'),
      );
      return;
    }
    send(404, 'text/plain', 'Not found: /healthz, /readyz, /metrics\n');
  });
  server.listen(opts.port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The report as lines for Discord (/health). */
export function describeHealth(r: HealthReport, lang: Lang = 'en-US'): string {
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  const seconds = Math.round(r.uptimeS);
  const lines = [
    `${mark(r.ready)} ${t(lang, r.ready ? 'health.ready' : 'health.notReady', { seconds })}`,
    r.gateway
      ? `${mark(r.gateway.ready)} ${t(lang, r.gateway.ready ? 'health.gatewayReady' : 'health.gatewayNotReady')}` +
        (r.gateway.pingMs !== null ? t(lang, 'health.ping', { ms: r.gateway.pingMs }) : '')
      : `➖ ${t(lang, 'health.gatewayUnused')}`,
    `${mark(r.database.writable)} ${t(lang, r.database.writable ? 'health.dbWritable' : 'health.dbNotWritable')}`,
    `${mark(r.inference.alive)} ${r.inference.alive ? t(lang, 'health.inference', { model: r.inference.model ?? '', provider: r.inference.provider ?? '' }) : t(lang, 'health.inferenceDown')}`,
  ];
  // The fallback's reason comes from the inference process, in English (it is also the owner's log line).
  if (r.inference.fallback) lines.push(`⚠️ ${r.inference.fallback}`);
  lines.push(
    t(lang, 'health.queue', { waiting: r.queue.waiting, running: r.queue.running }) +
      (r.queue.accepting ? '' : t(lang, 'health.notAccepting')),
  );
  return lines.join('\n');
}
