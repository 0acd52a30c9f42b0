/**
 * The catalogs: every language has every message, with the same placeholders and the plural forms its language
 * needs; every command, option and choice is localised in every language within Discord's rules; lookups fall back
 * to English and format with Intl.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCommands } from '../../src/discord/command.ts';
import { commandBodies } from '../../src/discord/deploy.ts';
import { UserError } from '../../src/errors.ts';
import { commandSize } from '../../src/i18n/commands.ts';
import { en } from '../../src/i18n/en.ts';
import {
  catalogs,
  formatDuration,
  formatList,
  formatNumber,
  languages,
  localized,
  placeholdersOf,
  publicLang,
  memberLang,
  resolveLang,
  t,
  userError,
  type Lang,
} from '../../src/i18n/index.ts';
import type { CommandText, MessageText } from '../../src/i18n/types.ts';

const others = languages.filter((l) => l !== 'en-US');
const keys = Object.keys(en) as (keyof typeof en)[];

/** The plural categories a language uses for whole numbers (0-1000): the forms a count can actually need. */
function integerCategories(lang: Lang): Set<string> {
  const rules = new Intl.PluralRules(lang);
  const out = new Set<string>();
  for (let n = 0; n <= 1000; n++) out.add(rules.select(n));
  return out;
}

describe('message catalogs', () => {
  for (const lang of others) {
    test(`${lang}: every English key, no other, same placeholders, the plural forms it needs`, () => {
      const messages = catalogs[lang].messages as Record<string, MessageText | undefined>;
      const missing = keys.filter((k) => messages[k] === undefined);
      assert.deepEqual(missing, [], `${lang} lacks ${missing.join(', ')}`);
      const extra = Object.keys(messages).filter((k) => !(k in en));
      assert.deepEqual(extra, [], `${lang} has keys English does not: ${extra.join(', ')}`);
      for (const key of keys) {
        const text = messages[key]!;
        assert.deepEqual(
          [...placeholdersOf(text)].sort(),
          [...placeholdersOf(en[key])].sort(),
          `${lang} ${key}: placeholders differ from English`,
        );
        const source: MessageText = en[key];
        if (typeof source === 'string') {
          assert.equal(typeof text, 'string', `${lang} ${key}: English has no plural forms here`);
        } else {
          assert.equal(typeof text, 'object', `${lang} ${key}: needs plural forms`);
          for (const category of integerCategories(lang)) {
            assert.ok((text as Record<string, string>)[category], `${lang} ${key}: the "${category}" form is missing`);
          }
        }
        const forms = typeof text === 'string' ? [text] : Object.values(text);
        for (const form of forms) {
          assert.ok(form.trim().length > 0, `${lang} ${key}: empty`);
          assert.ok(!form.includes(key), `${lang} ${key}: shows its own key`);
        }
      }
    });
  }

  test('English plural messages have the forms English needs', () => {
    for (const key of keys) {
      const text: MessageText = en[key];
      if (typeof text === 'object')
        for (const c of integerCategories('en-US')) assert.ok((text as Record<string, string>)[c], `${key}: ${c}`);
    }
  });

  test('a translated message differs from English somewhere in each language (no untranslated copies)', () => {
    for (const lang of others) {
      const same = keys.filter((k) => JSON.stringify(catalogs[lang].messages[k]) === JSON.stringify(en[k]));
      // Some texts legitimately coincide (loanwords: "Info", "Prompt", "Seed"); a catalog that is largely English is not a translation.
      assert.ok(same.length <= keys.length / 10, `${lang} leaves these as English: ${same.join(', ')}`);
    }
  });
});

