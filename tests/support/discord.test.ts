// The Discord emulator driven by the real discord.js client over HTTP and WebSocket on 127.0.0.1.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type Interaction,
  type ClientOptions,
  type TextChannel,
} from 'discord.js';
import { startDiscordEmulator, type DiscordEmulator, type EmulatorOptions } from './discord/index.ts';
import { greyPng } from './png.ts';

/** Nothing here should take long; a hang fails fast instead of stalling the suite. */
const T = { timeout: 20_000 };

const commands = [
  new SlashCommandBuilder()
    .setName('imagine')
    .setDescription('Paint a picture')
    .addStringOption((o) => o.setName('prompt').setDescription('What to paint').setRequired(true).setMaxLength(1000))
    .addIntegerOption((o) => o.setName('seed').setDescription('Seed').setMinValue(0))
    .addAttachmentOption((o) => o.setName('image').setDescription('Start from this image')),
  new SlashCommandBuilder().setName('limits').setDescription('Moderator settings').setDefaultMemberPermissions('32'),
].map((c) => c.toJSON());

/** discord.js spaces IDENTIFYs of a shard 5 s apart; tests that force a second one skip that wait. */
const NO_IDENTIFY_WAIT: Partial<ClientOptions> = {
  ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) },
};

async function startBot(discord: DiscordEmulator, extra: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: discord.apiBase, retries: 1, timeout: 5000 },
    ...extra,
  });
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  await client.rest.put(Routes.applicationCommands(client.application!.id), { body: commands });
  return client;
}

/** The next interactionCreate, with its handler's promise (the test awaits what the handler did). */
function nextInteraction<T extends Interaction>(client: Client, handler: (i: T) => Promise<unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.once(Events.InteractionCreate, (i) => void handler(i as T).then(resolve, reject));
  });
}

async function withBot(
  fn: (discord: DiscordEmulator, client: Client) => Promise<void>,
  options: EmulatorOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): Promise<void> {
  const discord = await startDiscordEmulator(options);
  let client: Client | undefined;
  try {
    client = await startBot(discord, clientOptions);
    await fn(discord, client);
  } finally {
    await client?.destroy();
    await discord.close();
  }
}

