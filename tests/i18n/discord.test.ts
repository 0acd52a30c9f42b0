// Localisation through the local Discord: the registration payload carries the localisations and passes Discord's
// rules and schema; refusals and errors reach the member in their own language, with the error id unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiscordAPIError, Routes } from 'discord.js';
import { Locale } from 'discord-api-types/v10';
import { commandBodies } from '../../src/discord/deploy.ts';
import { loadCommands } from '../../src/discord/command.ts';
import { useBot } from '../support/bot.ts';
import { waitUntil } from '../support/wait.ts';

const h = useBot({ inference: 'held' });

test('the registration payload carries the localisations, and Discord accepts it', async () => {
  const bodies = commandBodies(await loadCommands(), h.bot.ctx.config);
  await h.bot.client.rest.put(Routes.applicationGuildCommands(h.discord.appId, h.discord.guildId), { body: bodies });
  const saved = h.discord.registeredCommands.guild[h.discord.guildId]!;
  const imagine = saved.find((c) => c.name === 'imagine')!;
  assert.deepEqual(imagine.name_localizations, {
    'en-US': 'imagine',
    it: 'immagina',
    de: 'malen',
    fr: 'imagine',
    'es-ES': 'imagina',
    'pt-BR': 'imagine',
    ja: '描いて',
    pl: 'namaluj',
  });
  assert.equal(imagine.description_localizations?.it, "Dipingi un'immagine a partire da una descrizione");
  const aspect = imagine.options!.find((o) => o.name === 'aspect')! as {
    choices: { value: string; name_localizations: Record<string, string> }[];
  };
  assert.equal(aspect.choices.find((c) => c.value === '16:9')!.name_localizations.de, '16:9 Breitbild');
  const limits = saved.find((c) => c.name === 'limits')! as unknown as {
    options: {
      name: string;
      name_localizations: Record<string, string>;
      options: { name: string; name_localizations: Record<string, string> }[];
    }[];
  };
  assert.equal(
    limits.options.find((o) => o.name === 'set')!.options.find((o) => o.name === 'value')!.name_localizations.fr,
    'valeur',
  );
  const menu = saved.find((c) => c.name === 'Vary this image')!;
  assert.equal(menu.name_localizations?.ja, 'この画像のバリエーション');
  assert.equal(menu.description_localizations, undefined);
  assert.equal(h.discord.specReport(), '');
});

test('Discord refuses a localisation that breaks its rules (the stand-in checks them too)', async () => {
  const body = commandBodies(await loadCommands(), h.bot.ctx.config).find((b) => b.name === 'imagine')!;
  const bad = structuredClone(body) as { options: { name_localizations: Record<string, string> }[] };
  bad.options[1]!.name_localizations.de = 'Negativ'; // upper case
  bad.options[2]!.name_localizations.fr = bad.options[0]!.name_localizations.fr!; // two options called "prompt"
  await assert.rejects(
    h.bot.client.rest.put(Routes.applicationGuildCommands(h.discord.appId, h.discord.guildId), { body: [bad] }),
    (err: unknown) =>
      err instanceof DiscordAPIError &&
      err.code === 50035 &&
      /options\[1\]\.name_localizations\.de\[APPLICATION_COMMAND_INVALID_NAME\]/.test(err.message) &&
      /options\[2\]\.name_localizations\.fr\[APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS\]/.test(err.message),
  );
});

test('a refusal reaches an Italian member in Italian, privately', async () => {
  const before = h.model.info;
  h.model.info = undefined;
  try {
    const a = await h.run('imagine', { prompt: 'a red fox' }, { user: h.discord.users.alice, locale: Locale.Italian });
    assert.equal(a.ephemeral, true);
    assert.equal(a.content, 'Il modello per le immagini si sta ancora caricando. Riprova tra un minuto.');
    const b = await h.run('imagine', { prompt: 'a red fox' }, { user: h.discord.users.bob, locale: Locale.EnglishGB });
    assert.equal(b.content, 'The image model is still loading. Please try again in a minute.');
  } finally {
    h.model.info = before;
  }
});

test("a bug is reported in the member's language with the same error id as the log line", async () => {
  const stores = h.bot.ctx.stores;
  const original = stores.quota.status;
  stores.quota.status = () => {
    throw new Error('disk on fire');
  };
  try {
    const a = await h.run('help', {}, { user: h.discord.users.alice, locale: Locale.Japanese });
    assert.equal(a.ephemeral, true);
    const id = /エラーID `([0-9a-f]{8})`/.exec(a.content)?.[1];
    assert.ok(id, a.content);
    assert.ok(
      h.logs.some((l) => l.includes(id) && l.includes('disk on fire')),
      'the log line carries the same id',
    );
  } finally {
    stores.quota.status = original;
  }
});

