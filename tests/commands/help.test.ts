// /help through the local Discord: private, in the member's language, with their own limits and the model's
// abilities, and a moderator section only for members with Manage Server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Locale } from 'discord-api-types/v10';
import { useBot } from '../support/bot.ts';

const h = useBot({ inference: 'held' });

function text(m: { embeds?: unknown[] }): { titles: string[]; all: string } {
  const embeds = (m.embeds ?? []) as { title?: string; description?: string }[];
  return {
    titles: embeds.map((e) => e.title ?? ''),
    all: embeds.map((e) => `${e.title}\n${e.description}`).join('\n'),
  };
}

test('a member gets the public help privately: commands, buttons, flags, their limits, the model; no moderator section', async () => {
  const a = await h.run('help', {}, { user: h.discord.users.alice });
  assert.equal(a.ephemeral, true);
  const { titles, all } = text(a.message);
  assert.deepEqual(titles, [
    'Atelier: help',
    'Buttons under an image',
    'Prompt flags',
    'Your limits here',
    'What the model can do',
  ]);
  for (const command of ['/imagine', '/info', '/queue', '/settings', '/help'])
    assert.ok(all.includes(`\`${command}\``), command);
  assert.match(all, /Apps → \*\*Vary this image\*\*/);
  assert.match(all, /🔄 Reroll/);
  assert.match(all, /🔍 Zoom Out 2x/);
  assert.match(all, /⏫ Upscale \(Creative\)/);
  assert.match(all, /--ar 16:9/);
  assert.match(all, /Images: 100 of 100 left in the last 24 hours/);
  assert.match(all, /At most 5 jobs waiting at a time\./);
  assert.match(all, /The model is \*\*sd-turbo\*\*/);
  assert.doesNotMatch(all, /moderators|\/limits|\/ban/);
  assert.doesNotMatch(all, /The model reads English only/); // said only to members in other languages
});

test('a moderator also sees the moderator commands', async () => {
  const a = await h.run('help', {}, { user: h.discord.users.mod });
  const { titles, all } = text(a.message);
  assert.equal(titles.at(-1), 'For moderators (Manage Server)');
  for (const command of ['/limits', '/ban', '/unban', '/blocklist', '/usage', '/modlog', '/queue remove'])
    assert.ok(all.includes(`\`${command}`), command);
});

test("in Italian: localised command names, the member's limits in Italian, and the note that the model reads English", async () => {
  const { mod, alice } = h.discord.users;
  await h.run('limits set', { level: 'user', key: 'userImagesPerDay', value: '1', user: alice }, { user: mod });
  await h.run('limits set', { level: 'user', key: 'userCooldownSeconds', value: '3900', user: alice }, { user: mod });
  const a = await h.run('help', {}, { user: alice, locale: Locale.Italian });
  assert.equal(a.ephemeral, true);
  const { titles, all } = text(a.message);
  assert.equal(titles[0], 'Atelier: guida');
  assert.equal(titles.length, 5);
  assert.match(all, /`\/immagina`/);
  assert.match(all, /App → \*\*Varia questa immagine\*\*/);
  assert.match(all, /Immagini: te ne resta 1 su 1 nelle ultime 24 ore/);
  assert.match(all, /Attesa: 1 h e 5 min tra due richieste\./);
  assert.match(all, /Il modello legge solo l'inglese/);
  assert.doesNotMatch(all, /Your limits|Commands/);
});

test('a moderator whose Discord is in Polish gets the moderator section in Polish', async () => {
  const a = await h.run('help', {}, { user: h.discord.users.mod, locale: Locale.Polish });
  const { titles, all } = text(a.message);
  assert.equal(titles.at(-1), 'Dla moderacji (Zarządzanie serwerem)');
  assert.match(all, /`\/kolejka usuń`/);
  assert.match(all, /Najwyżej 5 zadań czekających naraz\./);
});

test('on the demo model, /help names the words it knows', async () => {
  const before = h.model.info!;
  h.model.info = { ...before, name: 'atelier-demo', family: 'demo' };
  try {
    const a = await h.run('help', {}, { user: h.discord.users.bob, locale: Locale.German });
    const { all } = text(a.message);
    assert.match(all, /Demo-Modell/);
    assert.match(all, /`circle`, `square`, `triangle` oder `star`/);
    assert.match(all, /`on the left`/);
  } finally {
    h.model.info = before;
  }
});