test('login, commands, a deferred slash command with a PNG and a button, a follow-up and a click', T, () =>
  withBot(async (discord, client) => {
    assert.equal(client.user?.id, discord.appId);
    assert.equal(client.guilds.cache.size, 1);
    const guild = client.guilds.cache.get(discord.guildId)!;
    assert.equal(guild.channels.cache.size, 2);
    assert.equal((guild.channels.cache.get(discord.nsfwChannelId) as TextChannel).nsfw, true);
    assert.ok(guild.roles.cache.find((r) => r.name === 'Moderator')?.permissions.has('ManageGuild'));
    assert.deepEqual(
      discord.gateway.identifies.map((i) => i.intents),
      [GatewayIntentBits.Guilds],
    );
    assert.deepEqual(
      discord.registeredCommands.global.map((c) => c.name),
      ['imagine', 'limits'],
    );

    const image = greyPng(64, 48);
    const handled = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      assert.equal(i.commandName, 'imagine');
      assert.equal(i.options.getString('prompt'), 'a cat');
      assert.equal(i.options.getInteger('seed'), 42);
      assert.equal(i.user.id, discord.users.alice.id);
      assert.equal(i.attachmentSizeLimit, 10 * 1024 * 1024);
      await i.deferReply();
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('upscale:1:0').setLabel('U1').setStyle(ButtonStyle.Secondary),
        new ButtonBuilder().setCustomId('reroll:1').setLabel('Reroll').setStyle(ButtonStyle.Primary),
      );
      const reply = await i.editReply({
        content: 'Here is: a cat',
        files: [new AttachmentBuilder(image, { name: 'grid.png' })],
        components: [row],
      });
      await i.followUp({ content: 'Seed 42', flags: MessageFlags.Ephemeral });
      return reply.id;
    });
    const cmd = discord.slashCommand('imagine', { prompt: 'a cat', seed: 42 });
    const replyId = (await handled) as string;

    const original = discord.original(cmd.token);
    assert.equal(original.id, replyId);
    assert.equal(original.content, 'Here is: a cat');
    assert.equal(original.flags, 0, 'the loading flag is cleared by the edit');
    assert.equal(original.type, 20);
    assert.equal(original.interaction_metadata?.user.id, discord.users.alice.id);
    assert.equal(original.files.length, 1);
    assert.deepEqual(original.files[0]!.bytes, image);
    assert.equal(original.attachments[0]!.content_type, 'image/png');
    assert.deepEqual([original.attachments[0]!.width, original.attachments[0]!.height], [64, 48]);
    const buttons = original.components[0] as { components: Array<{ id: number; custom_id: string }> };
    assert.deepEqual(
      buttons.components.map((b) => [b.id, b.custom_id]),
      [
        [2, 'upscale:1:0'],
        [3, 'reroll:1'],
      ],
    );
    const followUp = discord.interaction(cmd).followUpIds.map((id) => discord.getMessage(id)!);
    assert.equal(followUp.length, 1);
    assert.equal(followUp[0]!.ephemeral, true);
    // The bot can download its own attachment from the CDN URL.
    const downloaded = Buffer.from(await (await fetch(original.attachments[0]!.url)).arrayBuffer());
    assert.deepEqual(downloaded, image);

    const callbacks = discord.requests.filter((r) => r.route === '/interactions/:id/:token/callback');
    assert.deepEqual(
      callbacks.map((r) => [r.json, r.headers.authorization]),
      [[{ type: 5, data: { flags: 0 } }, undefined]],
    );
    const edit = discord.requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'))!;
    assert.deepEqual(
      edit.files.map((f) => [f.field, f.name, f.contentType]),
      [['files[0]', 'grid.png', 'image/png']],
    );

    // Click U1: deferUpdate, then editReply changes the clicked message.
    const clicked = nextInteraction(client, async (i) => {
      assert.ok(i.isButton());
      assert.equal(i.customId, 'upscale:1:0');
      assert.equal(i.message.id, replyId);
      await i.deferUpdate();
      await i.editReply({ content: 'Upscaling…', components: [] });
    });
    const click = discord.clickButton(replyId, 'upscale:1:0', { user: discord.users.bob });
    await clicked;
    assert.equal(discord.interaction(click).ack?.type, 6);
    const after = discord.getMessage(replyId)!;
    assert.equal(after.content, 'Upscaling…');
    assert.deepEqual(after.components, []);
    assert.equal(after.files.length, 1, 'an edit without attachments keeps the image');
    assert.throws(() => discord.clickButton(replyId, 'reroll:1'), /no component/);

    // A plain channel message with the bot token.
    const channel = (await client.channels.fetch(discord.channelId)) as TextChannel;
    const sent = await channel.send({ content: 'hello', files: [new AttachmentBuilder(image, { name: 'a b.png' })] });
    assert.equal(discord.getMessage(sent.id)!.attachments[0]!.filename, 'a_b.png');
    const sendReq = discord.requests.find(
      (r) => r.method === 'POST' && r.path === `/channels/${discord.channelId}/messages`,
    )!;
    assert.equal(sendReq.headers.authorization, `Bot ${discord.token}`);

    assert.equal(discord.specReport(), '');
    assert.deepEqual(discord.unknownRoutes, []);
  }),
);

