// Scale-out end to end: the bot (`src/main.ts` with REDIS_URL) and two GPU workers (`src/scale/worker-main.ts`) as
// real processes, a real redis-server, the local Discord. Jobs wait with their place while no worker is up, then
// run in fair order and are delivered exactly once; a worker SIGKILLed mid-job (its inference process exits too),
// the bot SIGKILLed and restarted, Redis killed and restarted empty: nothing is lost and nothing doubled. A cancel
// reaches the worker holding the job.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InteractionHandle } from '../support/discord/index.ts';
import { waitUntil } from '../support/wait.ts';
import { customIds, isSettled, useBotProcesses, type Proc } from '../support/bot.ts';
import { isAlive } from '../support/inference.ts';

describe('scale-out: a bot and two BullMQ workers on a real redis-server', () => {
  const world = useBotProcesses(
    {
      redis: true,
      env: {
        DEFAULT_STEPS: '2',
        DEFAULT_IMAGES: '1',
        MAX_STEPS: '200',
        MAX_WIDTH: '256',
        MAX_HEIGHT: '256',
        QUEUE_MAX_PER_USER: '10',
        WORKER_LOCK_S: '2',
        SHUTDOWN_GRACE_S: '1',
        LOG_LEVEL: 'info',
      },
    },
    async (world) => {
      const deploy = await world.cli('commands', ['deploy']);
      assert.equal(deploy.status, 0, `npm run commands -- deploy: ${deploy.stderr}`);
    },
  );
  const startBot = () => world.start('src', { name: 'bot' });
  const startWorker = (name: string) => world.start('worker', { name, env: { LOG_LEVEL: 'debug' } });
  const stop = async (p: Proc, signal: NodeJS.Signals) => {
    p.child.kill(signal);
    return p.exited;
  };
  const inferencePids = (w: Proc): number[] =>
    String(
      (JSON.parse(w.output.find((l) => /"msg":"worker ready"/.test(l)) ?? '{}') as { inferencePids?: string })
        .inferencePids ?? '',
    )
      .split(',')
      .filter(Boolean)
      .map(Number);

  /**
   * Freezes the workers' inference processes (SIGSTOP) so that a job a worker takes cannot finish before the test acts
   * on it: 200 steps of the tiny model take well under a second, quicker than a click. Returns what resumes them.
   */
  const freezeInference = (...ws: Proc[]) => {
    const pids = ws.flatMap(inferencePids);
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    return (only: number[] = pids) => {
      for (const pid of only)
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // Already gone.
        }
    };
  };

  const jobs = () =>
    world.query<{
      id: number;
      state: string;
      user: string;
      attempts: number;
      images: number;
      startedAt: number | null;
    }>(
      `SELECT id, state, user_id AS user, attempts, started_at AS startedAt,
        (SELECT count(*) FROM job_image_files i WHERE i.job_id = j.id) AS images FROM jobs j ORDER BY id`,
    );
  const final = (h: InteractionHandle, timeout = 90_000) =>
    world.discord.waitForMessage((m) => m.interactionId === h.id && isSettled(m), { timeout });
  /** Every request got exactly one message, and it carries its image grid. */
  const deliveredOnce = (handles: InteractionHandle[]) => {
    for (const h of handles) {
      const mine = world.discord.messages.filter((m) => m.interactionId === h.id && !m.deleted && !m.ephemeral);
      assert.equal(mine.length, 1, 'one message per request');
      assert.equal(mine[0]!.files.length, 1, 'with its images');
    }
  };

  let bot: Proc;
  let workerA: Proc;
  let workerB: Proc;

  it('with no worker up, jobs are accepted and wait with their place; then 20 jobs of 5 users run in fair order, each delivered once', async () => {
    // A first worker registers the model, then leaves: the bot knows the model but has no capacity.
    bot = await startBot();
    workerA = await startWorker('worker A');
    await waitUntil(() => bot.output.some((l) => /"slots":1,.*"msg":"workers available"/.test(l)), {
      what: 'the bot to see worker A',
      timeout: 30_000,
    });
    assert.equal((await stop(workerA, 'SIGTERM'))[0], 0);
    await waitUntil(() => bot.output.some((l) => /"slots":0,.*"msg":"workers available"/.test(l)), {
      what: 'the bot to see no worker',
      timeout: 30_000,
    });

    const users = ['u1', 'u2', 'u3', 'u4', 'u5'].map((n) => world.discord.users[n] ?? world.discord.addUser(n));
    const handles: InteractionHandle[] = [];
    // User 1 queues all four first (a heavy user), then the others: fairness must interleave them.
    for (const [u, user] of users.entries()) {
      for (let k = 0; k < 4; k++)
        handles.push(world.discord.slashCommand('imagine', { prompt: `user ${u + 1} picture ${k + 1}` }, { user }));
    }
    await waitUntil(() => jobs().length === 20, { what: '20 jobs accepted', timeout: 30_000 });
    // Interactions are admitted concurrently, so jobs are written in an order close to, not always equal to, their
    // arrival: under load user 5's second job can be written before its first, or before user 4's first. Whatever
    // the order, fairness puts one job of each user in each round of five: user 5's places are k, k+5, k+10, k+15,
    // with k at most 5 (ahead of user 1's backlog), once the position updates have settled.
    const places = (hs: InteractionHandle[]) =>
      hs
        .map((h) => /Waiting in the queue: \*\*#(\d+)\*\*/.exec(world.discord.publicMessage(h)?.content ?? '')?.[1])
        .map(Number)
        .sort((a, b) => a - b);
    const fifth = handles.slice(16);
    const fair = (p: number[]) => p.length === 4 && p[0]! <= 5 && p.every((x, i) => x === p[0]! + 5 * i);
    await waitUntil(() => fair(places(fifth)), { what: 'the places to settle', timeout: 30_000 }).catch(
      () => undefined,
    );
    assert.ok(
      fair(places(fifth)),
      `user 5's jobs are one per round of five, the first ahead of user 1's backlog: ${places(fifth).join(', ')}`,
    );
    assert.ok(
      jobs().every((j) => j.state === 'queued'),
      'nothing starts without a worker',
    );

    [workerA, workerB] = await Promise.all([startWorker('worker A'), startWorker('worker B')]);
    await Promise.all(handles.map((h) => final(h)));
    await waitUntil(() => jobs().every((j) => j.state === 'done'), { what: 'every job done', timeout: 30_000 });
    const rows = jobs();
    assert.ok(rows.every((j) => j.attempts === 1 && j.images === 1));
    deliveredOnce(handles);
    // Fair order: each user's k-th job starts no later than anyone's (k+1)-th.
    const round = new Map<number, number>();
    const seen = new Map<string, number>();
    for (const j of rows) {
      const k = seen.get(j.user) ?? 0;
      seen.set(j.user, k + 1);
      round.set(j.id, k);
    }
    for (const a of rows) {
      for (const b of rows) {
        if (round.get(a.id)! < round.get(b.id)!)
          assert.ok(
            a.startedAt! <= b.startedAt!,
            `job ${a.id} (round ${round.get(a.id)}) started after job ${b.id} (round ${round.get(b.id)})`,
          );
      }
    }
  });

  it('a worker SIGKILLed mid-job: its inference process exits, the job finishes on the other worker, delivered once', async () => {
    const before = jobs().length;
    const thaw = freezeInference(workerA, workerB);
    const long = world.discord.slashCommand(
      'imagine',
      { prompt: 'a long one on a doomed worker', steps: 200, aspect: '16:9' },
      { user: world.discord.users.alice },
    );
    await waitUntil(() => jobs().length === before + 1 && jobs().at(-1)!.state === 'running', {
      what: 'the job to run',
      timeout: 30_000,
    });
    const id = jobs().at(-1)!.id;
    const key = new RegExp(`"job":"j${id}-[0-9a-z]+-a1".*"msg":"job started"`);
    await waitUntil(() => [workerA, workerB].some((w) => w.output.some((l) => key.test(l))), {
      what: 'a worker to take it',
      timeout: 30_000,
    });
    const holder = workerA.output.some((l) => key.test(l)) ? workerA : workerB;
    const other = holder === workerA ? workerB : workerA;
    const children = inferencePids(holder);
    assert.ok(children.length === 1);
    thaw(inferencePids(other));
    holder.child.kill('SIGKILL');
    await holder.exited;
    thaw(children); // it notices its worker is gone once it runs again
    await waitUntil(() => !children.some(isAlive), {
      what: "the dead worker's inference process to exit",
      timeout: 30_000,
    });
    const done = await final(long, 120_000);
    assert.equal(done.files.length, 1);
    assert.ok(
      other.output.some((l) => key.test(l)),
      'the other worker ran it',
    );
    const row = jobs().find((j) => j.id === id)!;
    assert.deepEqual([row.state, row.attempts], ['done', 1], 'one attempt as far as the bot knows: BullMQ moved it');
    deliveredOnce([long]);
    // Replace the dead worker for what follows.
    if (holder === workerA) workerA = await startWorker('worker A2');
    else workerB = await startWorker('worker B2');
  });

  it('cancel of a job running on a worker reaches that worker and stops it', async () => {
    const thaw = freezeInference(workerA, workerB);
    const long = world.discord.slashCommand(
      'imagine',
      { prompt: 'cancel me', steps: 200, aspect: '16:9' },
      { user: world.discord.users.bob },
    );
    const message = await world.discord.waitForMessage(
      (m) => m.interactionId === long.id && customIds(m).some((c) => c.startsWith('cancel:')),
      { timeout: 30_000 },
    );
    const cancel = customIds(message).find((c) => c.startsWith('cancel:'))!;
    // Cancelled once a worker holds it, its inference process frozen so that it cannot finish first.
    const started = new RegExp(`"job":"j${cancel.split(':')[1]}-[0-9a-z]+-a1".*"msg":"job started"`);
    await waitUntil(() => [workerA, workerB].some((w) => w.output.some((l) => started.test(l))), {
      what: 'a worker to take it',
      timeout: 30_000,
    });
    const cancelClick = world.discord.clickButton(message.id, cancel, { user: world.discord.users.bob });
    try {
      await world.discord.waitForMessage((m) => m.id === message.id && /Cancelled/.test(m.content), {
        timeout: 30_000,
      });
      await waitUntil(() => [workerA, workerB].some((w) => w.output.some((l) => /job cancelled by the bot/.test(l))), {
        what: 'the worker to stop it',
        timeout: 30_000,
      });
    } catch (err) {
      const click = world.discord.interaction(cancelClick);
      throw new Error(
        `${(err as Error).message}\nmessage now: ${world.discord.getMessage(message.id)?.content}\nclick: ${JSON.stringify(click).slice(0, 600)}\n${[
          bot,
          workerA,
          workerB,
        ]
          .map(
            (p) =>
              `--- ${p.name}\n${p.output
                .filter((l) => !/session|"level":"debug".*"msg":"(step|pipeline)/.test(l))
                .slice(-25)
                .join('\n')}`,
          )
          .join('\n')}`,
      );
    } finally {
      thaw();
    }
    assert.equal(jobs().at(-1)!.state, 'cancelled');
    // Running again, the worker's pipeline sees the abort at its next step: the job never finishes there.
    const key = new RegExp(`"job":"j${cancel.split(':')[1]}-[0-9a-z]+-a1".*"msg":"job finished"`);
    const next = world.discord.slashCommand(
      'imagine',
      { prompt: 'after the cancel' },
      { user: world.discord.users.bob },
    );
    await final(next, 60_000);
    assert.ok(![workerA, workerB].some((w) => w.output.some((l) => key.test(l))), 'the cancelled job did not finish');
  });

  it("the bot SIGKILLed while its jobs run on workers, then restarted: it takes over their runs (a finished one's result), so every job runs once and is delivered once", async () => {
    const first = jobs().length;
    // Frozen until the bot is down, so that the jobs the workers took cannot finish while it still runs.
    const thaw = freezeInference(workerA, workerB);
    const handles = [1, 2, 3].map((n) =>
      world.discord.slashCommand(
        'imagine',
        { prompt: `through a bot crash ${n}`, steps: 200, aspect: '16:9' },
        { user: world.discord.users.owner },
      ),
    );
    const workerLines = () => [...workerA.output, ...workerB.output];
    // A run's key names each of its jobs (j24-…-a1_j25-…-a1 when they are batched together).
    const logged = (id: number, msg: string) =>
      new RegExp(`"job":"(?:[^"]*_)?j${id}-[0-9a-z]+-a\\d+[^"]*".*"msg":"${msg}"`);
    // Killed once a worker has a job (a job is running in SQLite a moment before its hand-off reaches Redis).
    const onWorkers = () =>
      jobs()
        .slice(first)
        .filter((j) => workerLines().some((l) => logged(j.id, 'job started').test(l)))
        .map((j) => j.id);
    await waitUntil(() => jobs().length === first + 3 && onWorkers().length > 0, {
      what: 'a job to run on a worker',
      timeout: 30_000,
    });
    bot.child.kill('SIGKILL');
    await bot.exited;
    thaw();
    const running = onWorkers();
    // A worker finishes a job while the bot is down: its result waits in Redis for the next bot process.
    await waitUntil(() => running.some((id) => workerLines().some((l) => logged(id, 'job finished').test(l))), {
      what: 'a worker to finish a job while the bot is down',
      timeout: 60_000,
    });
    bot = await startBot();
    await Promise.all(handles.map((h) => final(h)));
    await waitUntil(
      () =>
        jobs()
          .slice(-3)
          .every((j) => j.state === 'done'),
      { what: 'the three to be done', timeout: 30_000 },
    );
    deliveredOnce(handles);
    assert.ok(
      bot.output.some((l) => /"msg":"taking over the run a previous bot process handed off"/.test(l)),
      `the restarted bot took a run over:\n${bot.output.filter((l) => !/"level":"debug"/.test(l)).join('\n')}\n--- workers\n${workerLines()
        .filter((l) => /"job (started|finished)"/.test(l))
        .slice(-8)
        .join('\n')}`,
    );
    for (const j of jobs().slice(-3)) {
      const starts = workerLines().filter((l) => logged(j.id, 'job started').test(l));
      assert.equal(starts.length, 1, `job ${j.id} ran once on the workers, not again after the bot's restart`);
    }
  });

  it('Redis killed and restarted empty mid-queue: nothing lost, nothing doubled', async () => {
    const first = jobs().length;
    const handles = [1, 2, 3, 4, 5, 6].map((n) =>
      world.discord.slashCommand(
        'imagine',
        { prompt: `through a redis restart ${n}`, steps: 60 },
        { user: [world.discord.users.alice, world.discord.users.bob][n % 2]! },
      ),
    );
    await waitUntil(() => jobs().length === first + 6 && jobs().some((j) => j.state === 'running'), {
      what: 'jobs to run',
      timeout: 30_000,
    });
    await world.redis!.stop();
    // While Redis is down a new request is still accepted into SQLite, and its member is told why it waits.
    const late = world.discord.slashCommand(
      'imagine',
      { prompt: 'while redis is down' },
      { user: world.discord.users.alice },
    );
    const says = (h: InteractionHandle, re: RegExp) => re.test(world.discord.publicMessage(h)?.content ?? '');
    await waitUntil(() => says(late, /#\d+\*\*, the image workers can't be reached right now: your place is kept/), {
      what: 'the member to be told the workers cannot be reached',
      timeout: 30_000,
    });
    await world.redis!.restart();
    const all = [...handles, late];
    await Promise.all(all.map((h) => final(h, 120_000)));
    await waitUntil(
      () =>
        jobs()
          .slice(-7)
          .every((j) => j.state === 'done'),
      { what: 'all seven done', timeout: 30_000 },
    );
    deliveredOnce(all);
    assert.ok(bot.output.some((l) => /redis connection lost/.test(l)));
    assert.equal(world.discord.specReport(), '');
  });

  it("SIGTERM stops the workers and the bot cleanly, and the workers' inference processes with them", async () => {
    const children = [...inferencePids(workerA), ...inferencePids(workerB)];
    const codes = await Promise.all([stop(workerA, 'SIGTERM'), stop(workerB, 'SIGTERM'), stop(bot, 'SIGTERM')]);
    assert.deepEqual(
      codes.map((c) => c[0]),
      [0, 0, 0],
    );
    await waitUntil(() => !children.some(isAlive), { what: 'the inference processes to exit', timeout: 10_000 });
  });
});