describe('lookup and formatting', () => {
  test('Discord locales map to a language, with regional fallbacks and English last', () => {
    assert.equal(resolveLang('it'), 'it');
    assert.equal(resolveLang('es-419'), 'es-ES');
    assert.equal(resolveLang('pt-PT'), 'pt-BR');
    assert.equal(resolveLang('en-GB'), 'en-US');
    assert.equal(resolveLang('ko'), 'en-US');
    assert.equal(resolveLang(undefined), 'en-US');
    assert.equal(memberLang({ locale: 'de' }), 'de');
    assert.equal(publicLang({ locale: 'de', guildLocale: 'fr' }), 'fr');
    assert.equal(publicLang({ locale: 'de', guildLocale: null }), 'de'); // a DM: only the member sees it
  });

  test('placeholders are filled and numbers formatted for the language', () => {
    assert.equal(t('de', 'router.bug', { errorId: 'ab12cd34' }).includes('`ab12cd34`'), true);
    assert.equal(formatNumber('de', 7.5), '7,5');
    assert.equal(formatNumber('fr', 1234567), '1234567'); // identifiers (seeds, job numbers) are never grouped
    assert.equal(formatDuration('de', 3_900_000), '1 Std., 5 Min.');
    assert.equal(formatDuration('ja', 3_900_000).replace(/\s/g, ''), '1時間5分');
    assert.equal(formatDuration('en-US', 40_000), '40 sec');
    assert.equal(formatList('it', ['a', 'b', 'c'], 'disjunction'), 'a, b o c');
  });

  test('plurals follow Intl.PluralRules: Polish one, few and many', () => {
    assert.match(t('pl', 'help.limit.queued', { count: 1 }), /1 zadanie czekające/);
    assert.match(t('pl', 'help.limit.queued', { count: 3 }), /3 zadania czekające/);
    assert.match(t('pl', 'help.limit.queued', { count: 5 }), /5 zadań czekających/);
    assert.match(t('pl', 'help.limit.queued', { count: 22 }), /22 zadania/);
    assert.match(t('en-US', 'help.limit.queued', { count: 1 }), /1 job waiting/);
    assert.match(t('en-US', 'help.limit.queued', { count: 2 }), /2 jobs waiting/);
  });

  test("a failed job's public message keeps its error id in every language", () => {
    const text = localized('fail.bug', { errorId: 'abcd1234' });
    assert.match(text.message, /\(error id `abcd1234`\)/);
    for (const lang of languages) assert.ok(text.localized(lang).includes('`abcd1234`'), lang);
    assert.match(localized('fail.timeout', { seconds: 0.4 }).localized('de'), /0,4 s/);
  });

  test("a localised UserError keeps English for logs and its code, and speaks the member's language when shown", () => {
    const err = userError('blocklist', 'job.blockedWordHere', { word: 'gore' });
    assert.ok(err instanceof UserError);
    assert.equal(err.code, 'blocklist');
    assert.match(err.message, /^Your prompt contains “gore”/);
    assert.match(err.messageIn('it'), /^Il tuo prompt contiene “gore”/);
    assert.match(err.messageIn('ko'), /^Your prompt contains/); // a language Atelier does not speak: English
    assert.equal(new UserError('plain').messageIn('de'), 'plain'); // not yet translated: English, never a key
  });
});

type Node = {
  name: string;
  description?: string;
  type?: number;
  options?: Node[];
  choices?: { name: string; value: string | number; name_localizations?: Record<string, string> }[];
  name_localizations?: Record<string, string>;
  description_localizations?: Record<string, string>;
};

const CHAT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

describe('command localisations', async () => {
  const commands = await loadCommands();
  const bodies = commandBodies(commands, { discord: { allowDms: true } } as never) as unknown as Node[];

  test('every command, option and choice a catalog knows is in every catalog, and none that is gone', (t) => {
    const untranslated: string[] = [];
    for (const body of bodies) {
      checkTree(
        body,
        others.map((lang) => [lang, catalogs[lang].commands[body.name]] as const),
        body.type === 2 || body.type === 3,
        `/${body.name}`,
        untranslated,
      );
    }
    // Added after the catalogs were written (by anyone): Discord shows the English name until someone translates it.
    for (const what of untranslated) t.diagnostic(`${what} has no translations yet (English everywhere)`);
    for (const lang of others) {
      for (const name of Object.keys(catalogs[lang].commands)) {
        assert.ok(commands.has(name), `${lang} translates a command that does not exist: "${name}"`);
      }
    }
  });

  test("localised names and descriptions keep Discord's rules, en-US equals the default, each command under 8,000 characters", () => {
    for (const body of bodies) {
      if (!body.name_localizations) continue;
      const menu = body.type === 2 || body.type === 3;
      assert.equal(body.name_localizations['en-US'], body.name);
      if (menu)
        assert.equal(body.description_localizations, undefined, `${body.name}: context menus have no description`);
      else assert.equal(body.description_localizations?.['en-US'], body.description);
      for (const [lang, name] of Object.entries(body.name_localizations)) {
        if (menu) assert.ok(name.length >= 1 && name.length <= 32, `${lang} ${body.name}: "${name}"`);
        else
          assert.ok(
            CHAT_NAME.test(name) && name === name.toLowerCase(),
            `${lang} /${body.name}: "${name}" is not a valid command name`,
          );
      }
      if (!menu) checkOptions(body, body.name);
      assert.ok(commandSize(body as never) <= 8000, `/${body.name} is ${commandSize(body as never)} characters`);
    }
  });
});