test('429 and 500 are retried by discord.js and the message is delivered once', T, () =>
  withBot(async (discord, client) => {
    const channel = (await client.channels.fetch(discord.channelId)) as TextChannel;
    const limited: unknown[] = [];
    client.rest.on('rateLimited', (info) => limited.push(info));
    discord.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 0.1 });
    const first = await channel.send('after a 429');
    discord.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500 });
    const second = await channel.send('after a 500');
    const posts = discord.requests.filter((r) => r.method === 'POST' && r.route === '/channels/:channel/messages');
    assert.deepEqual(
      posts.map((r) => r.response.status),
      [429, 200, 500, 200],
    );
    assert.equal(limited.length, 1);
    assert.deepEqual(
      discord.messagesIn(discord.channelId).map((m) => m.content),
      ['after a 429', 'after a 500'],
      'each message exists once',
    );
    assert.deepEqual([first.content, second.content], ['after a 429', 'after a 500']);
    // A 502 from the edge is HTML; with retries exhausted discord.js surfaces an HTTPError.
    discord.failNext({ method: 'POST', path: /messages$/, status: 502, times: 2 });
    await assert.rejects(channel.send('lost'), (e: Error) => e.name === 'HTTPError' || /502/.test(e.message));

    // A response lost after Discord acted: the retry duplicates the message unless the nonce is enforced.
    discord.failNext({ method: 'POST', path: /messages$/, status: 500, afterProcessing: true });
    await channel.send('twice');
    discord.failNext({ method: 'POST', path: /messages$/, status: 500, afterProcessing: true });
    await channel.send({ content: 'once', nonce: 'job-7', enforceNonce: true });
    const contents = discord.messagesIn(discord.channelId).map((m) => m.content);
    assert.equal(contents.filter((c) => c === 'twice').length, 2);
    assert.equal(contents.filter((c) => c === 'once').length, 1);

    // 429 then success on a multipart upload to an interaction reply.
    const image = greyPng(16, 16);
    const uploaded = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      await i.deferReply();
      discord.failNext({ method: 'PATCH', path: /\/messages\/@original$/, status: 429, retryAfter: 0.05 });
      discord.failNext({ method: 'PATCH', path: /\/messages\/@original$/, status: 500 });
      await i.editReply({ content: 'done', files: [new AttachmentBuilder(image, { name: 'grid.png' })] });
    });
    const cmd = discord.slashCommand('imagine', { prompt: 'retry me' });
    await uploaded;
    const patches = discord.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('@original'));
    assert.deepEqual(
      patches.map((r) => [r.response.status, r.files.length]),
      [
        [429, 1],
        [500, 1],
        [200, 1],
      ],
    );
    assert.deepEqual(
      discord.original(cmd).files.map((f) => f.bytes),
      [image],
    );
    assert.equal(discord.specReport(), '');
  }),
);

test('a zombie connection (heartbeat ACKs withheld) is closed by the client and resumed', T, () =>
  withBot(
    async (discord, client) => {
      const resumed = once(client, Events.ShardResume);
      const resumeSeen = discord.gateway.next('resume');
      discord.withholdHeartbeatAcks();
      await resumeSeen;
      discord.withholdHeartbeatAcks(false);
      await resumed;
      assert.ok(
        discord.gateway.closes.includes(4200),
        `client closed with 4200 to resume: ${discord.gateway.closes.join(',')}`,
      );
      assert.equal(discord.gateway.identifies.length, 1);
      const answered = nextInteraction<ChatInputCommandInteraction>(client, (i) => i.reply('still here'));
      discord.slashCommand('imagine', { prompt: 'after zombie' });
      await answered;
    },
    { heartbeatInterval: 100 },
  ),
);

test('message events follow intents; privileged intents must be enabled', T, async () => {
  const discord = await startDiscordEmulator({ privilegedIntents: GatewayIntentBits.MessageContent });
  const plain = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: discord.apiBase },
  });
  try {
    const ready = once(plain, Events.ClientReady);
    await plain.login(discord.token);
    await ready;
    const created = once(plain, Events.MessageCreate);
    discord.userMessage(discord.channelId, { content: 'secret words', user: discord.users.bob });
    const [message] = (await created) as [{ content: string; author: { id: string } }];
    assert.equal(message.author.id, discord.users.bob.id);
    assert.equal(message.content, '', 'no MessageContent intent: content is blank');
  } finally {
    await plain.destroy();
    await discord.close();
  }
  const strict = await startDiscordEmulator();
  const greedy = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
    rest: { api: strict.apiBase },
  });
  try {
    await assert.rejects(greedy.login(strict.token), /disallowed intents/i);
  } finally {
    await greedy.destroy();
    await strict.close();
  }
});

