// Discord's language rule end to end: in a server whose language is German, everything everyone sees (the queue
// place, progress, the result, its notes and its buttons' labels) is German, whatever the asker's own language;
// what only the asker or a clicker sees (refusals, the Info embed) follows their own Discord language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Locale } from 'discord-api-types/v10';
import type { MessageView } from '../support/discord/index.ts';
import { jobIdOf, useBot } from '../support/bot.ts';

function labels(m: { components?: unknown }): string[] {
  const out: string[] = [];
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const c of list as Record<string, unknown>[]) {
      if (typeof c.label === 'string') out.push(c.label);
      walk(c.components);
    }
  };
  walk(m.components);
  return out;
}

describe('a German server, an Italian member', () => {
  const h = useBot({
    minEditIntervalMs: 0,
    emulator: { guilds: [{ name: 'Atelier DE', locale: Locale.German }] },
  });

  let result: MessageView;

  it('shows the queue place, progress and the result in German, with German button labels', async () => {
    const { discord } = h;
    const since = discord.requests.length;
    const handle = h.imagine(
      { prompt: 'a red fox in snow --weird 40', seed: 7, steps: 4, count: 1 },
      { user: discord.users.alice, locale: Locale.Italian },
    );
    result = await h.settled(handle);

    const edits = discord.requests.slice(since).filter((r) => r.method === 'PATCH' && r.path.includes(handle.token));
    const contents = edits.map((r) => String((r.json as { content?: string }).content ?? ''));
    assert.match(contents[0]!, /⏳ In der Warteschlange: \*\*#1\*\*/);
    assert.ok(
      contents.some((c) => /🎨 Male: Schritt \d von \d+ \(\d+\s%\)/u.test(c)),
      `progress edits: ${contents.join(' | ')}`,
    );
    const progress = edits.find((r) => /Male: Schritt/.test(String((r.json as { content?: string }).content)))!;
    assert.deepEqual(labels(progress.json as { components?: unknown }), ['Abbrechen']);

    assert.match(result.content, /\*\*a red fox in snow\*\*/); // the prompt stays as typed
    assert.match(result.content, /Seed 7 · \d+×\d+ · \d+ Schritte · Guidance \d+(,\d+)? · /);
    assert.match(result.content, /`--weird 40` habe ich nicht verstanden und deshalb ignoriert/);
    const shown = labels(result);
    for (const label of ['Variieren (leicht)', 'Variieren (stark)', 'Neu würfeln', 'Info', 'Löschen'])
      assert.ok(shown.includes(label), `${label} in ${shown}`);
    for (const english of ['Vary (Subtle)', 'Vary (Strong)', 'Reroll', 'Delete', 'Cancel'])
      assert.ok(!shown.includes(english), `${english} in ${shown}`);
    const stored = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(stored.params.locale, 'de');
  });

  it("answers the Italian member's Info click in Italian, privately", async () => {
    const jobId = jobIdOf(result);
    const click = h.discord.clickButton(result.id, `info:${jobId}`, {
      user: h.discord.users.alice,
      locale: Locale.Italian,
    });
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${click.id}/`));
    const answer = h.discord.original(click);
    assert.equal(answer.ephemeral, true);
    const embed = (answer.embeds as { title?: string; fields?: { name: string; value: string }[] }[])[0]!;
    assert.equal(embed.title, 'Come sono state fatte queste immagini');
    assert.deepEqual(
      embed.fields!.slice(0, 3).map((f) => f.name),
      ['Prompt', 'Seme', 'Dimensioni'],
    );
    assert.match(embed.fields!.at(-1)!.value, new RegExp(`^#${jobId} · nuova immagine · completato`));
  });

  it("shows the Vary (Region) modal in the clicker's language", async () => {
    const jobId = jobIdOf(result);
    const click = h.discord.clickButton(result.id, `region:${jobId}:0`, {
      user: h.discord.users.alice,
      locale: Locale.Italian,
    });
    const callback = await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${click.id}/`));
    const body = callback.json as { type: number; data: { title: string; components: unknown[] } };
    assert.equal(body.type, 9);
    assert.equal(body.data.title, 'Varia (regione)');
    const text = JSON.stringify(body.data.components);
    assert.match(text, /Zona da rifare/);
    assert.match(text, /Metà sinistra/);
    assert.match(text, /Angolo in basso a destra/);
  });

  it("a reroll by an English member is still posted in German, the server's language", async () => {
    const jobId = jobIdOf(result);
    const again = await h.settled(
      h.discord.clickButton(result.id, `reroll:${jobId}`, { user: h.discord.users.bob, locale: Locale.EnglishUS }),
    );
    assert.match(again.content, new RegExp(`Neuer Versuch von #${jobId}`));
    assert.ok(labels(again).includes('Neu würfeln'));
  });

  it("keeps a refusal private and in the asker's language; the public note is in German", async () => {
    const { discord } = h;
    const added = discord.slashCommand('blocklist add', { pattern: 'volcano' }, { user: discord.users.mod });
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${added.id}/`));
    const handle = h.imagine({ prompt: 'a volcano at night' }, { user: discord.users.alice, locale: Locale.Italian });
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    const answer = discord.original(handle);
    assert.equal(answer.ephemeral, true);
    assert.match(answer.content, /^Il tuo prompt contiene “volcano”, che questo server non consente\./);
  });
  it("shows the Remix form in the clicker's language", async () => {
    const { discord } = h;
    const alice = discord.users.alice;
    const set = discord.slashCommand('settings set', { remix: true }, { user: alice });
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${set.id}/`));
    const jobId = jobIdOf(result);
    const click = discord.clickButton(result.id, `reroll:${jobId}`, { user: alice, locale: Locale.Japanese });
    const callback = await discord.waitFor((r) => r.path.startsWith(`/interactions/${click.id}/`));
    const body = callback.json as { type: number; data: { title: string; components: unknown[] } };
    assert.equal(body.type, 9);
    assert.equal(body.data.title, 'リミックス: プロンプトを変更');
    const text = JSON.stringify(body.data.components);
    assert.match(text, /プロンプト/);
    assert.match(text, /ネガティブプロンプト|除外/);
  });
});
