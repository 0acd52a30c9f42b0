// Several installed models, end to end: /imagine model: with its autocomplete, the message saying the model is
// loading, jobs recording and keeping their model (a reroll, a restart), and a job whose model is gone failing
// politely with its quota refunded. Two generated models (an SD 1.5-like and a Turbo-like one), the real inference
// process with a memory budget that holds one of them, the real discord.js client against the local Discord.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { modelBytes } from '../../src/diffusion/model.ts';
import { isSettled, jobIdOf, useBot } from '../support/bot.ts';
import { tinyModel } from '../support/models.ts';
import { waitUntil } from '../support/wait.ts';

const root = mkdtempSync(join(tmpdir(), 'atelier-e2e-models-'));
cpSync(await tinyModel({}), join(root, 'alpha'), { recursive: true });
cpSync(await tinyModel({ family: 'sd-turbo' }), join(root, 'beta'), { recursive: true });
cpSync(join(root, 'alpha'), join(root, 'gamma'), { recursive: true });
const oneModel = Math.max(modelBytes(join(root, 'alpha')), modelBytes(join(root, 'beta')));
after(() => rmSync(root, { recursive: true, force: true }));

describe('several models through Discord', () => {
  const h = useBot({
    modelDir: join(root, 'alpha'),
    modelsRoot: root,
    memoryBudgetBytes: oneModel + 1,
    minEditIntervalMs: 0,
    specReport: false,
  });

  /** The choices the bot answered an autocomplete with. */
  async function suggestions(typed: string): Promise<{ name: string; value: string }[]> {
    const handle = h.discord.autocomplete('imagine', { prompt: 'a fox', model: typed }, 'model');
    const callback = await h.discord.waitFor((r) => r.path === `/interactions/${handle.id}/${handle.token}/callback`);
    const body = callback.json as { type: number; data: { choices: { name: string; value: string }[] } };
    assert.equal(body.type, 8, 'an autocomplete result');
    return body.data.choices;
  }

  it('suggests the installed models as the member types, from memory', async () => {
    assert.deepEqual(
      (await suggestions('')).map((c) => c.value),
      ['alpha', 'beta', 'gamma'],
    );
    const beta = await suggestions('BE');
    assert.deepEqual(
      beta.map((c) => c.value),
      ['beta'],
    );
    assert.match(beta[0]!.name, /^beta · sd-turbo, 64 px$/);
    assert.deepEqual(await suggestions('zzz'), []);
  });

  it('paints with the chosen model, says that it is loading, and keeps it for a reroll', async () => {
    const { discord } = h;
    const since = discord.requests.length;
    const handle = h.imagine({ prompt: 'a lighthouse at dusk', model: 'beta', seed: 7 });
    const final = await h.settled(handle, 60_000);
    assert.ok(isSettled(final) && !/❌/u.test(final.content), final.content);
    const edits = discord.requests
      .slice(since)
      .filter((r) => r.method === 'PATCH' && r.path.includes(handle.token))
      .map((r) => String((r.json as { content?: string }).content ?? ''));
    assert.ok(
      edits.some((c) => /Loading the model \*\*beta\*\*/.test(c)),
      `a status edit says the model loads: ${edits.join(' | ')}`,
    );
    const job = h.current.stores.jobs.get(jobIdOf(final))!;
    assert.equal(job.model, 'beta');
    // beta's own defaults (a Turbo model: no guidance), not those of the bot's default model (7.5).
    assert.equal(job.params.guidanceScale, 0);

    // Reroll: the same model (it is still installed), loaded already: no loading message this time.
    const reroll = discord.clickButton(final.id, `reroll:${job.id}`);
    const again = await h.settled(reroll, 60_000);
    assert.equal(h.current.stores.jobs.get(jobIdOf(again))!.model, 'beta');
  });

  it('uses the bot default without a choice, and refuses a model that is not installed', async () => {
    const final = await h.settled(h.imagine({ prompt: 'a red fox' }), 60_000);
    const job = h.current.stores.jobs.get(jobIdOf(final))!;
    assert.equal(job.model, 'alpha');
    assert.equal(job.params.guidanceScale, 7.5);

    const refused = await h.run('imagine', { prompt: 'a red fox', model: 'nope' });
    assert.ok(refused.ephemeral);
    assert.match(refused.content, /There is no installed model called "nope"; choose one of alpha, beta, gamma/);
  });

  it("a server's default model (/limits set key:defaultModel) applies unless the member chooses one", async () => {
    const mod = { user: h.discord.users.mod };
    const refused = await h.run('limits set', { level: 'guild', key: 'defaultModel', value: 'nope' }, mod);
    assert.match(refused.content, /There is no installed model called "nope"/);
    const set = await h.run('limits set', { level: 'guild', key: 'defaultModel', value: 'Beta' }, mod);
    assert.match(set.content, /defaultModel/);
    const shown = await h.run('limits show', {}, mod);
    assert.match(shown.content, /`defaultModel` \*\*beta\*\*/);
    try {
      const byDefault = await h.settled(h.imagine({ prompt: 'a red fox' }), 60_000);
      assert.equal(h.current.stores.jobs.get(jobIdOf(byDefault))!.model, 'beta');
      const chosen = await h.settled(h.imagine({ prompt: 'a red fox', model: 'alpha' }), 60_000);
      assert.equal(h.current.stores.jobs.get(jobIdOf(chosen))!.model, 'alpha');
    } finally {
      await h.run('limits set', { level: 'guild', key: 'defaultModel', value: 'default' }, mod);
    }
    assert.match((await h.run('limits show', {}, mod)).content, /`defaultModel` \*\*the bot's default\*\*/);
  });

  it('a job recovered after a restart whose model is gone fails politely, in words, with its quota refunded', async () => {
    const { discord } = h;
    const user = discord.addUser('rita');
    // Accepted for gamma, then the bot stops before it runs and the owner removes gamma.
    await h.current.queue.shutdown({ graceMs: 0 });
    const reserved = h.current.stores.quota.reserve({
      guildId: discord.guildId,
      userId: user.id,
      roleIds: [],
      images: 1,
    });
    assert.ok(reserved.ok);
    const { job } = h.current.stores.lifecycle.admit(
      {
        userId: user.id,
        guildId: discord.guildId,
        channelId: discord.channelId,
        model: 'gamma',
        params: {
          kind: 'imagine',
          prompt: 'a lighthouse',
          width: 64,
          height: 64,
          steps: 2,
          guidanceScale: 7.5,
          seed: 3,
          count: 1,
        },
        reservationId: reserved.reservationId,
      },
      { maxWaiting: 100, maxPerUser: 10 },
      Date.now(),
    ) as { ok: true; job: { id: number } };
    rmSync(join(root, 'gamma'), { recursive: true, force: true });
    await h.restart();
    await waitUntil(() => h.current.stores.jobs.get(job.id)?.state === 'failed', { what: 'the job to fail' });
    const failed = h.current.stores.jobs.get(job.id)!;
    assert.match(failed.error ?? '', /The model "gamma" this job was made for is not installed any more/);
    const status = h.current.stores.quota.status({ guildId: discord.guildId, userId: user.id, roleIds: [] });
    assert.equal(status.imagesUsed, 0, 'its quota was refunded');
  });
});
