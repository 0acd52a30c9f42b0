// The health endpoint and /metrics of the real bot process (the compiled dist/ build, as `npm start` runs it)
// against the local Discord, on a free port; and /health in Discord showing the same state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBotProcesses, type Proc } from '../support/bot.ts';
import { freePort } from '../support/ports.ts';

describe('health endpoint of a running bot', () => {
  let base: string;
  let bot: Proc;
  const w = useBotProcesses({}, async (w) => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await w.deploy();
    bot = await w.start('dist', {
      env: {
        HEALTH_PORT: String(port),
        PLAYGROUND_PORT: '0',
      },
    });
  });

  it('/healthz answers; /readyz reports gateway, database, inference and provider, and never the token', async () => {
    const live = await fetch(`${base}/healthz`);
    assert.equal(live.status, 200);
    const ready = await fetch(`${base}/readyz`);
    const text = await ready.text();
    assert.equal(ready.status, 200, text);
    const r = JSON.parse(text);
    assert.equal(r.ready, true);
    assert.equal(r.gateway.ready, true);
    assert.equal(r.database.writable, true);
    assert.equal(r.inference.alive, true);
    assert.equal(r.inference.provider, 'cpu');
    assert.match(r.inference.model, /^tiny-/);
    assert.ok(!text.includes(w.discord.token));
    assert.equal((await fetch(`${base}/nothing`)).status, 404);
  });

  it('/metrics: Node defaults with event-loop lag, jobs by state, images, interactions and acknowledgement latency', async () => {
    const handle = w.discord.slashCommand('imagine', { prompt: 'a red star on the left on a blue background' });
    await w.discord.waitForMessage(
      (m) => m.id === w.discord.original(handle).id && /"upscale:/.test(JSON.stringify(m.components)),
      { timeout: 60_000 },
    );
    const scrape = async () => (await fetch(`${base}/metrics`)).text();
    let m = await scrape();
    for (let i = 0; i < 50 && !/atelier_images_total\{model="tiny-[^"]+"\} 4/.test(m); i++) {
      await new Promise((r) => setTimeout(r, 100));
      m = await scrape();
    }
    assert.match(m, /^atelier_images_total\{model="tiny-[^"]+"\} 4$/m);
    assert.match(m, /^nodejs_eventloop_lag_seconds \d/m);
    assert.match(m, /^atelier_jobs\{state="done"\} 1$/m);
    assert.match(m, /^atelier_queue_depth 0$/m);
    assert.match(m, /^atelier_interactions_total\{kind="command"\} 1$/m);
    assert.match(m, /^atelier_interaction_ack_seconds_count 1$/m);
    assert.match(m, /^atelier_generation_seconds_count\{model="tiny-[^"]+",size="\d+x\d+"\} 1$/m);
    assert.match(m, /^atelier_queue_wait_seconds_count 1$/m);
    assert.ok(!m.includes(w.discord.token));
  });

  it("logs JSON lines, the job's with its id, user and guild, and never the token", async () => {
    const lines = bot.output.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(
      lines.every((l) => typeof l.msg === 'string' && typeof l.level === 'string' && typeof l.time === 'string'),
    );
    const done = lines.find((l) => l.msg === 'job done');
    assert.ok(done, bot.output.join('\n'));
    assert.equal(typeof done.jobId, 'number');
    assert.equal(done.userId, w.discord.users.alice.id);
    assert.equal(done.guildId, w.discord.guildId);
    assert.ok(
      lines.some((l) => l.proc === 'inference'),
      'the inference child logs through the same module',
    );
    assert.ok(!bot.output.join('\n').includes(w.discord.token));
  });

  it('/health shows moderators the same state in Discord', async () => {
    const handle = w.discord.slashCommand('health', {}, { user: w.discord.users.owner });
    await w.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`), { timeout: 10_000 });
    const reply = w.discord.original(handle);
    assert.equal(reply.ephemeral, true);
    assert.match(reply.content, /✅ \*\*Ready\*\*/);
    assert.match(reply.content, /Inference: tiny-\S+ on cpu/);
    assert.match(reply.content, /Database: writable/);
  });
});
