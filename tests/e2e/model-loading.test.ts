// /imagine in the seconds between the gateway's READY and the model loaded (the real entry point, on the local
// Discord): the job is accepted into the queue like any other, its member sees that the model is loading and the
// next member their place, and both run once the model is ready. The inference process is frozen (SIGSTOP) from
// its start until the jobs are in, so the test does not depend on how fast this machine loads the model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customIds, isSettled, useBotProcesses, waitForLine } from '../support/bot.ts';
import type { InteractionHandle } from '../support/discord/index.ts';

describe('/imagine while the model loads', () => {
  const w = useBotProcesses({
    env: { DEFAULT_STEPS: '2', DEFAULT_IMAGES: '1', MAX_WIDTH: '256', MAX_HEIGHT: '256', LOG_LEVEL: 'debug' },
  });

  it('is queued with its place and a loading note, not refused, and runs once the model is ready', async () => {
    const bot = w.spawn('src');
    await waitForLine(bot, /inference process started/);
    const line = bot.output.find((l) => /inference process started/.test(l))!;
    const pid = Number((JSON.parse(line.slice(line.indexOf('{'))) as { pid: number }).pid);
    assert.ok(pid > 0, line);
    process.kill(pid, 'SIGSTOP');
    let first: InteractionHandle | undefined;
    let second: InteractionHandle | undefined;
    try {
      await waitForLine(bot, /answering interactions/);
      assert.ok(!bot.output.some((l) => /model loaded|discord ready/.test(l)), 'the model must still be loading');
      await w.deploy();
      const { alice, bob } = w.discord.users;
      first = w.discord.slashCommand('imagine', { prompt: 'a red circle', seed: 1 }, { user: alice });
      second = w.discord.slashCommand('imagine', { prompt: 'a blue square', seed: 2 }, { user: bob });
      const firstMessage = await w.discord.waitForMessage(
        (m) => m.interactionId === first!.id && /Loading the model/.test(m.content),
        { timeout: 30_000 },
      );
      assert.ok(
        customIds(firstMessage).some((c) => c.startsWith('cancel:')),
        'it can be cancelled meanwhile',
      );
      const secondMessage = await w.discord.waitForMessage(
        (m) => m.interactionId === second!.id && /#1\b/.test(m.content),
        { timeout: 30_000 },
      );
      assert.doesNotMatch(secondMessage.content, /still loading|try again/i);
      const rows = w.query<{ state: string }>('SELECT state FROM jobs ORDER BY id');
      assert.deepEqual(
        rows.map((r) => r.state),
        ['running', 'queued'],
        'both accepted before the model loaded',
      );
      assert.ok(!bot.output.some((l) => /model loaded/.test(l)));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await waitForLine(bot, /discord ready/);
    for (const handle of [first!, second!]) {
      const result = await w.discord.waitForMessage((m) => m.interactionId === handle.id && isSettled(m), {
        timeout: 60_000,
      });
      assert.ok(result.files.length > 0, 'the result is posted with its image');
    }
    assert.deepEqual(
      w.query<{ state: string }>('SELECT state FROM jobs ORDER BY id').map((r) => r.state),
      ['done', 'done'],
    );
  });
});
