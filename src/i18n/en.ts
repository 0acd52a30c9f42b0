/**
 * English: the source catalog. Its keys are the message keys and its `{placeholders}` the parameters of `t()`;
 * every other catalog translates exactly these. Plural messages choose their form on `count`.
 * Command names and descriptions stay in the command files (English is Discord's default).
 */
export const en = {
  // --- The router: what nobody asked for, and bugs ---------------------------------------------------------------
  'router.unknownCommand': 'That command is not known to this version of the bot. Type / to see the commands it has now.',
  'router.unknownButton': 'This button is not one this bot understands any more. Make a new image with /imagine.',
  'router.bug': 'Something went wrong on our side (error id `{errorId}`). Please try again; if it keeps happening, tell the bot owner this id.',

  // --- Starting a job --------------------------------------------------------------------------------------------
  'job.modelLoading': 'The image model is still loading. Please try again in a minute.',
  'job.dmOff': 'I only make images in servers here; the bot owner has turned direct messages off.',
  'job.blockedWord': 'Your prompt contains “{word}”, which is not allowed outside age-restricted channels. Rephrase it and try again; nothing was charged.',
  'job.blockedWordHere': 'Your prompt contains “{word}”, which this server does not allow. Rephrase it and try again; nothing was charged.',
  'job.blockedPattern': 'Your prompt contains a blocked pattern, which is not allowed outside age-restricted channels. Rephrase it and try again; nothing was charged.',
  'job.blockedPatternHere': 'Your prompt contains a blocked pattern, which this server does not allow. Rephrase it and try again; nothing was charged.',
  'job.refusedPublicNote': '-# This request was not started; the reason was sent to you privately.',

  // --- Buttons under a message everyone sees (the server's language) ---------------------------------------------
  'button.cancel': 'Cancel',
  'button.reroll': 'Reroll',
  'button.info': 'Info',
  'button.delete': 'Delete',
  'button.subtle': 'Vary (subtle)',
  'button.strong': 'Vary (strong)',

  // --- /help -----------------------------------------------------------------------------------------------------
  'help.title': 'Atelier: help',
  'help.intro': 'I paint pictures from a description, on this server owner\'s own computer. Type {imagine} with what you want to see: I answer at once with your place in the queue, show the painting as it progresses, then post the images with buttons to take them further.',
  'help.commands': 'Commands',
  'help.cmd.imagine': 'paint a picture from a description; options add a negative prompt, the shape, a seed, steps, guidance, how many images, or a picture to start from',
  'help.cmd.info': 'your images left today, your jobs in the queue, and the model in use',
  'help.cmd.queue': 'what is being painted and what is waiting, with estimated times',
  'help.cmd.settings': 'your own defaults for /imagine: shape, steps, spoilers',
  'help.cmd.help': 'this help, only for you',
  'help.cmd.vary': 'on any picture posted in the channel: open the message\'s menu, then Apps → **{name}**',
  'help.buttons': 'Buttons under an image',
  'help.button.upscale': '**U1, U2…**: that image on its own, full size, with its own buttons',
  'help.button.vary': '**V1, V2…**: new variations of that image',
  'help.button.subtle': '**{subtle}** / **{strong}**: a close or a freer variation of a single image',
  'help.button.reroll': '**{reroll}**: the same request again with new seeds',
  'help.button.info': '**{info}**: how the images were made (prompt, seed, size, steps, model), shown only to you',
  'help.button.delete': '**{delete}**: removes the images (their author or a moderator)',
  'help.button.cancel': '**{cancel}**: stops a job that is waiting or painting (its author or a moderator); nothing is charged',
  'help.flags': 'Prompt flags',
  'help.flagsText': 'Add them at the end of the prompt: `--ar 16:9` the shape, `--seed 42` the same picture again, `--no text` what to keep out, `--steps 30` more denoising steps, `--guidance 7` how closely to follow the prompt.',
  'help.english': 'The model reads English only: write your prompt in English for the best results. Everything else (commands, answers, buttons) follows your Discord language.',
  'help.limits': 'Your limits here',
  'help.limit.banned': 'You are banned from using Atelier here.',
  'help.limit.imagesUnlimited': 'Images: no daily limit for you.',
  'help.limit.imagesNone': 'Images: you cannot make images here.',
  'help.limit.images': { one: 'Images: {left} of {count} left in the last 24 hours (rolling).', other: 'Images: {left} of {count} left in the last 24 hours (rolling).' },
  'help.limit.cooldown': 'Cooldown: {duration} between two requests.',
  'help.limit.noCooldown': 'Cooldown: none.',
  'help.limit.queued': { one: 'At most {count} job waiting at a time.', other: 'At most {count} jobs waiting at a time.' },
  'help.limit.size': 'Largest picture: {width}×{height} pixels, up to {steps} steps, {images} images per request.',
  'help.limit.uploadsOff': 'Starting from your own picture is turned off here.',
  'help.model': 'What the model can do',
  'help.modelLoading': 'The model is still loading; ask again in a minute.',
  'help.modelDemo': 'This bot runs the small demo model that comes with Atelier. It paints one shape ({shapes}) in one colour ({colours}) {positions}, on a background of another colour, for example “a red star on the left on a blue background”. It knows only these English words and ignores any other.',
  'help.modelReal': 'The model is **{name}**. It follows short, concrete English descriptions best and reads only the first 75 or so word pieces of a prompt; readable text, hands and exact numbers of things often go wrong.',
  'help.moderators': 'For moderators (Manage Server)',
  'help.mod.limits': 'see or change the limits for the server, a role or a member',
  'help.mod.ban': 'stop a member from using Atelier here, for a while or for good',
  'help.mod.unban': 'lift a ban',
  'help.mod.blocklist': 'words and patterns that prompts here may not contain',
  'help.mod.usage': 'how much Atelier was used: totals, top users, refusals, a chart',
  'help.mod.modlog': 'recent moderator actions',
  'help.mod.queueRemove': 'take someone\'s job out of the queue, with a reason they will see',
  'help.mod.buttons': 'You can also cancel or delete anyone\'s images with the buttons under them.',
} as const;
