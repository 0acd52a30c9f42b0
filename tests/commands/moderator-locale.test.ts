// The moderator commands answer privately in the moderator's own Discord language (their `locale`), refusals
// included, with the error codes unchanged; English stays the default.
import assert from 'node:assert/strict';
import { Locale } from 'discord.js';
import { test } from 'node:test';
import { useBot } from '../support/bot.ts';

const h = useBot({ inference: 'held' });

const as = (locale: Locale) => ({ user: h.discord.users.mod, locale });

test('/ban, /unban and a bad duration in Italian and Polish', async () => {
  const { alice, bob } = h.discord.users;
  const banned = await h.run('ban', { user: alice, reason: 'spam', duration: '7d' }, as(Locale.Italian));
  assert.equal(banned.ephemeral, true);
  assert.match(
    banned.content,
    new RegExp(`<@${alice.id}> non può più usare Atelier in questo server, per 1 sett\\., fino al <t:\\d+:f>`),
  );
  assert.match(banned.content, /Non aveva lavori in attesa\./);
  const lifted = await h.run('unban', { user: alice }, as(Locale.Polish));
  assert.match(lifted.content, /znów może używać Atelier na tym serwerze\. \(Powód blokady: spam\)/);
  const bad = await h.run('ban', { user: bob, reason: 'spam', duration: '3 parsecs' }, as(Locale.German));
  assert.match(bad.content, /„parsecs“ ist in „3 parsecs“ keine Einheit, die ich kenne\. Gib eine Dauer wie 30m/);
  assert.equal(h.stores.moderation.activeBan(h.discord.guildId, bob.id) ?? null, null);
});

test("/limits, /blocklist, /modlog, /usage and /health in the moderator's language", async () => {
  const set = await h.run('limits set', { level: 'guild', key: 'maxSteps', value: '30' }, as(Locale.French));
  assert.match(
    set.content,
    /^`maxSteps` \(.+\) défini pour le serveur : .+ → \*\*30.*\*\*\. S'applique dès la prochaine demande/,
  );
  const show = await h.run('limits show', {}, as(Locale.Japanese));
  assert.match(show.content, /^\*\*このサーバーの制限\*\*/);
  assert.match(show.content, /`maxSteps` \*\*30.*\*\* \(.+; サーバー\)/);
  assert.match(show.content, /`userImagesPerDay` \*\*(無制限|\d+)\*\*/);
  const unlimited = await h.run(
    'limits set',
    { level: 'guild', key: 'maxImagesPerRequest', value: 'unlimited' },
    as(Locale.German),
  );
  assert.match(unlimited.content, /→ \*\*unbegrenzt\*\*\. Gilt ab der nächsten Anfrage/);
  const odd = await h.run('limits set', { level: 'guild', key: 'maxWidth', value: '500' }, as(Locale.Italian));
  assert.match(
    odd.content,
    /^maxWidth deve essere un multiplo di 8 \(i modelli lavorano a blocchi di 8 pixel\), per esempio 496\./,
  );
  const whole = await h.run(
    'limits set',
    { level: 'guild', key: 'userImagesPerDay', value: 'many' },
    as(Locale.Polish),
  );
  assert.match(whole.content, /^userImagesPerDay przyjmuje liczbę całkowitą \(.+\) albo "unlimited"\./);
  assert.doesNotMatch(whole.content, /images per user/);
  const added = await h.run('blocklist add', { pattern: 'gore' }, as(Locale.SpanishES));
  assert.match(added.content, /^Añadido `gore` a la lista negra del servidor\./);
  const list = await h.run('blocklist list', {}, as(Locale.PortugueseBR));
  assert.match(list.content, /\*\*Lista de bloqueios deste servidor\*\* \(1 entrada\):/);
  const lookaround = await h.run('blocklist add', { pattern: '/(?=gore)/' }, as(Locale.French));
  assert.match(lookaround.content, /^Les assertions avant et arrière .* ne sont pas prises en charge/);
  const missing = await h.run('blocklist remove', { pattern: 'nothing-here' }, as(Locale.Polish));
  assert.match(missing.content, /`nothing-here` nie ma na czarnej liście tego serwera\./);
  const log = await h.run('modlog', {}, as(Locale.German));
  assert.match(log.content, /^\*\*Moderationsaktionen\*\*, Seite 1 \(neueste zuerst\):/);
  assert.match(log.content, /setzte auf die Sperrliste: `gore`/);
  const usage = await h.run('usage', {}, as(Locale.Italian));
  assert.match(usage.content, /^\*\*Utilizzo in questo server: ultimi 7 giorni\*\*/);
  assert.match(usage.content, /\*\*Rifiuti per motivo:\*\*/);
  const health = await h.run('health', {}, as(Locale.Polish));
  assert.ok(health.content.length > 0);
  assert.doesNotMatch(health.content, /Health reporting|Ready|Database/);
});