test('validateAgainstSpec reports objects that break the published schema', T, () =>
  withBot(async (discord, client) => {
    const user = discord.world.botUser as unknown as Record<string, unknown>;
    delete user.public_flags;
    const channel = (await client.channels.fetch(discord.channelId)) as TextChannel;
    await channel.send('x');
    const violations = discord.validateAgainstSpec();
    assert.ok(
      violations.some(
        (v) =>
          v.source === 'response' &&
          v.schema === 'MessageResponseSchema' &&
          v.issues.some((i) => i.startsWith('author.public_flags')),
      ),
      discord.specReport(),
    );
    // A request body the spec forbids is reported even when the emulator lets it through.
    await client.rest.post(Routes.channelMessages(discord.channelId), {
      body: { content: 'y', sticker_ids: ['1', '2', '3', '4'] },
    });
    assert.ok(
      discord
        .validateAgainstSpec()
        .some((v) => v.source === 'request' && v.issues.some((i) => i.startsWith('sticker_ids'))),
    );
  }),
);

test('a dropped gateway connection is resumed and missed interactions are replayed', T, () =>
  withBot(
    async (discord, client) => {
      const resumed = once(client, Events.ShardResume);
      const seen: string[] = [];
      client.on(Events.InteractionCreate, (i) => {
        if (!i.isChatInputCommand()) return;
        seen.push(i.options.getString('prompt')!);
        void i.reply({ content: `ok ${i.options.getString('prompt')}` });
      });
      discord.dropGateway();
      // Sent while the bot is away: Discord keeps it for the session and replays it on RESUME.
      const during = discord.slashCommand('imagine', { prompt: 'while away' });
      await resumed;
      await discord.waitForMessage((m) => m.content === 'ok while away');
      const later = discord.slashCommand('imagine', { prompt: 'after resume' });
      await discord.waitForMessage((m) => m.content === 'ok after resume');
      assert.deepEqual(seen, ['while away', 'after resume']);
      assert.equal(discord.gateway.identifies.length, 1, 'resumed, not re-identified');
      assert.equal(discord.gateway.resumes.length, 1);
      assert.equal(discord.interaction(during).ack?.type, 4);
      assert.equal(discord.interaction(later).ack?.type, 4);

      // op 7 RECONNECT: the client resumes again. (Wait for the client to have handled RESUMED: discord.js
      // crashes if op 9 lands while it is still processing it.)
      const again = once(client, Events.ShardResume);
      discord.sendReconnect();
      await again;
      // op 9 with d:false: the client must IDENTIFY afresh.
      const ready = discord.gateway.next('ready');
      discord.invalidSession(false);
      await ready;
      assert.equal(discord.gateway.identifies.length, 2);
      await discord.gateway.waitForReady();
      discord.slashCommand('imagine', { prompt: 'new session' });
      await discord.waitForMessage((m) => m.content === 'ok new session');
      assert.equal(discord.specReport(), '');
    },
    {},
    NO_IDENTIFY_WAIT,
  ),
);

