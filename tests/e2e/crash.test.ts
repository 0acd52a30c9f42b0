// The whole bot as a real process (`node --import tsx src/main.ts`) against the local Discord: commands deployed with
// `npm run commands -- deploy`, jobs queued, the bot killed with SIGKILL mid-generation, started again: every job
// finishes exactly once and every user gets their images. Then a graceful SIGTERM.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InteractionHandle, OptionValue } from '../support/discord/index.ts';
import { customIds, isSettled, useBotProcesses } from '../support/bot.ts';
import { freezeInference } from '../support/processes.ts';
import { waitUntil } from '../support/wait.ts';

describe('the bot process: crash and recovery', () => {
  const w = useBotProcesses({
    env: {
      SHUTDOWN_GRACE_S: '1',
    },
  });
  /** Runs src/main.ts in the temp folder (no .env there) and resolves once the gateway is ready. */
  const startBot = () => w.start('src');
  const jobStates = () =>
    w.query<{ id: number; state: string; attempts: number; images: number }>(
      `SELECT id, state, attempts, (SELECT count(*) FROM job_image_files i WHERE i.job_id = j.id) AS images
        FROM jobs j ORDER BY id`,
    );
  const cli = (args: string[], env?: Record<string, string>) => w.cli('commands', args, env);

  it('deploys the commands with `npm run commands -- deploy`', async () => {
    const r = await cli(['deploy']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Registered \d+ command\(s\) globally: .*imagine.*Vary this image/);
    const names = w.discord.registeredCommands.global.map((c) => c.name);
    assert.ok(names.includes('imagine') && names.includes('Vary this image'));
    const list = await cli(['list']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /\/imagine — Paint a picture from a description/);
    // To one server, for instant updates while developing.
    const dev = await cli(['deploy'], { DISCORD_DEV_GUILD_ID: w.discord.guildId });
    assert.equal(dev.status, 0, dev.stderr);
    assert.match(dev.stdout, new RegExp(`Registered \\d+ command\\(s\\) to guild ${w.discord.guildId}`));
    assert.ok(w.discord.registeredCommands.guild[w.discord.guildId]!.some((c) => c.name === 'imagine'));
  });

  it('SIGKILL mid-generation, start again: every job finishes exactly once and everyone gets their images; SIGTERM is graceful', async () => {
    const first = await startBot();
    const users = [w.discord.users.alice, w.discord.users.bob, w.discord.users.owner];
    // One after another: interactions are admitted concurrently, so ids follow the order they are stored in.
    const handles: InteractionHandle[] = [];
    const requests: Record<string, OptionValue>[] = [
      { prompt: 'a very long job', steps: 200, aspect: '16:9' },
      { prompt: 'second in line' },
      { prompt: 'third in line', count: 2 },
    ];
    for (const [i, options] of requests.entries()) {
      handles.push(w.discord.slashCommand('imagine', options, { user: users[i]! }));
      await waitUntil(() => jobStates().length === i + 1, { what: `job ${i + 1} to be stored`, timeout: 30_000 });
    }
    await waitUntil(() => jobStates().length === 3 && jobStates()[0]!.state === 'running', {
      what: 'the first job to run',
      timeout: 30_000,
    });
    first.child.kill('SIGKILL');
    const [, signal] = await first.exited;
    assert.equal(signal, 'SIGKILL');
    assert.deepEqual(
      jobStates().map((j) => j.state),
      ['running', 'queued', 'queued'],
    );

    const second = await startBot();
    const finals = await Promise.all(
      handles.map(async (handle) => {
        const id = w.discord.publicMessage(handle)!.id;
        return w.discord.waitForMessage((m) => m.id === id && isSettled(m), { timeout: 60_000 });
      }),
    );
    await waitUntil(() => jobStates().every((j) => j.state === 'done'), {
      what: 'every job to be done',
      timeout: 30_000,
    });

    const jobs = jobStates();
    assert.deepEqual(
      jobs.map((j) => [j.state, j.images]),
      [
        ['done', 4],
        ['done', 4],
        ['done', 2],
      ],
    );
    assert.equal(jobs[0]!.attempts, 2, 'the interrupted job ran again');
    assert.deepEqual(
      jobs.slice(1).map((j) => j.attempts),
      [1, 1],
      'the waiting ones ran once',
    );
    for (const [i, final] of finals.entries()) {
      assert.equal(final.files.length, 1, `user ${i} got their images`);
      assert.ok(customIds(final).some((c) => c.startsWith('upscale:')));
      assert.equal(
        w.discord.messages.filter((m) => m.interactionId === handles[i]!.id).length,
        1,
        'one message per request',
      );
    }
    const told = w.discord.requests.filter(
      (r) =>
        r.method === 'PATCH' &&
        /The bot restarted while making this/.test(String((r.json as { content?: string } | undefined)?.content)),
    );
    assert.ok(
      told.some((r) => r.path.includes(handles[0]!.token)),
      "the interrupted job's message said so",
    );
    assert.ok(second.output.some((l) => /queue recovered/.test(l)));

    assert.equal(w.discord.specReport(), '');

    // A graceful stop with work in hand: SIGTERM lets the running job try for SHUTDOWN_GRACE_S, then leaves it
    // queued, says so on its message, and closes the queue, the gateway, the inference process and the database.
    const more = [
      w.discord.slashCommand(
        'imagine',
        { prompt: 'interrupted by a deploy', steps: 200, aspect: '16:9' },
        { user: users[0]! },
      ),
      w.discord.slashCommand('imagine', { prompt: 'waiting through a deploy' }, { user: users[1]! }),
    ];
    await waitUntil(() => jobStates().length === 5 && jobStates()[3]!.state === 'running', {
      what: 'the fourth job to run',
      timeout: 30_000,
    });
    // Frozen, so that the job cannot finish within the grace (200 tiny steps can take less than a second): SIGTERM
    // must find it running. The stop kills the frozen process after the grace.
    const thaw = freezeInference(second.child.pid!);
    second.child.kill('SIGTERM');
    const [code] = await second.exited;
    thaw();
    assert.equal(code, 0, second.output.join('\n'));
    assert.ok(second.output.some((l) => /stopped/.test(l)));
    assert.deepEqual(
      jobStates()
        .slice(3)
        .map((j) => j.state),
      ['queued', 'queued'],
    );
    assert.match(w.discord.publicMessage(more[0]!)!.content, /The bot is restarting; this job is first in line/);

    const third = await startBot();
    await Promise.all(
      more.map(async (handle) => {
        const id = w.discord.publicMessage(handle)!.id;
        return w.discord.waitForMessage((m) => m.id === id && isSettled(m) && m.files.length === 1, {
          timeout: 60_000,
        });
      }),
    );
    assert.deepEqual(
      jobStates().map((j) => j.state),
      ['done', 'done', 'done', 'done', 'done'],
    );
    third.child.kill('SIGTERM');
    assert.equal((await third.exited)[0], 0);
    assert.equal(w.discord.specReport(), '');
    assert.deepEqual(w.discord.unknownRoutes, []);
  });
});
