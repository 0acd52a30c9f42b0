import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  blocklistFor,
  builtinBlocklist,
  checkBlocklistPattern,
  compileBlocklist,
  fold,
  normalizeText,
  parseBlocklistPattern,
} from '../../src/moderation/blocklist.ts';

const guild = (patterns: string[]) =>
  compileBlocklist(patterns.map((pattern) => ({ pattern, source: 'guild' as const })));
const strict = blocklistFor({ guildPatterns: [], ageRestricted: false });

test('fold: case, accents, zero-width characters, look-alikes, fullwidth and leetspeak', () => {
  assert.equal(fold('NÜDE'), 'nude');
  assert.equal(fold('n\u200Bu\u200Dd\uFEFFe'), 'nude');
  assert.equal(fold('nu\u00ADde'), 'nude'); // soft hyphen
  assert.equal(fold('ｎｕｄｅ'), 'nude'); // fullwidth
  assert.equal(fold('𝐧𝐮𝐝𝐞'), 'nude'); // mathematical bold
  assert.equal(fold('nudе'), 'nude'); // Cyrillic е
  assert.equal(fold('p0rn'), 'porn');
  assert.equal(fold('$3x'), 'sex');
  assert.equal(fold('@$$'), 'ass');
  assert.equal(fold('4n1m3'), 'anime');
});

test('normalizeText merges spaced-out letters and joins dotted ones', () => {
  assert.equal(normalizeText('a n u d e photo').words, 'anude photo');
  assert.deepEqual(normalizeText('a n u d e photo').runs, ['anude']);
  assert.equal(normalizeText('n.u.d.e').words, 'nude');
  assert.equal(normalizeText('nu-de art').joined, 'nude art');
  // A lone single letter is not merged with its neighbours.
  assert.equal(normalizeText('vitamin c and d').words, 'vitamin c and d');
});

test('the built-in list catches evasions', () => {
  const evasions = [
    'nude',
    'NUDE',
    'Nude woman',
    'a nüde statue',
    'ｎｕｄｅ',
    'n\u200Bude',
    'n\u2060u\u200Cd\u200De',
    'nuuuude',
    'nnuuddee',
    'n u d e',
    'n.u.d.e',
    'n-u-d-e',
    'n_u_d_e',
    'n  u  d  e',
    'a n u d e beach',
    'nu.de',
    'nu*de',
    'nud3',
    'p0rn',
    'p 0 r n',
    '5ex',
    's3x',
    '$ex',
    's.e.x',
    'S E X',
    'nudes',
    'NSFW',
    'n_s_f_w',
    'hentai',
    'h3nt41',
    'topless',
    'nudе' /* Cyrillic е */,
    '"nude"',
    '(nude:1.4)',
    '[nude]',
    'nude, masterpiece',
    'ⓝⓤⓓⓔ',
    'pornography',
    'nudity',
  ];
  for (const prompt of evasions) {
    assert.notEqual(strict.match(prompt), null, `should be blocked: ${JSON.stringify(prompt)}`);
  }
  assert.deepEqual(strict.match('a n u d e beach'), { pattern: 'nude', source: 'builtin' });
});

test('ordinary prompts are not blocked (word boundaries, the Scunthorpe problem)', () => {
  const ordinary = [
    'a classic class photo from Scunthorpe',
    'assassin in a glass tower',
    'Essex countryside at dawn',
    'Sussex and Middlesex, watercolor',
    'a denuded hillside after the fire',
    'nudibranch in a coral reef',
    'unisex fashion catalogue',
    'sextant on an old map',
    'a sexton ringing the bell',
    'Sexagenarian sailor',
    '4k, 1girl, masterpiece, best quality',
    '8k uhd photo of 5 apples',
    'an ex-boyfriend',
    '5 ex-soldiers at a bar',
    'a bass guitar',
    'shiitake mushrooms',
    'the naked eye can see Venus',
    'analysis paralysis diagram',
    'a hentaigana calligraphy scroll',
    'Pornic harbour in Brittany',
    'portrait of a cat',
    'spornoid',
    '',
    'a b c d e blocks',
    'vitamin c and d',
    'xoxo',
    'emoji party 🎉🦊✨',
    'document.getElementById',
  ];
  for (const prompt of ordinary) {
    assert.equal(
      strict.match(prompt),
      null,
      `should pass: ${JSON.stringify(prompt)} (${JSON.stringify(strict.match(prompt))})`,
    );
  }
});