test("limit and quota refusals speak the member's language, plurals included", async () => {
  const { mod, bob } = h.discord.users;
  await h.run('limits set', { level: 'user', key: 'userCooldownSeconds', value: '5', user: bob }, { user: mod });
  await h.run('limits set', { level: 'user', key: 'maxSteps', value: '10', user: bob }, { user: mod });
  const steps = await h.run('imagine', { prompt: 'a lake', steps: 30 }, { user: bob, locale: Locale.SpanishES });
  assert.equal(steps.ephemeral, true);
  assert.equal(steps.content, '30 pasos superan lo permitido aquí (como máximo 10). Pide 10 pasos o menos.');
  const first = h.discord.slashCommand('imagine', { prompt: 'a lake' }, { user: bob, locale: Locale.Polish });
  const ack = await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${first.id}/`));
  assert.equal((ack.json as { type: number }).type, 5); // accepted: deferred, the job's public message follows
  const again = await h.run('imagine', { prompt: 'a lake' }, { user: bob, locale: Locale.Polish });
  assert.equal(again.ephemeral, true);
  assert.match(
    again.content,
    /^Zwolnij trochę: między prośbami obowiązuje tu przerwa 5 sekund\. Możesz poprosić ponownie <t:\d+:R>\.$/,
  );
  // The usage log keeps the English reason for moderators.
  const { recent } = h.bot.ctx.stores.usage.refusals({ since: 0, until: h.bot.ctx.now() + 1, userId: bob.id });
  assert.match(
    recent[0]!.reason ?? '',
    /^Slow down a little: there is a cooldown of 5 seconds between requests here\./,
  );
  assert.equal(recent[0]!.reasonCode, 'cooldown');
});

test("/info answers in the member's language", async () => {
  const a = await h.run('info', {}, { user: h.discord.users.alice, locale: Locale.French });
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /^\*\*Images restantes :\*\* 100 sur 100 sur les dernières 24 heures \(glissantes\)\./m);
  assert.match(a.content, /^\*\*Délai :\*\* aucun\.$/m);
  assert.match(a.content, /^\*\*Modèle :\*\* sd-turbo \(sd-turbo, float16\) sur \*\*cuda\*\*, 4 étapes par défaut$/m);
});

test("/settings and /queue answer in the member's language", async () => {
  const alice = h.discord.users.alice;
  const saved = await h.run('settings set', { steps: 12, spoiler: true }, { user: alice, locale: Locale.German });
  assert.equal(saved.ephemeral, true);
  assert.match(
    saved.content,
    /^Gespeichert\. Deine Standardwerte für \/imagine sind jetzt:\n• Format: \*\*Standard des Bots \(1:1\)\*\*\n• Schritte: \*\*12\*\*\n• Spoiler: \*\*ja\*\*\n• Remix: \*\*nein\*\* \(an: /,
  );
  const shown = await h.run('settings show', {}, { user: alice, locale: Locale.Japanese });
  assert.match(shown.content, /^\*\*\/imagine のあなたのデフォルト\*\*：\n/);
  // Bob's accepted job (above) is written after its acknowledgement, once no acknowledgement is on its way (turns.ts).
  await waitUntil(() => h.bot.ctx.stores.jobs.counts().running > 0, { what: "Bob's job to be written" });
  const queue = await h.run('queue', {}, { user: alice, locale: Locale.PortugueseBR });
  assert.equal(queue.ephemeral, true);
  assert.match(queue.content, /^\*\*Fila neste servidor:\*\* \d+ em andamento, \d+ esperando/);
});

test("the run-time moderator check refuses in the member's language, with its code unchanged", async () => {
  const a = await h.run(
    'limits show',
    {},
    { user: h.discord.users.alice, locale: Locale.Italian, ignoreCommandPermissions: true },
  );
  assert.equal(a.ephemeral, true);
  assert.equal(
    a.content,
    'Spiacente, questo comando è per i moderatori: qui serve il permesso **Gestisci server**. Non è stato cambiato nulla.',
  );
  const q = await h.run('queue', { remove: 999 }, { user: h.discord.users.mod, locale: Locale.German });
  assert.equal(q.content, 'Auf diesem Server gibt es keinen Auftrag 999. `/queue` zeigt die Auftragsnummern.');
});

test("a bad prompt flag is explained in the member's language, the flag as typed", async () => {
  const a = await h.run(
    'imagine',
    { prompt: 'a cat --seed abc' },
    { user: h.discord.users.owner, locale: Locale.Polish },
  );
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /^--seed przyjmuje liczbę całkowitą od 0 do \d+, a nie „abc”\.$/);
});