test("Discord's rules: 3-second window, one acknowledgement, 15-minute tokens, file size limit", T, () =>
  withBot(async (discord, client) => {
    // Too late: the first response comes after 3 s.
    const late = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      discord.clock.advance(3001);
      const err = await i.deferReply().then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof DiscordAPIError);
      assert.equal(err.code, 10062);
      assert.equal(err.status, 404);
    });
    discord.slashCommand('imagine', { prompt: 'slow' });
    await late;

    // Acknowledged twice: the second one gets 40060 (discord.js would refuse locally, so bypass it with REST).
    const twice = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      await i.deferReply();
      const err = await client.rest
        .post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'again' } }, auth: false })
        .then(
          () => null,
          (e: unknown) => e,
        );
      assert.ok(err instanceof DiscordAPIError);
      assert.equal(err.code, 40060);
    });
    discord.slashCommand('imagine', { prompt: 'twice' });
    await twice;

    // After 15 minutes the token is dead; the bot token still edits the message.
    const expiry = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      const reply = await i.reply({ content: 'queued', withResponse: true });
      discord.clock.advance(15 * 60 * 1000 + 1);
      const err = await i.editReply('done').then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof DiscordAPIError);
      assert.equal(err.code, 50027);
      assert.equal(err.status, 401);
      const channel = (await client.channels.fetch(discord.channelId)) as TextChannel;
      const message = await channel.messages.fetch(reply.resource!.message!.id);
      await message.edit('done, via the bot token');
      return message.id;
    });
    discord.slashCommand('imagine', { prompt: 'long queue' });
    const id = (await expiry) as string;
    assert.equal(discord.getMessage(id)!.content, 'done, via the bot token');

    // A file over attachment_size_limit: 413, code 40005.
    const big = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      await i.deferReply();
      const err = await i
        .editReply({ files: [new AttachmentBuilder(Buffer.alloc(i.attachmentSizeLimit + 1), { name: 'huge.png' })] })
        .then(
          () => null,
          (e: unknown) => e,
        );
      assert.ok(err instanceof DiscordAPIError);
      assert.equal(err.status, 413);
      assert.equal(err.code, 40005);
      await i.editReply('That image is too large to upload.');
    });
    discord.slashCommand('imagine', { prompt: 'huge' }, { attachmentSizeLimit: 64 * 1024 });
    await big;

    // Message limits: content over 2000 characters, six buttons in a row.
    const limits = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      await i.deferReply();
      const long = await i.editReply('x'.repeat(2001)).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(long instanceof DiscordAPIError && long.code === 50035, String(long));
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        Array.from({ length: 6 }, (_, n) =>
          new ButtonBuilder().setCustomId(`b${n}`).setLabel(`${n}`).setStyle(ButtonStyle.Secondary),
        ),
      );
      const wide = await i.editReply({ components: [row] }).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(wide instanceof DiscordAPIError && wide.code === 50035, String(wide));
      assert.match(wide.message, /components\[0\]\.components/);
    });
    discord.slashCommand('imagine', { prompt: 'limits' });
    await limits;

    // Moderator-only command: hidden from alice, visible to mod.
    assert.throws(() => discord.slashCommand('limits', {}, { user: discord.users.alice }), /cannot see/);
    const modRun = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      assert.ok(i.memberPermissions?.has('ManageGuild'));
      await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });
    discord.slashCommand('limits', {}, { user: discord.users.mod });
    await modRun;

    // The bot's own 4xx answers above are valid error bodies; the oversized/overlong requests are flagged.
    const violations = discord.validateAgainstSpec();
    assert.ok(
      violations.every((v) => v.source === 'request'),
      discord.specReport(),
    );
    assert.ok(
      violations.some((v) => v.issues.some((x) => x.startsWith('content'))),
      'the 2001-character content is flagged',
    );
    assert.deepEqual(discord.unknownRoutes, []);
  }),
);

