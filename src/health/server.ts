/**
 * The operator's HTTP endpoint on 127.0.0.1:HEALTH_PORT (0: off): `/healthz` (the process answers), `/readyz` (the
 * gateway is ready, the database takes writes, the inference process is alive with its model loaded, and which
 * execution provider runs it; 503 until all hold) and `/metrics` (Prometheus). It never echoes the environment,
 * arguments or tokens. The moderators' /health command shows the same report.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

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

export async function startHealthServer(opts: { port: number; host?: string; report: HealthSource; registry: Registry }): Promise<HealthServer> {
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
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The report as lines for Discord (/health). */
export function describeHealth(r: HealthReport): string {
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  const lines = [
    `${mark(r.ready)} **${r.ready ? 'Ready' : 'Not ready'}** (up ${Math.round(r.uptimeS)} s)`,
    r.gateway ? `${mark(r.gateway.ready)} Gateway: ${r.gateway.ready ? 'ready' : 'not ready'}${r.gateway.pingMs !== null ? `, ping ${r.gateway.pingMs} ms` : ''}` : '➖ Gateway: not used',
    `${mark(r.database.writable)} Database: ${r.database.writable ? 'writable' : 'not writable'}`,
    `${mark(r.inference.alive)} Inference: ${r.inference.alive ? `${r.inference.model} on ${r.inference.provider}` : 'not running or model not loaded'}`,
  ];
  if (r.inference.fallback) lines.push(`⚠️ ${r.inference.fallback}`);
  lines.push(`Queue: ${r.queue.waiting} waiting, ${r.queue.running} running${r.queue.accepting ? '' : ' (not accepting: stopping)'}`);
  return lines.join('\n');
}
