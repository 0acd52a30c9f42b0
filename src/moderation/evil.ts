/**
 * The regexes an outside review used to freeze the bot (issue 10), and prompts that match them: shared by the
 * end-to-end test and `npm run bench -- bot`, which measure that they no longer stall the gateway thread.
 * `a?`x60 `a`x30 took a backtracking engine 16 s to over 150 s to check; the Greek one doubled its time per letter.
 */
export const EVIL_PATTERNS: readonly string[] = [`/${'a?'.repeat(60)}${'a'.repeat(30)}/`, '/(α|[Α-ω])*!/'];
export const EVIL_PROMPTS: readonly string[] = [
  'a'.repeat(90),
  `${'α'.repeat(24)}!`,
  'α'.repeat(200),
  `${'a?'.repeat(200)}`,
];
