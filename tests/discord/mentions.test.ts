import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainText } from '../../src/discord/mentions.ts';

test('plainText: mentions as names, emojis as :name:, masked links as text, bidi controls gone', () => {
  const names = {
    user: (id: string) => (id === '111111111111111111' ? 'Alice' : undefined),
    role: () => 'Artists',
    channel: () => 'general',
  };
  assert.equal(
    plainText('a cat for <@111111111111111111> and <@!222222222222222222>', names),
    'a cat for @Alice and @user',
  );
  assert.equal(plainText('<@&1578000000000000000> in <#1578000000000000001>', names), '@Artists in #general');
  assert.equal(plainText('<@&1578000000000000000> in <#1578000000000000001>'), '@role in #channel');
  assert.equal(
    plainText('a <:blobcat:123456789012345678> and <a:party:123456789012345678>'),
    'a :blobcat: and :party:',
  );
  assert.equal(plainText('see [a nice cat](https://evil.example/x) here'), 'see a nice cat here');
  assert.equal(plainText('cat \u202Egnp.exe\u202C dog \u2066x\u2069'), 'cat gnp.exe dog x');
  assert.equal(plainText('at <t:1700000000:R> a fox'), 'at a fox');
});
