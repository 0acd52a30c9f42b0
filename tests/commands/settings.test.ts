// /settings show, set and reset: a member's own defaults, stored in SQLite.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBot } from '../support/bot.ts';

// Direct messages allowed, so that the commands are registered for them too.
const h = useBot({ inference: 'held', env: { DISCORD_ALLOW_DMS: 'true' } });

test('show before anything is saved gives the defaults', async () => {
  const a = await h.run('settings show', {}, { user: h.discord.users.alice });
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /\(never changed\)/);
  assert.match(a.content, /Aspect ratio: \*\*the bot's default \(1:1\)\*\*/);
  assert.match(a.content, /Steps: \*\*the model's default\*\*/);
  assert.match(a.content, /Spoiler: \*\*no\*\*/);
});

test('set stores the given fields only, and they persist in SQLite', async () => {
  const { alice } = h.discord.users;
  const a = await h.run('settings set', { aspect_ratio: '16:9', steps: 30 }, { user: alice });
  assert.match(a.content, /Saved/);
  assert.match(a.content, /Aspect ratio: \*\*16:9\*\*/);
  assert.match(a.content, /Steps: \*\*30\*\*/);
  assert.deepEqual(h.stores.settings.get(alice.id), {
    aspectRatio: '16:9',
    steps: 30,
    spoiler: false,
    remix: false,
    updatedAt: h.clock.now(),
  });

  await h.run('settings set', { spoiler: true }, { user: alice });
  const row = h.database.sqlite
    .prepare('SELECT aspect_ratio, steps, spoiler FROM user_settings WHERE user_id = ?')
    .get(alice.id);
  assert.deepEqual(row, { aspect_ratio: '16:9', steps: 30, spoiler: 1 });

  // 'default' and 0 clear one setting back to the default.
  await h.run('settings set', { aspect_ratio: 'default', steps: 0 }, { user: alice });
  assert.deepEqual(h.stores.settings.get(alice.id), {
    aspectRatio: null,
    steps: null,
    spoiler: true,
    remix: false,
    updatedAt: h.clock.now(),
  });
  // Someone else's are untouched.
  assert.equal(h.stores.settings.get(h.discord.users.bob.id).updatedAt, null);
});

test('show notes a server limit that overrides a setting', async () => {
  const { bob, mod } = h.discord.users;
  await h.run('settings set', { steps: 40 }, { user: bob });
  await h.run('limits set', { level: 'guild', key: 'maxSteps', value: '25' }, { user: mod });
  await h.run('limits set', { level: 'guild', key: 'spoilerRequired', value: 'yes' }, { user: mod });
  const a = await h.run('settings show', {}, { user: bob });
  assert.match(a.content, /Steps: \*\*40 \(this server allows at most 25, so 25 are used here\)\*\*/);
  assert.match(a.content, /this server posts every image as a spoiler anyway/);
});

test('set with nothing to change is refused politely; reset forgets', async () => {
  const { alice } = h.discord.users;
  const before = h.dump();
  const empty = await h.run('settings set', {}, { user: alice });
  assert.match(empty.content, /Give at least one of `aspect_ratio`, `steps`, `spoiler` or `remix`/);
  assert.deepEqual(h.dump(), before);

  const r = await h.run('settings reset', {}, { user: alice });
  assert.match(r.content, /Your defaults are forgotten/);
  assert.equal(h.stores.settings.get(alice.id).updatedAt, null);
  const again = await h.run('settings reset', {}, { user: alice });
  assert.match(again.content, /nothing changed/);
});

test('settings work in a direct message too', async () => {
  const { bob } = h.discord.users;
  const a = await h.run('settings set', { aspect_ratio: '2:3' }, { user: bob, dm: true });
  assert.match(a.content, /Aspect ratio: \*\*2:3\*\*/);
  assert.equal(h.stores.settings.get(bob.id).aspectRatio, '2:3');
});
