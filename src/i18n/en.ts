/**
 * English: the source catalog. Its keys are the message keys and its `{placeholders}` the parameters of `t()`;
 * every other catalog translates exactly these. Plural messages choose their form on `count`.
 * Command names and descriptions stay in the command files (English is Discord's default).
 */
export const en = {
  // --- The router: what nobody asked for, and bugs ---------------------------------------------------------------
  'router.unknownCommand':
    'That command is not known to this version of the bot. Type / to see the commands it has now.',
  'router.unknownButton': 'This button is not one this bot understands any more. Make a new image with /imagine.',
  'router.bug':
    'Something went wrong on our side (error id `{errorId}`). Please try again; if it keeps happening, tell the bot owner this id.',

  // --- Starting a job --------------------------------------------------------------------------------------------
  'job.notSaved':
    'Your request could not be saved, so it was not started and nothing was charged (error id `{errorId}`). Please try again.',
  'job.modelLoading': 'The image model is still loading. Please try again in a minute.',
  'job.dmOff': 'I only make images in servers here; the bot owner has turned direct messages off.',
  'job.blockedWord':
    'Your prompt contains “{word}”, which is not allowed outside age-restricted channels. Rephrase it and try again; nothing was charged.',
  'job.blockedWordHere':
    'Your prompt contains “{word}”, which this server does not allow. Rephrase it and try again; nothing was charged.',
  'job.blockedPattern':
    'Your prompt contains a blocked pattern, which is not allowed outside age-restricted channels. Rephrase it and try again; nothing was charged.',
  'job.blockedPatternHere':
    'Your prompt contains a blocked pattern, which this server does not allow. Rephrase it and try again; nothing was charged.',
  'job.refusedPublicNote': '-# This request was not started; the reason was sent to you privately.',
  'job.uploadAccepted': 'Your picture checks out: the job is starting below.',
  'job.acceptedBelow': 'Your request is in: its place in line and its pictures follow below.',

  // --- A job's message, seen by everyone (the server's language) -------------------------------------------------
  'job.noPrompt': '*(no prompt)*',
  'job.variationOfImage': 'variation of image {index} from #{job}',
  'job.variationOfPosted': 'variation of a posted image',
  'job.variationOfUpload': 'variation of an uploaded image',
  'job.rerollOf': 'reroll of #{job}',
  'job.imageOf': 'image {index} from #{job}',
  'job.fromUpload': 'from an uploaded image',
  'job.strength': 'strength {strength}',
  'job.waiting': '⏳ Waiting in the queue: **#{position}**, {when}',
  'job.startingNow': 'starting now',
  'job.noWorker': 'no worker serves the model **{model}** right now: it starts as soon as one does',
  'job.workersUnreachable':
    "the image workers can't be reached right now: your place is kept, and it starts as soon as they are back",
  'job.startsIn': 'starts in about {duration} ({relative})',
  'job.restarted': '🔁 The bot restarted; your job kept its place.',
  'job.restartedWhileRunning': '🔁 The bot restarted while making this; your job went back to the head of the line.',
  'job.starting': '🎨 Starting…',
  'job.loadingModel': '⏳ Loading the model **{model}** (the first job on it after a while)…',
  'job.painting': '🎨 Painting: step {step} of {total} ({percent})',
  'job.interrupted': '⏸️ The bot is restarting; this job is first in line and starts again as soon as it is back.',
  'job.cancelledByAuthor': '🚫 Cancelled at your request. Nothing was charged.',
  'job.cancelledByAuthorReason': '🚫 Cancelled at your request ({reason}). Nothing was charged.',
  'job.cancelledByModerator': '🚫 Cancelled by a moderator. Nothing was charged.',
  'job.cancelledByModeratorReason': '🚫 Cancelled by a moderator ({reason}). Nothing was charged.',
  'job.prepareFailed': 'The images were made but could not be prepared for Discord. Please try again.',
  'job.seed': 'seed {seed}',
  'job.seeds': 'seeds {first}–{last}',
  'job.steps': { one: '{count} step', other: '{count} steps' },
  'job.guidance': 'guidance {guidance}',
  'job.previewDescription': 'Work in progress',
  'job.imageDescription': 'Generated image',
  'job.reencodedWebp': 'The PNG was too large for this channel, so it was re-encoded as WebP.',
  'job.reencodedJpeg': 'The PNG was too large for this channel, so it was re-encoded as JPEG.',
  'job.reencodedJpegSmaller':
    'The PNG was too large for this channel, so it was re-encoded as JPEG at {percent} of its size.',
  'job.ignoredFlags': {
    one: '{flags} was not understood, so it was ignored (I understand --ar, --seed, --no, --steps, --repeat, --chaos and --guidance).',
    other:
      '{flags} were not understood, so they were ignored (I understand --ar, --seed, --no, --steps, --repeat, --chaos and --guidance).',
  },

  // --- Info button: how a job was made, for the clicker (their language) -----------------------------------------
  'info.title': 'How these images were made',
  'info.prompt': 'Prompt',
  'info.negative': 'Negative prompt',
  'info.none': '*(none)*',
  'info.seed': 'Seed',
  'info.size': 'Size',
  'info.steps': 'Steps',
  'info.guidance': 'Guidance',
  'info.images': 'Images',
  'info.model': 'Model',
  'info.scheduler': 'Scheduler',
  'info.strength': 'Strength',
  'info.madeFrom': 'Made from',
  'info.fromJob': 'job #{job}',
  'info.fromJobImage': 'job #{job}, image {index}',
  'info.job': 'Job',
  'info.waited': 'waited {duration}',
  'info.ran': 'ran {duration}',
  'kind.imagine': 'new image',
  'kind.variation': 'variation',
  'kind.upscale': 'single image',
  'kind.reroll': 'reroll',
  'kind.edit': 'edit',
  'state.queued': 'waiting',
  'state.running': 'painting',
  'state.done': 'done',
  'state.failed': 'failed',
  'state.cancelled': 'cancelled',

  // --- Refusals: limits and quota (the asker's language) ----------------------------------------------------------
  'quota.banned': 'You are banned from using Atelier here. {until}',
  'quota.bannedReason': 'You are banned from using Atelier here (reason: {reason}). {until}',
  'quota.banNoEnd': 'The ban has no end date.',
  'quota.banEnds': 'It ends {when}.',
  'quota.noQueue': 'You cannot queue jobs here (your limit is 0). Ask a moderator if you think this is a mistake.',
  'quota.maxQueued': {
    one: 'You already have {count} job waiting, the most you can have at once ({max}). Try again when it has finished.',
    other:
      'You already have {count} jobs waiting, the most you can have at once ({max}). Try again when one of them has finished.',
  },
  'quota.cooldown': {
    one: 'Slow down a little: there is a cooldown of {count} second between requests here. You can ask again {when}.',
    other:
      'Slow down a little: there is a cooldown of {count} seconds between requests here. You can ask again {when}.',
  },
  'quota.noImages':
    'You cannot make images here (your daily limit is 0). Ask a moderator if you think this is a mistake.',
  'quota.tooManyForDay': {
    one: 'You asked for {count} image, but you may make {limit} per day. Ask for fewer.',
    other: 'You asked for {count} images, but you may make {limit} per day. Ask for fewer.',
  },
  'quota.dayLeft': {
    one: 'You have used {used} of your {count} image for the last 24 hours and asked for {asked}; you can ask for {left} now, or for more {when}.',
    other:
      'You have used {used} of your {count} images for the last 24 hours and asked for {asked}; you can ask for {left} now, or for more {when}.',
  },
  'quota.dayUsed': {
    one: 'You have used {used} of your {count} image for the last 24 hours; it will be available again {when}.',
    other: 'You have used {used} of your {count} images for the last 24 hours; they will be available again {when}.',
  },
  'quota.later': 'later',
  'quota.guildTooSmall': {
    one: 'This server may make {count} image per day, not enough for this request. Ask for fewer, or ask a moderator.',
    other:
      'This server may make {count} images per day, not enough for this request. Ask for fewer, or ask a moderator.',
  },
  'quota.guildUsed': {
    one: 'This server has used {used} of its {count} image for the last 24 hours. More will be available again {when}.',
    other:
      'This server has used {used} of its {count} images for the last 24 hours. More will be available again {when}.',
  },
  'quota.queueFull': {
    one: 'The queue is full: {count} job waiting, the most it holds. Nothing was charged; please try again in a few minutes.',
    other:
      'The queue is full: {count} jobs waiting, the most it holds. Nothing was charged; please try again in a few minutes.',
  },
  'shape.uploads': 'Image uploads are turned off here. Ask again without an image, or ask a moderator.',
  'shape.width':
    'A width of {value} px is more than allowed here (at most {max} px). Ask for a smaller size or another aspect ratio.',
  'shape.height':
    'A height of {value} px is more than allowed here (at most {max} px). Ask for a smaller size or another aspect ratio.',
  'shape.pixels': '{width}x{height} is {value} pixels, more than allowed here (at most {max}). Ask for a smaller size.',
  'shape.steps': '{value} steps is more than allowed here (at most {max}). Ask for {max} steps or fewer.',
  'shape.images': '{value} images at once is more than allowed here (at most {max}). Ask for fewer.',

  // --- Refusals: buttons, commands, uploads, the queue (the asker's language) ---------------------------------------
  'button.unknownJob':
    'I have no record of job #{job} here, so this button cannot do anything. Make a new image with /imagine.',
  'button.deletedJob': 'These images were deleted, so their buttons no longer work.',
  'button.notDone': 'This job is not finished yet, so it has no images to use. Click again once it is done.',
  'button.failedJob': 'This job failed, so it has no images to use. Make a new image with /imagine.',
  'button.cancelledJob': 'This job was cancelled, so it has no images to use. Make a new image with /imagine.',
  'button.imageGoneDerived':
    'Image {index} of job #{job} has expired, and so has the picture it was made from (it is a variation or an edit), so it cannot be made again exactly. **Make the original again** repaints job #{origin} with the same prompt, settings and seed, so the same pictures; vary or edit the new one from there.',
  'button.imageGone':
    'Image {index} of job #{job} has expired (old images are deleted after a while to save space), so this button cannot use it. To make it again, run /imagine with the same prompt and settings and `--seed {seed}` (the Info button lists them).',
  'button.notOwnerDelete': 'Only the person who asked for these images, or a moderator, can delete them.',
  'button.notOwnerCancel': 'Only the person who asked for this job, or a moderator, can cancel it.',
  'button.alreadyFinished': 'This job has already finished, so there is nothing to cancel.',
  'button.alreadyCancelled': 'This job has already been cancelled, so there is nothing to cancel.',
  'button.alreadyFailed': 'This job has already failed, so there is nothing to cancel.',
  'button.alreadyGone': 'This job is gone, so there is nothing to cancel.',
  'job.noImg2img': 'The loaded model ({model}) cannot start from a picture. Ask without the image.',
  'job.badStrength': 'Strength only matters when you attach an image to start from. Attach one, or leave strength out.',
  'job.badScheduler': 'There is no scheduler called "{name}"; choose one of {choices}.',
  'job.badModel': 'There is no installed model called "{name}"; choose one of {choices}.',
  'vary.noPicture':
    'That message has no picture attached. Use "{command}" on a message with a PNG, JPEG or WebP image.',
  'vary.notPicture':
    'That message\'s attachment (`{file}`) is not a picture. Use "{command}" on a message with a PNG, JPEG or WebP image.',
  'vary.noImg2img':
    'The loaded model ({model}) cannot start from a picture, so it cannot make variations. Use /imagine with a prompt instead.',
  'upload.pixels':
    'That image is {width}x{height} pixels ({megapixels} megapixels); I accept images up to {max} megapixels and {side} pixels a side. Scale it down and try again.',
  'upload.type': '`{file}` is a {type} file, not an image I can start from. Attach a PNG, JPEG or WebP image.',
  'upload.unknownType':
    '`{file}` is not a file type I know, not an image I can start from. Attach a PNG, JPEG or WebP image.',
  'upload.size':
    '`{file}` is {size}; I accept images up to {max}. Save it smaller (a JPEG or WebP is much smaller than a PNG) and try again.',
  'upload.host':
    'I only download pictures uploaded to Discord itself, and this one points elsewhere. Upload the image to Discord (attach the file) and try again.',
  'upload.timeout':
    'Downloading your image from Discord took longer than {seconds} s, so I stopped. Please try again in a moment, or upload a smaller image.',
  'upload.failed':
    'The download of your image from Discord failed (the connection was refused or cut). Please try again in a moment, or upload the image again.',
  'upload.redirect':
    "Discord sent your image's address somewhere else (a redirect), which I do not follow. Upload the image again.",
  'upload.http': 'I could not download your image from Discord (HTTP {status}). Please try again, or upload it again.',
  'upload.tooBig': 'That image is {size}; I accept images up to {max}.',
  'upload.overMax': 'That image is more than {max}, the most I accept.',
  'upload.notImage': 'That file is not a PNG, JPEG or WebP image (whatever its name says). Attach one of those.',
  'upload.damaged': 'That image could not be read: the file seems to be damaged. Try saving it again.',
  'upload.noSize': 'That image could not be read: it has no size. Try saving it again.',
  'queue.restarting': 'The bot is restarting, so it is not taking new requests. Please try again in a minute.',
  'queue.full': 'The queue is full ({count} waiting). Please try again in a few minutes.',
  'queue.userFull': {
    one: 'You already have {count} job in the queue, the most one person can have. Wait for it to finish (or cancel it), then try again.',
    other:
      'You already have {count} jobs in the queue, the most one person can have. Wait for one to finish (or cancel one), then try again.',
  },

  // --- /info (the member's language) ------------------------------------------------------------------------------
  'info.cmd.banned': '**You are banned from using Atelier here**. {until}',
  'info.cmd.bannedReason': '**You are banned from using Atelier here** (reason: {reason}). {until}',
  'info.cmd.imagesUnlimited': {
    one: '**Images:** no daily limit for you here ({count} image in the last 24 hours).',
    other: '**Images:** no daily limit for you here ({count} images in the last 24 hours).',
  },
  'info.cmd.imagesNone': '**Images:** you cannot make images here (your daily limit is 0).',
  'info.cmd.imagesLeft': '**Images left:** {left} of {limit} for the last 24 hours (rolling).',
  'info.cmd.imagesLeftNext':
    '**Images left:** {left} of {limit} for the last 24 hours (rolling); the next one frees up {when}.',
  'info.cmd.guildLeft': {
    one: '**This server:** {count} image left for the last 24 hours.',
    other: '**This server:** {count} images left for the last 24 hours.',
  },
  'info.cmd.cooldownUntil': '**Cooldown:** you can ask again {when}.',
  'info.cmd.cooldown': '**Cooldown:** {duration} between requests; you can ask now.',
  'info.cmd.noCooldown': '**Cooldown:** none.',
  'info.cmd.jobs': '**Your jobs:** {running} running, {waiting} waiting',
  'info.cmd.jobsMax': '**Your jobs:** {running} running, {waiting} waiting (you may have {max} at once)',
  'info.cmd.listFollows': ':',
  'info.cmd.end': '.',
  'info.cmd.runningJob': '• job {job} “{prompt}”: running, done {when}',
  'info.cmd.runningJobStep': '• job {job} “{prompt}”: running, step {step} of {total}, done {when}',
  'info.cmd.queuedJob': '• job {job} “{prompt}”: #{position} in the queue, starts {when}',
  'info.cmd.more': '• and {count} more',
  'info.cmd.queue': '**Queue:** {waiting} waiting, {running} running.',
  'info.cmd.modelLoading': '**Model:** still loading; ask again in a moment.',
  'info.cmd.model': {
    one: '**Model:** {name} ({family}, {dtype}) on **{device}**{fallback}, {count} step by default',
    other: '**Model:** {name} ({family}, {dtype}) on **{device}**{fallback}, {count} steps by default',
  },
  'info.cmd.fallback': " ({wanted} is configured but not available here; the owner's log says how to fix it)",
  'info.cmd.demo':
    "This is the small demo model that comes with Atelier: it paints simple scenes only. The bot's owner can install a real one with `{command}`.",

  // --- Edits: the Vary (Region) modal, for the clicker (their language) ----------------------------------------
  'help.button.region':
    '**{region}**: redo one part of the picture (a half, a third, a corner) with a prompt you can change',
  'help.button.zoom': '**{zoom2}** / **{zoom15}**: pull back and paint more around the picture',
  'help.button.pan': '**⬅️ ➡️ ⬆️ ⬇️**: extend the picture in that direction',
  'help.button.upscaleMore':
    '**{subtle}**: a larger copy, kept as it is; **{creative}**: larger and repainted with finer detail',
  'edit.regionLabel': 'Region to redo',
  'edit.promptLabel': 'Prompt for the region',
  'edit.negativeLabel': 'Negative prompt',
  'edit.noVae': 'The loaded model ({model}) has no VAE encoder, so it cannot edit a picture.',
  'edit.badRegion': 'Pick the region to redo from the list.',
  'edit.region.left': 'Left half',
  'edit.region.right': 'Right half',
  'edit.region.top': 'Top half',
  'edit.region.bottom': 'Bottom half',
  'edit.region.left-third': 'Left third',
  'edit.region.middle-third': 'Middle third',
  'edit.region.right-third': 'Right third',
  'edit.region.centre': 'Centre',
  'edit.region.top-left': 'Top-left corner',
  'edit.region.top-right': 'Top-right corner',
  'edit.region.bottom-left': 'Bottom-left corner',
  'edit.region.bottom-right': 'Bottom-right corner',

  // --- /queue and /settings (the member's language) -----------------------------------------------------------
  'queue.view.empty': 'The queue is empty: nothing is being painted or waiting. `/imagine` starts right away.',
  'queue.view.hereDm': 'here',
  'queue.view.hereGuild': 'in this server',
  'queue.view.summary':
    '**Queue {where}:** {running} running, {waiting} waiting. **All servers:** {allRunning} running, {allWaiting} waiting (room for {room}).',
  'queue.view.summaryMine':
    '**Queue {where}:** {running} running, {waiting} waiting ({mine} yours). **All servers:** {allRunning} running, {allWaiting} waiting (room for {room}).',
  'queue.view.restarting': 'The bot is restarting: waiting jobs resume when it is back.',
  'queue.view.running': '**Running**',
  'queue.view.waiting': '**Waiting** (numbered by place in the queue of all servers; everyone takes turns)',
  'queue.view.more': '… {count} more',
  'queue.view.job': {
    one: 'job {job}: {width}×{height}, {steps}, {count} image',
    other: 'job {job}: {width}×{height}, {steps}, {count} images',
  },
  'queue.view.step': 'step {step}/{total}',
  'queue.view.doneIn': 'done {when}',
  'queue.view.startsIn': 'starts {when}',
  'queue.view.yours': 'yours ({mention})',
  'queue.view.moment': 'in a moment',
  'settings.title': '**Your defaults for /imagine**',
  'settings.never': ' (never changed)',
  'settings.hint': 'Change them with `/settings set`; options you give /imagine always win.',
  'settings.saved': 'Saved. Your defaults for /imagine are now:',
  'settings.forgotten': "Your defaults are forgotten: /imagine uses the bot's own again.",
  'settings.none': 'You had no saved defaults, so nothing changed.',
  'settings.nothing':
    'Give at least one of `aspect_ratio`, `steps`, `spoiler` or `remix` to change. `/settings show` shows them.',
  'settings.aspect': '• Aspect ratio: **{value}**',
  'settings.steps': '• Steps: **{value}**',
  'settings.spoiler': '• Spoiler: **{value}**{note}',
  'settings.remix':
    '• Remix: **{value}** (on: variations, rerolls, zooms, pans and Upscale (Creative) first open a form with the prompt to edit)',
  'settings.botDefaultRatio': "the bot's default (1:1)",
  'settings.modelDefault': "the model's default",
  'settings.capped': '{steps} (this server allows at most {max}, so {max} are used here)',
  'settings.yes': 'yes',
  'settings.no': 'no',
  'settings.spoilerForced': ' (this server posts every image as a spoiler anyway)',

  // --- Moderator commands (the moderator's language) ----------------------------------------------------------
  'mod.notInGuild': 'Moderator commands work in a server, not in direct messages.',
  'mod.notModerator':
    'Sorry, this command is for moderators: it needs the **Manage Server** permission here. Nothing was changed.',
  'queue.remove.noJob': 'There is no job {job} in this server. `/queue` lists the job numbers.',
  'queue.remove.finished': 'Job {job} has already finished: there is nothing to remove.',
  'queue.remove.failed': 'Job {job} has already failed: there is nothing to remove.',
  'queue.remove.cancelled': 'Job {job} has already been cancelled: there is nothing to remove.',
  'queue.remove.justFinished': 'Job {job} finished just now: there is nothing to remove.',
  'queue.remove.done':
    'Removed job {job} by {user} ({where}). Their images were refunded{told}. This is in the audit log.',
  'queue.remove.wasRunning': 'it was running and has been stopped',
  'queue.remove.wasQueued': 'it was #{position} in the queue',
  'queue.remove.told': ' and they were told why: {reason}',

  // --- A job that failed (its public message: the server's language) -----------------------------------------
  'fail.bug':
    'Something went wrong on our side while making your images (error id `{errorId}`). Please try again; if it keeps happening, tell the bot owner this id.',
  'fail.modelGone':
    'The model "{model}" this job was made for is not installed any more, so it cannot run; nothing was counted against your quota. Choose another with /imagine model:.',
  'fail.crashed':
    'The image generator crashed {count} times while making this job, so it was stopped. Try a smaller size, fewer steps or fewer images.',
  'fail.timeout':
    'This job took longer than {seconds} s, the time limit, and was stopped. Try fewer steps, a smaller size or fewer images.',
  'fail.interrupted':
    'This job was interrupted {count} times (the bot or its image generator stopped while making it), so it was not tried again. Try a smaller size, fewer steps or fewer images.',

  // --- Prompt flags and the Vary this image form (the asker's language) ---------------------------------------
  'flag.noNeedsText': '`--no` needs what to leave out, e.g. `--no cars, text`.',
  'flag.seed': '{label} takes a whole number from 0 to {max}{given}.',
  'flag.whole': '{label} takes a whole number from {min} to {max}{given}.',
  'flag.number': '{label} takes a number from {min} to {max}{given}.',
  'flag.tooManyJobs':
    'That makes {jobs} jobs ({permutations} prompt(s) from the choices in braces, each times its --repeat); the most one prompt may start is {max}. Use fewer choices or a smaller --repeat.',
  'job.manyJobs':
    'Your prompt makes {jobs} jobs: {images} images from your quota{left}. They start below, one message each.',
  'job.manyJobsLeft': '; {n} left after them',
  'job.confirmMany': 'Your prompt makes {jobs} jobs: {images} images from your quota{left}. Run them?',
  'button.runMany': 'Run {jobs} jobs',
  'button.dropMany': 'Cancel',
  'job.confirmGone':
    'These jobs were already started or cancelled, or the question is more than 15 minutes old: send the prompt again.',
  'job.confirmCancelled': 'Cancelled: nothing was started or charged.',
  'flag.ratio': '{label} takes a ratio like 16:9, 3:2 or 1:1{given}.',
  'flag.extreme': '{label} {value} is too extreme: use at most 4:1 or 1:4.',
  'flag.given': ', not "{value}"',
  'vary.formGone': 'This form no longer matches a message. Use "{command}" again.',
  'vary.messageGone': 'That message is gone, so there is no picture to vary.',
  'vary.pickStrength': 'Choose one of the strengths offered.',

  // --- Buttons under a message everyone sees (the server's language) ---------------------------------------------
  'button.cancel': 'Cancel',
  'button.reroll': 'Reroll',
  'button.remake': 'Make it again',
  'button.remakeOrigin': 'Make the original again',
  'button.info': 'Info',
  'button.delete': 'Delete',
  'button.subtle': 'Vary (Subtle)',
  'button.region': 'Vary (Region)',
  'button.paint': 'Paint region (playground)',
  'button.zoom2': 'Zoom Out 2x',
  'button.zoom15': 'Zoom Out 1.5x',
  'button.upscaleSubtle': 'Upscale (Subtle)',
  'button.upscaleCreative': 'Upscale (Creative)',
  'button.strong': 'Vary (Strong)',

  // --- /help -----------------------------------------------------------------------------------------------------
  'help.title': 'Atelier: help',
  'help.intro':
    "I paint pictures from a description, on this server owner's own computer. Type {imagine} with what you want to see: I answer at once with your place in the queue, show the painting as it progresses, then post the images with buttons to take them further.",
  'help.commands': 'Commands',
  'help.cmd.imagine':
    'paint a picture from a description; options add a negative prompt, the shape, a seed, steps, guidance, how many images, or a picture to start from',
  'help.cmd.info': 'your images left today, your jobs in the queue, and the model in use',
  'help.cmd.queue': 'what is being painted and what is waiting, with estimated times',
  'help.cmd.settings': 'your own defaults for /imagine: shape, steps, spoilers',
  'help.cmd.help': 'this help, only for you',
  'help.cmd.vary': "on any picture posted in the channel: open the message's menu, then Apps → **{name}**",
  'help.buttons': 'Buttons under an image',
  'help.button.upscale': '**U1, U2…**: that image on its own, full size, with its own buttons',
  'help.button.vary': '**V1, V2…**: new variations of that image',
  'help.button.subtle': '**{subtle}** / **{strong}**: a close or a freer variation of a single image',
  'help.button.reroll': '**{reroll}**: the same request again with new seeds',
  'help.button.info': '**{info}**: how the images were made (prompt, seed, size, steps, model), shown only to you',
  'help.button.delete': '**{delete}**: removes the images (their author or a moderator)',
  'help.button.cancel':
    '**{cancel}**: stops a job that is waiting or painting (its author or a moderator); nothing is charged',
  'help.flags': 'Prompt flags',
  'help.flagsText':
    'Add them at the end of the prompt: `--ar 16:9` the shape, `--seed 42` the same picture again, `--no text` what to keep out, `--steps 30` more denoising steps, `--guidance 7` how closely to follow the prompt.',
  'help.english':
    'The model reads English only: write your prompt in English for the best results. Everything else (commands, answers, buttons) follows your Discord language.',
  'help.limits': 'Your limits here',
  'help.limit.banned': 'You are banned from using Atelier here.',
  'help.limit.imagesUnlimited': 'Images: no daily limit for you.',
  'help.limit.imagesNone': 'Images: you cannot make images here.',
  'help.limit.images': {
    one: 'Images: {left} of {count} left in the last 24 hours (rolling).',
    other: 'Images: {left} of {count} left in the last 24 hours (rolling).',
  },
  'help.limit.cooldown': 'Cooldown: {duration} between two requests.',
  'help.limit.noCooldown': 'Cooldown: none.',
  'help.limit.queued': {
    one: 'At most {count} job waiting at a time.',
    other: 'At most {count} jobs waiting at a time.',
  },
  'help.limit.size': 'Largest picture: {width}×{height} pixels, up to {steps} steps, {images} images per request.',
  'help.limit.uploadsOff': 'Starting from your own picture is turned off here.',
  'help.model': 'What the model can do',
  'help.modelLoading': 'The model is still loading; ask again in a minute.',
  'help.modelDemo':
    'This bot runs the small demo model that comes with Atelier. It paints one shape ({shapes}) in one colour ({colours}) {positions}, on a background of another colour, for example “a red star on the left on a blue background”. It knows only these English words and ignores any other.',
  'help.modelReal':
    'The model is **{name}**. It follows short, concrete English descriptions best and reads only the first 75 or so word pieces of a prompt; readable text, hands and exact numbers of things often go wrong.',
  'help.moderators': 'For moderators (Manage Server)',
  'help.mod.limits': 'see or change the limits for the server, a role or a member',
  'help.mod.ban': 'stop a member from using Atelier here, for a while or for good',
  'help.mod.unban': 'lift a ban',
  'help.mod.blocklist': 'words and patterns that prompts here may not contain',
  'help.mod.usage': 'how much Atelier was used: totals, top users, refusals, a chart',
  'help.mod.modlog': 'recent moderator actions',
  'help.mod.queueRemove': "take someone's job out of the queue, with a reason they will see",
  'help.mod.health': 'whether the bot is healthy: gateway, database, image generator, model, queue',
  'help.mod.buttons': "You can also cancel or delete anyone's images with the buttons under them.",
  // --- Moderator commands' private replies (the moderator's language) --------------------------------------
  'mod.target.guildWithTarget':
    'You chose level **server** but also named a role or a member. Choose level role or user for them, or leave them out.',
  'mod.target.roleNeedsRole': 'Level **role** needs the `role` option: choose the role the limit is for.',
  'mod.target.roleNotUser': 'Level **role** takes a role, not a member: leave the `user` option out.',
  'mod.target.everyone': '@everyone is the whole server: use level **server** instead.',
  'mod.target.userNeedsUser': 'Level **user** needs the `user` option: choose the member the limit is for.',
  'mod.target.userNotRole': 'Level **user** takes a member, not a role: leave the `role` option out.',
  'mod.target.level': '"{level}" is not a level: choose server, role or user.',
  'mod.target.showOne': 'Show one thing at a time: a role or a member, not both.',
  'mod.target.guild': 'the server',
  'mod.target.role': 'role {role}',
  'mod.target.user': 'user {user}',
  'limits.show.user': '**Limits for {user}** (with their roles and overrides):',
  'limits.show.userNoOwn': 'They have no overrides of their own.',
  'limits.show.role': '**Overrides for role {role}:**',
  'limits.show.roleNone': "None: members with this role get the server's limits.",
  'limits.show.roleRule':
    "When a member has several roles with overrides, the most generous value counts; a member's own override beats them all.",
  'limits.show.guild': '**Limits in this server** (defaults and server overrides):',
  'limits.show.overrides': '**Overrides:**',
  'limits.show.hint': "Change one with `/limits set`; show a member's with `/limits show user:`.",
  'limits.source.default': 'default',
  'limits.source.guild': 'server',
  'limits.source.role': 'role {role}',
  'limits.source.user': 'user',
  'limits.overrides.none': 'No overrides: every limit is at its default.',
  'limits.overrides.guild': 'Server',
  'limits.overrides.role': 'Role {role}',
  'limits.overrides.user': 'User {user}',
  'limits.notSet': 'not set',
  'limits.defaultWas': ' (the default was {value})',
  'limits.set':
    'Set `{key}` ({label}) for {target}: {before}{default} → {after}. It applies to the next request; no restart needed.',
  'limits.resetNothing': 'There was nothing to reset: {target} has no overrides.',
  'limits.resetNothingKey': 'There was nothing to reset: {target} has no override for `{key}`.',
  'limits.reset': {
    one: 'Removed the override for {target}: {list}. {next}',
    other: 'Removed {count} overrides for {target}: {list}. {next}',
  },
  'limits.resetWas': '`{key}` (was {value})',
  'limits.defaultsApply': 'The defaults apply again, from the next request.',
  'limits.guildApplies': "The server's limits apply again, from the next request.",
  'ban.noReason': 'Give a reason: it is kept in the audit log and shown to them.',
  'ban.self': 'You cannot ban yourself.',
  'ban.bot': "{user} is a bot: bots cannot use Atelier's commands anyway.",
  'ban.moderator':
    '{user} has the Manage Server permission here, so a ban would not hold (they could lift it). Take the permission away first if you really mean to.',
  'ban.noEnd': 'with no end date (lift it with `/unban`)',
  'ban.until': 'for {duration}, until {date} ({relative})',
  'ban.done': '{user} can no longer use Atelier in this server, {until}. Reason: {reason}',
  'ban.cancelled': {
    one: 'Their {count} waiting job was cancelled (and refunded); a job already running finishes.',
    other: 'Their {count} waiting jobs were cancelled (and refunded); a job already running finishes.',
  },
  'ban.noJobs': 'They had no jobs waiting.',
  'unban.done': '{user} can use Atelier in this server again.',
  'unban.doneReason': '{user} can use Atelier in this server again. (They had been banned for: {reason})',
  'unban.notBanned': '{user} is not banned here, so there was nothing to lift.',
  'blocklist.added':
    "Added `{pattern}` to this server's blocklist. Prompts containing it are refused from now on (case, accents and spacing tricks included).",
  'blocklist.already': '`{pattern}` is already on the blocklist (added by {user} {when}).',
  'blocklist.builtin':
    '`{pattern}` is on the built-in list, which applies in channels not marked age-restricted; it cannot be removed. Mark a channel age-restricted to allow it there.',
  'blocklist.notFound':
    "`{pattern}` is not on this server's blocklist. `/blocklist list` shows the entries as written.",
  'blocklist.removed': "Removed `{pattern}` from this server's blocklist.",
  'blocklist.builtinList': '**Built-in list**, applied in channels not marked age-restricted: {words}.',
  'blocklist.serverList': {
    one: "**This server's blocklist** ({count} entry):",
    other: "**This server's blocklist** ({count} entries):",
  },
  'blocklist.empty': 'Empty. Add entries with `/blocklist add`.',
  'usage.head': '**Usage in this server over {period}**',
  'usage.headUser': '**Usage of {user} in this server over {period}**',
  'usage.period.day': 'the last 24 hours',
  'usage.period.week': 'the last 7 days',
  'usage.period.month': 'the last 30 days',
  'usage.requests': {
    one: 'Requests: **{requests}** ({accepted} accepted, {refused} refused) from {count} person',
    other: 'Requests: **{requests}** ({accepted} accepted, {refused} refused) from {count} people',
  },
  'usage.images': 'Images: **{made}** made ({asked} asked for in accepted requests)',
  'usage.jobs': 'Jobs: {done} done, {failed} failed, {cancelled} cancelled',
  'usage.times': 'Average wait {wait}, average run {run}',
  'usage.na': 'n/a',
  'usage.top': '**Top users**',
  'usage.nobody': 'Nobody.',
  'usage.topLine': {
    one: '{rank}. {user}: {count} image, {requests}{refused}',
    other: '{rank}. {user}: {count} images, {requests}{refused}',
  },
  'usage.requestCount': { one: '{count} request', other: '{count} requests' },
  'usage.refusedCount': ' ({refused} refused)',
  'usage.refusals': '**Refusals by reason:** {list}',
  'usage.none': 'None.',
  'usage.latest': '**Latest refusals**',
  'usage.chartDescription': 'Images per day over the last {days} days',
  'modlog.title': '**Moderator actions**, page {page}',
  'modlog.titleFiltered': '**Moderator actions {filters}**, page {page}',
  'modlog.by': 'by {user}',
  'modlog.about': 'about {user}',
  'modlog.newestFirst': ' (newest first)',
  'modlog.nothing': 'Nothing yet.',
  'modlog.tooFar': 'There are no entries this far back.',
  'modlog.more': 'More with `/modlog page:{page}`.',
  'audit.limits.set': 'set a limit for',
  'audit.limits.reset': 'reset limits for',
  'audit.ban': 'banned',
  'audit.unban': 'unbanned',
  'audit.blocklist.add': 'added to the blocklist',
  'audit.blocklist.remove': 'removed from the blocklist',
  'audit.queue.remove': 'removed a job',
  'audit.until': ' until {date}',
  'audit.noEnd': ' with no end',
  'health.unavailable': 'Health reporting is not available in this process.',
  'health.ready': '**Ready** (up {seconds} s)',
  'health.notReady': '**Not ready** (up {seconds} s)',
  'health.gatewayReady': 'Gateway: ready',
  'health.gatewayNotReady': 'Gateway: not ready',
  'health.ping': ', ping {ms} ms',
  'health.gatewayUnused': 'Gateway: not used',
  'health.dbWritable': 'Database: writable',
  'health.dbNotWritable': 'Database: not writable',
  'health.inference': 'Inference: {model} on {provider}',
  'health.inferenceDown': 'Inference: not running or model not loaded',
  'health.queue': 'Queue: {waiting} waiting, {running} running',
  'health.notAccepting': ' (not accepting: stopping)',
  'duration.help':
    'Write a duration like 30m, 12h, 7d or 2w (minutes, hours, days, weeks), or leave it out for a ban with no end.',
  'duration.empty': 'The duration is empty. {help}',
  'duration.unit': '"{unit}" is not a unit I know in "{input}". {help}',
  'duration.bad': '"{input}" is not a duration I understand. {help}',
  'duration.short': 'A ban must last at least one minute.',
  'duration.long': 'That is longer than a year: leave the duration out for a ban with no end.',
  // --- Edit sizes, request fields, the remix form (the asker's language) -------------------------------------
  'editSize.editWidth': 'The edited picture would be {width} px wide, past the width limit of {max} px.',
  'editSize.editHeight': 'The edited picture would be {height} px tall, past the height limit of {max} px.',
  'editSize.editPixels':
    'The edited picture would be {width}x{height} ({pixels} pixels), past the limit of {max} pixels.',
  'editSize.upscaleWidth': 'The upscaled picture would be {width} px wide, past the width limit of {max} px.',
  'editSize.upscaleHeight': 'The upscaled picture would be {height} px tall, past the height limit of {max} px.',
  'editSize.upscalePixels':
    'The upscaled picture would be {width}x{height} ({pixels} pixels), past the limit of {max} pixels.',
  'editSize.panWidth': 'Panning {direction} would make the picture {width} px wide, past the width limit of {max} px.',
  'editSize.panHeight':
    'Panning {direction} would make the picture {height} px tall, past the height limit of {max} px.',
  'editSize.panPixels':
    'Panning {direction} would make the picture {width}x{height} ({pixels} pixels), past the limit of {max} pixels.',
  'editSize.dir.left': 'left',
  'editSize.dir.right': 'right',
  'editSize.dir.up': 'up',
  'editSize.dir.down': 'down',
  'request.promptTooLong': 'The prompt is {chars} characters long; the most is {max}. Shorten it and try again.',
  'request.prompt': 'The prompt must be text.',
  'request.width': 'The width must be a whole number of pixels.',
  'request.height': 'The height must be a whole number of pixels.',
  'request.steps': 'Steps must be a whole number of at least 1.',
  'request.count': 'Ask for at least one image.',
  'request.seed': 'The seed must be a whole number from 0 to {max}.',
  'request.guidanceScale': 'Guidance must be from 0 to {max}.',
  'request.strength': 'Strength must be more than 0 and at most 1 (how far to move away from your image).',
  'request.scheduler': 'The scheduler must be one of {choices}.',
  'remix.title': 'Remix: change the prompt',
  'remix.unknownForm': 'This form is not one this bot understands any more.',
  'remix.emptyPrompt': 'The prompt is empty: describe the picture you want.',
  'limits.value.unlimited': 'unlimited',
  'limits.value.none': 'none',
  'limits.value.modelOwn': "the model's own",
  'limits.value.botModel': "the bot's default",
  'limitValue.guildOnlyRole': '{key} can only be set for the whole server, not for a role.',
  'limitValue.guildOnlyUser': '{key} can only be set for the whole server, not for a user.',
  'limitValue.model':
    '{key} takes the name of an installed model (/imagine model: suggests them), or "default" for the bot\'s own.',
  'limitValue.scheduler': '{key} takes a scheduler: one of {choices}, or "default" for the model\'s own.',
  'limitValue.switch': '{key} is a switch: use yes or no.',
  'limitValue.secondsUnlimited': '{key} is in seconds: use 0 for no cooldown.',
  'limitValue.wholeSeconds': '{key} takes a whole number of seconds (0 for none).',
  'limitValue.whole': '{key} takes a whole number ({label}), or "unlimited".',
  'limitValue.maxCooldown': '{key} can be at most {max} seconds (7 days).',
  'limitValue.maxQuota': '{key} can be at most {max}; or use "unlimited".',
  'limitValue.atLeastOne': '{key} must be at least 1.',
  'limitValue.ceiling': "{key} can be at most {max}, the ceiling the bot's owner set in its configuration.",
  'limitValue.multiple8': '{key} must be a multiple of 8 (the models work in 8-pixel blocks), e.g. {example}.',
  'limitValue.noSuchKey': 'There is no limit called "{key}". The limits are: {keys}.',
  'ban.endsBeforeStart': 'The ban would end before it starts: give a duration in the future.',
  'blocklistEntry.backreference':
    'Backreferences (like \\1) are not supported: the matching engine (RE2) guarantees to finish in time proportional to the prompt, which backreferences make impossible. List the alternatives instead.',
  'blocklistEntry.lookaround':
    'Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported: the matching engine (RE2) guarantees to finish in time proportional to the prompt, which lookaround makes impossible. Use \\b for word edges, or add a separate entry.',
  'blocklistEntry.invalid': 'That is not a regular expression the matching engine (RE2) accepts: {error}',
  'blocklistEntry.tooBig':
    'That regular expression is too big: it compiles to {size} steps and an entry may have at most {max}, so that checking a prompt stays quick. Counted repeats multiply ({repeat} is 30 steps): shorten it, or split it into several entries.',
  'blocklistEntry.empty': 'The entry is empty: give a word, a phrase, or /a regular expression/.',
  'blocklistEntry.tooLong': 'The entry is too long (at most {max} characters).',
  'blocklistEntry.flags': 'Only the flags i, u and s are allowed after the closing /, not "{flags}".',
  'blocklistEntry.noWords': 'The entry has no letters or digits; use /regex/ to block symbols.',
  'blocklistEntry.guildTooBig':
    "This server's /regex/ entries would together compile to {size} steps, and the limit is {max}, so that checking a prompt stays quick. Remove a regex you no longer need (`/blocklist list`), or use plain words, which cost nothing against this limit.",
  'blocklistEntry.unusable': '"{input}" cannot be used as a blocklist entry.',
  'blocklistEntry.matchesEmpty':
    '"{input}" matches an empty prompt, so it would block every request. Make it match a specific word or phrase.',
  'blocklistEntry.matchesAll':
    '"{input}" matches nearly everything (for example "{example}"), so it would block ordinary prompts. Make it more specific.',
} as const;