test('attachment options, modals and context menus', T, () =>
  withBot(async (discord, client) => {
    await client.rest.put(Routes.applicationGuildCommands(discord.appId, discord.guildId), {
      body: [{ name: 'Vary this image', type: 3 }],
    });
    const image = greyPng(32, 32);
    const got = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      const att = i.options.getAttachment('image', true);
      assert.equal(att.contentType, 'image/png');
      assert.equal(att.width, 32);
      const bytes = Buffer.from(await (await fetch(att.url)).arrayBuffer());
      assert.deepEqual(bytes, image);
      await i.showModal(
        new ModalBuilder()
          .setCustomId('remix:1')
          .setTitle('Remix')
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder().setCustomId('prompt').setLabel('Prompt').setStyle(TextInputStyle.Paragraph),
            ),
          ),
      );
    });
    const cmd = discord.slashCommand('imagine', { prompt: 'from a photo', image: { name: 'photo.png', bytes: image } });
    await got;
    assert.equal(discord.interaction(cmd).ack?.type, 9);
    const submitted = nextInteraction(client, async (i) => {
      assert.ok(i.isModalSubmit());
      assert.equal(i.fields.getTextInputValue('prompt'), 'a dog instead');
      await i.reply({ content: 'remixing' });
    });
    discord.modalSubmit(cmd, { prompt: 'a dog instead' });
    await submitted;

    const upload = discord.userMessage(discord.channelId, {
      content: 'look',
      files: [{ name: 'mine.png', bytes: image }],
    });
    const varied = nextInteraction(client, async (i) => {
      assert.ok(i.isMessageContextMenuCommand());
      assert.equal(i.targetMessage.attachments.first()?.name, 'mine.png');
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.followUp({ content: 'varying', flags: MessageFlags.Ephemeral });
    });
    const ctx = discord.contextMenu('Vary this image', upload.id);
    await varied;
    const dm = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      assert.equal(i.guildId, null);
      assert.equal(i.user.id, discord.users.bob.id);
      await i.reply('in your DMs');
    });
    const inDm = discord.slashCommand('imagine', { prompt: 'private' }, { dm: true, user: discord.users.bob });
    await dm;
    assert.equal(discord.original(inDm).content, 'in your DMs');
    const original = discord.original(ctx);
    assert.equal(original.content, 'varying', 'the first follow-up replaces the deferred message');
    assert.equal(original.ephemeral, true);
    assert.equal(discord.interaction(ctx).followUpIds.length, 0);
    assert.equal(discord.specReport(), '');
    assert.deepEqual(discord.unknownRoutes, []);
  }),
);

test('update with a file, fetchReply, editing a follow-up, deleteReply and channel deletes', T, () =>
  withBot(async (discord, client) => {
    const image = greyPng(8, 8);
    const first = nextInteraction<ChatInputCommandInteraction>(client, async (i) => {
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('cancel:9').setLabel('Cancel').setStyle(ButtonStyle.Danger),
      );
      await i.reply({ content: 'queued #1', components: [row] });
      const fetched = await i.fetchReply();
      const extra = await i.followUp({ content: 'progress 0%' });
      await i.webhook.editMessage(extra.id, { content: 'progress 50%' });
      return fetched.id;
    });
    const cmd = discord.slashCommand('imagine', { prompt: 'cancel me' });
    const replyId = (await first) as string;
    const [followId] = discord.interaction(cmd).followUpIds;
    assert.equal(discord.getMessage(followId!)!.content, 'progress 50%');
    assert.equal(discord.getMessage(followId!)!.interaction_metadata?.original_response_message_id, replyId);

    const cancelled = nextInteraction(client, async (i) => {
      assert.ok(i.isButton());
      await i.update({
        content: 'cancelled',
        components: [],
        files: [new AttachmentBuilder(image, { name: 'last.png' })],
      });
      await i.followUp({ content: 'bye', flags: MessageFlags.Ephemeral });
      await i.deleteReply();
    });
    const click = discord.clickButton(replyId, 'cancel:9');
    await cancelled;
    assert.equal(discord.interaction(click).ack?.type, 7);
    const gone = discord.getMessage(replyId)!;
    assert.equal(gone.deleted, true, 'deleteReply after update deletes the clicked message');
    assert.equal(gone.content, 'cancelled');
    assert.deepEqual(
      gone.files.map((f) => f.filename),
      ['last.png'],
    );
    assert.throws(() => discord.clickButton(replyId, 'cancel:9'), /deleted/);

    // Channel routes: fetch, edit and delete the bot's own message; a user's message can't be edited.
    const channel = (await client.channels.fetch(discord.channelId)) as TextChannel;
    const mine = await channel.send('temporary');
    await mine.edit({ content: 'edited' });
    assert.equal(discord.getMessage(mine.id)!.edited_timestamp !== null, true);
    await mine.delete();
    assert.equal(discord.getMessage(mine.id)!.deleted, true);
    const theirs = discord.userMessage(discord.channelId, { content: 'mine', user: discord.users.alice });
    const fetched = await channel.messages.fetch(theirs.id);
    await assert.rejects(fetched.edit('hijack'), (e: unknown) => e instanceof DiscordAPIError && e.code === 50005);
    await assert.rejects(fetched.delete(), (e: unknown) => e instanceof DiscordAPIError && e.code === 50013);
    // An unknown interaction: 10062.
    await assert.rejects(
      client.rest.post(Routes.interactionCallback('1', 'nope'), { body: { type: 5 }, auth: false }),
      (e: unknown) => e instanceof DiscordAPIError && e.code === 10062,
    );
    const violations = discord.validateAgainstSpec();
    assert.equal(discord.specReport(), '');
    assert.deepEqual(violations, []);
    assert.deepEqual(discord.unknownRoutes, []);
  }),
);