test('moderator words match whole words only: class/ass, therapist/rapist, cockpit/cock', () => {
  const list = guild(['ass', 'rapist', 'cock', 'shit']);
  for (const p of [
    'class photo',
    'assassin',
    'bass',
    'passage',
    'the therapist',
    'cockpit',
    'peacock',
    'cocktail',
    'shiitake',
    'as you wish',
    'a mass of birds',
  ]) {
    assert.equal(list.match(p), null, `should pass: ${p}`);
  }
  for (const p of ['ass', 'a$$', '@ss', 'a s s', 'asss', 'big ASS', 'asses', 'c0ck', 'sh1t', 'the rapist']) {
    assert.notEqual(list.match(p), null, `should be blocked: ${p}`);
  }
});

test('phrases match across spacing and punctuation but not inside other words', () => {
  const list = guild(['blood bath', 'Gore']);
  assert.notEqual(list.match('a Blood   Bath in the arena'), null);
  assert.notEqual(list.match('blood-bath'), null);
  assert.notEqual(list.match('bl00d, b4th'), null);
  assert.notEqual(list.match('bloodbath'), null, 'a phrase also matches its words written together');
  assert.notEqual(list.match('BloodBath'), null);
  assert.equal(list.match('a blood orange in a bath'), null);
  assert.equal(list.match('a mountain gorge'), null);
  assert.notEqual(list.match('so much g0re'), null);
});

test('/regex/ entries match the text as written and its folded forms', () => {
  const list = guild(['/\\bkill(ed|ing)?\\b/', '/\\d{3}-\\d{4}/']);
  assert.notEqual(list.match('KILLING floor'), null);
  assert.notEqual(list.match('k1lled'), null);
  assert.equal(list.match('skilled painter'), null);
  assert.notEqual(list.match('call 555-1234'), null);
  assert.deepEqual(list.match('kill'), { pattern: '/\\bkill(ed|ing)?\\b/', source: 'guild' });
});

test('non-Latin terms: accents folded, unspaced scripts matched inside sentences', () => {
  const list = guild(['裸体', 'nackt']);
  assert.notEqual(list.match('一个裸体的人'), null);
  assert.notEqual(list.match('NACKT'), null);
  assert.equal(list.match('Nacktschnecke'), null);
});

test('age-restricted channels skip the built-in list but keep the guild list', () => {
  const adult = blocklistFor({ guildPatterns: ['gore'], ageRestricted: true });
  assert.equal(adult.match('nude figure study'), null);
  assert.notEqual(adult.match('gore'), null);
  const sfw = blocklistFor({ guildPatterns: ['gore'], ageRestricted: false });
  assert.equal(sfw.size, builtinBlocklist.length + 1);
  assert.deepEqual(sfw.match('gore'), { pattern: 'gore', source: 'guild' });
});

test('parseBlocklistPattern validates entries', () => {
  assert.deepEqual(parseBlocklistPattern('  Blood   Bath '), { ok: true, kind: 'term', pattern: 'blood bath' });
  assert.deepEqual(parseBlocklistPattern('/gr[o0]ss/i'), { ok: true, kind: 'regex', pattern: '/gr[o0]ss/i' });
  const refused = (s: string) => {
    const r = parseBlocklistPattern(s);
    return r.ok ? assert.fail(`expected ${s} to be refused`) : r.message;
  };
  assert.match(refused('   '), /empty/);
  assert.match(refused('/(unclosed/'), /not a regular expression the matching engine \(RE2\) accepts/);
  assert.match(refused('/(a)\\1/'), /Backreferences/);
  assert.match(refused('/(?!x)y/'), /Lookahead and lookbehind/);
  assert.match(refused('/\\d{201}/'), /too big/);
  assert.match(refused('/x/g'), /Only the flags i, u and s/);
  assert.match(refused('!!!'), /no letters or digits/);
  assert.match(refused('x'.repeat(201)), /too long/);
});

test('stored entries that no longer compile are skipped and reported, not fatal', () => {
  const list = guild(['fine', '/(?=a)b/']);
  assert.deepEqual(list.invalid, ['/(?=a)b/']);
  assert.equal(list.size, 1);
  assert.notEqual(list.match('fine'), null);
});