/**
 * One command (or option) in every language: all of them or none (something new, listed in `untranslated`); a
 * translated one has its name, its description (but a context menu), each option and each choice.
 */
function checkTree(
  node: Node,
  texts: readonly (readonly [Lang, CommandText | undefined])[],
  menu: boolean,
  where: string,
  untranslated: string[],
): void {
  const known = texts.filter(([, text]) => text);
  if (known.length === 0) {
    untranslated.push(where);
    return;
  }
  for (const [lang, text] of texts) {
    assert.ok(text, `${lang} lacks ${where}, which ${known.map(([l]) => l).join(', ')} translate`);
    assert.ok(text.name, `${lang} ${where}: no name`);
    if (!menu) assert.ok(text.description, `${lang} ${where}: no description`);
    else assert.equal(text.description, undefined, `${lang} ${where}: a context menu has no description`);
    for (const name of Object.keys(text.options ?? {})) {
      assert.ok(
        node.options?.some((o) => o.name === name),
        `${lang} ${where}: translates an option that does not exist: "${name}"`,
      );
    }
    for (const value of Object.keys(text.choices ?? {})) {
      assert.ok(
        node.choices?.some((c) => String(c.value) === value),
        `${lang} ${where}: translates a choice that does not exist: "${value}"`,
      );
    }
  }
  for (const choice of node.choices ?? []) {
    const value = String(choice.value);
    const translated = texts.filter(([, text]) => text?.choices?.[value]).map(([l]) => l);
    if (translated.length === 0) untranslated.push(`${where} choice "${value}"`);
    else
      for (const [lang, text] of texts)
        assert.ok(
          text?.choices?.[value],
          `${lang} ${where} lacks the choice "${value}", which ${translated.join(', ')} translate`,
        );
  }
  for (const option of node.options ?? []) {
    checkTree(
      option,
      texts.map(([lang, text]) => [lang, text?.options?.[option.name]] as const),
      false,
      `${where} ${option.name}`,
      untranslated,
    );
  }
}

function checkOptions(node: Node, where: string): void {
  const options = node.options ?? [];
  for (const lang of languages) {
    const names = options.map((o) => o.name_localizations?.[lang] ?? o.name);
    assert.equal(new Set(names).size, names.length, `${where}: option names repeat in ${lang}: ${names.join(', ')}`);
  }
  for (const o of options) {
    for (const [lang, name] of Object.entries(o.name_localizations ?? {})) {
      assert.ok(
        CHAT_NAME.test(name) && name === name.toLowerCase(),
        `${lang} ${where} ${o.name}: "${name}" is not a valid option name`,
      );
    }
    for (const [lang, d] of Object.entries(o.description_localizations ?? {})) {
      assert.ok(d.length >= 1 && d.length <= 100, `${lang} ${where} ${o.name}: description is ${d.length} characters`);
    }
    for (const c of o.choices ?? []) {
      for (const [lang, n] of Object.entries(c.name_localizations ?? {})) {
        assert.ok(
          n.length >= 1 && n.length <= 100,
          `${lang} ${where} ${o.name} choice ${c.value}: ${n.length} characters`,
        );
      }
    }
    checkOptions(o, `${where} ${o.name}`);
  }
  for (const [lang, d] of Object.entries(node.description_localizations ?? {})) {
    assert.ok(d.length >= 1 && d.length <= 100, `${lang} ${where}: description is ${d.length} characters`);
  }
}
