// /blocklist add, remove and list: entries in SQLite, checked before they are stored, audited.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blocklistFor } from '../../src/moderation/blocklist.ts';
import { useBot } from '../support/bot.ts';

const h = useBot({ inference: 'held' });

const mod = () => ({ user: h.discord.users.mod });
const patterns = () => h.stores.moderation.blocklist(h.discord.guildId).map((e) => e.pattern);
const blocks = (prompt: string) =>
  blocklistFor({ guildPatterns: patterns(), ageRestricted: true }).match(prompt) !== null;

test('/blocklist add stores a word and a regex; prompts with them are caught, spacing tricks included', async () => {
  const a = await h.run('blocklist add', { pattern: 'Gore' }, mod());
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /Added `gore` to this server's blocklist/);
  const b = await h.run('blocklist add', { pattern: '/sk(u|e)lls?/' }, mod());
  assert.match(b.content, /Added `\/sk\(u\|e\)lls\?\/`/);
  assert.deepEqual(patterns().sort(), ['/sk(u|e)lls?/', 'gore']);
  assert.equal(blocks('a scene full of G O R E'), true);
  assert.equal(blocks('pile of skells'), true);
  assert.equal(blocks('a gorgeous sunset'), false);

  const entries = h.stores.audit.list({ guildId: h.discord.guildId, limit: 2 });
  assert.deepEqual(
    entries.map((e) => [e.action, e.targetId, e.moderatorId]),
    [
      ['blocklist.add', '/sk(u|e)lls?/', h.discord.users.mod.id],
      ['blocklist.add', 'gore', h.discord.users.mod.id],
    ],
  );

  const again = await h.run('blocklist add', { pattern: 'GORE' }, mod());
  assert.match(again.content, /`gore` is already on the blocklist \(added by <@\d+> <t:\d+:R>\)/);
});

test('/blocklist add refuses invalid, unbounded and match-everything entries, changing nothing', async () => {
  const before = h.dump();
  const cases: [string, RegExp][] = [
    ['/(unclosed/', /not a regular expression the matching engine \(RE2\) accepts/],
    ['/(a)\\1/', /Backreferences \(like \\1\) are not supported: the matching engine \(RE2\) guarantees/],
    ['/(?<!c)lass/', /Lookahead and lookbehind .* are not supported/],
    ['/x(?=y)/', /Lookahead and lookbehind .* are not supported/],
    [`/(${'.'.repeat(10)}){30}/`, /too big: it compiles to \d+ steps and an entry may have at most 200/],
    ['/.*/', /matches an empty prompt, so it would block every request/],
    ['/x?/', /matches an empty prompt/],
    ['/[a-z]/', /matches nearly everything/],
    ['/e/', /matches nearly everything/],
    ['/porn/g', /Only the flags i, u and s are allowed/],
    ['!!!', /has no letters or digits/],
  ];
  for (const [pattern, message] of cases) {
    const a = await h.run('blocklist add', { pattern }, mod());
    assert.match(a.content, message, pattern);
    assert.equal(a.ephemeral, true);
  }
  assert.deepEqual(h.dump(), before);
  assert.equal(h.logs.filter((l) => (JSON.parse(l) as { level: string }).level === 'error').length, 0);
});

test('/blocklist list shows the entries and the built-in list', async () => {
  const a = await h.run('blocklist list', {}, mod());
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /This server's blocklist\*\* \(2 entries\)/);
  assert.match(a.content, /• `gore` \(<@\d+>, <t:\d+:R>\)/);
  assert.match(a.content, /Built-in list\*\*, applied in channels not marked age-restricted: `nsfw`/);
});

test('/blocklist remove takes an entry out (audited); unknown and built-in entries get an explanation', async () => {
  const a = await h.run('blocklist remove', { pattern: ' GORE ' }, mod());
  assert.match(a.content, /Removed `GORE` from this server's blocklist/);
  assert.deepEqual(patterns(), ['/sk(u|e)lls?/']);
  const [entry] = h.stores.audit.list({ guildId: h.discord.guildId, limit: 1 });
  assert.equal(entry?.action, 'blocklist.remove');
  assert.equal(entry?.targetId, 'gore');

  const before = h.dump();
  const missing = await h.run('blocklist remove', { pattern: 'dragons' }, mod());
  assert.match(missing.content, /`dragons` is not on this server's blocklist/);
  const builtin = await h.run('blocklist remove', { pattern: 'nsfw' }, mod());
  assert.match(builtin.content, /on the built-in list, which applies in channels not marked age-restricted/);
  assert.deepEqual(h.dump(), before);
});