test('a 4,000-character prompt full of near misses is matched correctly', () => {
  const list = guild(['ass', 'blood bath', ...Array.from({ length: 100 }, (_, i) => `word${i}`)]);
  const long = 'aaaa sssss '.repeat(400) + 'n u d e';
  assert.equal(list.match(long), null);
  assert.notEqual(strict.match(long), null);
});

test('checkBlocklistPattern: the stored form, or why not (unbounded or match-everything entries included)', () => {
  assert.deepEqual(checkBlocklistPattern('  Blood   Bath '), { ok: true, kind: 'term', pattern: 'blood bath' });
  const big = checkBlocklistPattern('/(\\w{20}){20}/');
  assert.match(big.ok ? '' : big.message, /too big: it compiles to \d+ steps/);
  const all = checkBlocklistPattern('/[aeiou]/');
  assert.match(all.ok ? '' : all.message, /matches nearly everything.*more specific/);
});

// The evil patterns: a backtracking engine took 16 s to 150 s to check the first, and doubled its time per
// character for the second. RE2 is linear: each check here must be quick whatever the pattern and the prompt.
test('evil regexes are accepted or refused at once, and matching them stays in milliseconds', () => {
  const evil = [
    `/${'a?'.repeat(60)}${'a'.repeat(30)}/`,
    '/(\u03b1|[\u0391-\u03c9])*!/',
    '/(a|a)*$b/',
    '/(a+)+b/',
    '/(.*a){12}x/',
  ];
  const prompts = [
    'a'.repeat(999),
    'α'.repeat(999),
    'α'.repeat(24),
    `${'a'.repeat(500)} ${'α'.repeat(400)}!`,
    'ab'.repeat(499),
  ];
  for (const pattern of evil) {
    let start = performance.now();
    const checked = checkBlocklistPattern(pattern);
    assert.ok(performance.now() - start < 1000, `checking ${pattern} took ${performance.now() - start} ms`);
    if (!checked.ok) continue;
    const list = guild([pattern]);
    for (const prompt of prompts) {
      start = performance.now();
      list.match(prompt);
      const ms = performance.now() - start;
      // Generous for a shared CI machine; the bench (npm run bench -- bot) measures the real figure.
      assert.ok(ms < 250, `${pattern} on ${prompt.length} characters took ${ms} ms`);
    }
  }
  const greek = guild(['/(\u03b1|[\u0391-\u03c9])*!/']);
  assert.notEqual(greek.match(`${'α'.repeat(40)}!`), null);
});

test("the review's evasions are caught", () => {
  const list = blocklistFor({ guildPatterns: ['naked', 'blood bath'], ageRestricted: false });
  for (const prompt of [
    'nakedwoman',
    'NakedWoman',
    'a NAKEDGIRL on a beach',
    'pornstar',
    'nudeman',
    'п0rn',
    'ΡΟRΝ',
    'nսde',
    'bloodbath',
    'a blood-bath',
    '(na:1.2)ked',
    '[na]ked',
    'na BREAK ked',
    '((nak))ed',
    'NaKeD',
    'NuDe',
  ]) {
    assert.notEqual(list.match(prompt), null, `should be blocked: ${JSON.stringify(prompt)}`);
  }
});

test('innocent words still pass with the compound and look-alike rules', () => {
  const list = blocklistFor({ guildPatterns: ['ass', 'rapist', 'cock', 'cunt', 'naked'], ageRestricted: false });
  for (const prompt of [
    'Scunthorpe',
    'class',
    'therapist',
    'cockpit',
    'Essex',
    'Sussex',
    'Middlesex',
    'unisex',
    'sextant',
    'sexton',
    'peacock',
    'cocktail',
    'Hancock',
    'assassin',
    'bass guitar',
    'Manassas',
    'shiitake',
    'scrape',
    'a cat BREAK a dog',
    '(masterpiece:1.2), best quality',
    'Привет мир',
    'καλημέρα κόσμε',
    'Pornic',
    'nudibranch',
    'McDonald',
    'iPhone on a table',
    'classroom',
    'grass',
    'passage',
  ]) {
    assert.equal(
      list.match(prompt),
      null,
      `should pass: ${JSON.stringify(prompt)} (${JSON.stringify(list.match(prompt))})`,
    );
  }
});