test('fetch routes discord.js uses answer with spec-valid objects', T, () =>
  withBot(async (discord, client) => {
    const app = await client.application!.fetch();
    assert.equal(app.id, discord.appId);
    const alice = await client.users.fetch(discord.users.alice.id, { force: true });
    assert.equal(alice.username, 'alice');
    const guild = await client.guilds.fetch({ guild: discord.guildId, force: true });
    const member = await guild.members.fetch({ user: discord.users.mod.id, force: true });
    assert.ok(member.permissions.has('ManageGuild'));
    assert.equal((await guild.roles.fetch()).size, 4);
    assert.equal((await guild.channels.fetch()).size, 2);
    const dm = await alice.createDM();
    await dm.send('hello in private');
    assert.deepEqual(
      discord.messagesIn(dm.id).map((m) => m.content),
      ['hello in private'],
    );
    const list = await (guild.channels.cache.get(discord.channelId) as TextChannel).messages.fetch({ limit: 10 });
    assert.equal(list.size, 0);
    assert.equal(discord.specReport(), '');
    assert.deepEqual(discord.unknownRoutes, []);
  }),
);

test('wrong tokens are refused on REST (401) and on the gateway (4004)', T, async () => {
  const discord = await startDiscordEmulator();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase, retries: 0 } });
  try {
    await assert.rejects(client.login('not.a.token'), /token/i);
    const res = await fetch(`${discord.apiBase}/v10/gateway/bot`, { headers: { authorization: 'Bot nope' } });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { message: '401: Unauthorized', code: 0 });
    const unknown = await fetch(`${discord.apiBase}/v10/nothing/here`, {
      headers: { authorization: `Bot ${discord.token}` },
    });
    assert.equal(unknown.status, 404);
    assert.deepEqual(discord.unknownRoutes, [{ method: 'GET', path: '/api/v10/nothing/here' }]);
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${new URL(discord.apiBase).port}/gateway?v=10&encoding=json`);
    await once(ws, 'message');
    ws.send(
      JSON.stringify({
        op: 2,
        d: { token: 'wrong', intents: 1, properties: { os: 'linux', browser: 'x', device: 'x' } },
      }),
    );
    const [code] = (await once(ws, 'close')) as [number];
    assert.equal(code, 4004);
  } finally {
    await client.destroy();
    await discord.close();
  }
});
