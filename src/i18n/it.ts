/** Italiano. */
import { schedulerLabels } from '../diffusion/types.ts';
import type { MessageKey } from './index.ts';
import type { Catalog, CommandText } from './types.ts';

const level: Record<string, string> = {
  guild: 'server (tutti qui)',
  role: 'ruolo (i membri con un ruolo)',
  user: 'utente (un solo membro)',
};
const limitKey: Record<string, string> = {
  userImagesPerDay: 'userImagesPerDay: immagini per utente nelle ultime 24 h',
  userCooldownSeconds: 'userCooldownSeconds: attesa tra due richieste',
  userMaxQueued: 'userMaxQueued: lavori in attesa per utente',
  guildImagesPerDay: 'guildImagesPerDay: immagini per server nelle ultime 24 h',
  maxSteps: 'maxSteps: passi per immagine',
  maxWidth: "maxWidth: larghezza dell'immagine",
  maxHeight: "maxHeight: altezza dell'immagine",
  maxPixels: 'maxPixels: pixel per immagine (larghezza x altezza)',
  maxImagesPerRequest: 'maxImagesPerRequest: immagini per richiesta',
  allowUploads: 'allowUploads: caricamento di immagini consentito',
  spoilerRequired: 'spoilerRequired: immagini pubblicate come spoiler',
  defaultScheduler: 'defaultScheduler: scheduler di /imagine se non se ne sceglie uno',
  defaultModel: 'defaultModel: modello di /imagine se non se ne sceglie uno',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 quadrato',
  '3:2': '3:2 orizzontale',
  '2:3': '2:3 verticale',
  '16:9': '16:9 panoramico',
  '9:16': '9:16 verticale alto',
};
const role: CommandText = { name: 'ruolo', description: 'Il ruolo (per il livello ruolo)' };
const user: CommandText = { name: 'utente', description: 'Il membro (per il livello utente)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'immagina',
    description: "Dipingi un'immagine a partire da una descrizione",
    options: {
      prompt: {
        name: 'prompt',
        description: 'Cosa dipingere, in inglese (anche con flag: --ar 16:9 --seed 42 --no text)',
      },
      negative: { name: 'negativo', description: "Cosa tenere fuori dall'immagine" },
      aspect: { name: 'formato', description: "La forma dell'immagine", choices: aspect },
      seed: { name: 'seme', description: 'Stesso seme, stessa immagine (casuale se omesso)' },
      steps: { name: 'passi', description: 'Passi di denoising: più passi, più lento e spesso più fine' },
      guidance: { name: 'guida', description: 'Quanto seguire fedelmente il prompt (0-30)' },
      count: { name: 'quante', description: 'Quante immagini' },
      image: { name: 'immagine', description: 'Parti da questa immagine (PNG, JPEG o WebP)' },
      strength: { name: 'intensità', description: "Con un'immagine: quanto allontanarsene (0,05-1)" },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: {
        name: 'campionatore',
        description: "Come passare dal rumore all'immagine (predefinito: quello del modello)",
        choices: schedulerLabels,
      },
      model: { name: 'modello', description: 'Quale modello installato la dipinge (predefinito: quello del server)' },
    },
  },
  info: { name: 'info', description: 'Le immagini che ti restano oggi, i tuoi lavori in coda e il modello in uso' },
  help: { name: 'aiuto', description: 'Cosa fa Atelier, i suoi comandi e pulsanti, e i tuoi limiti' },
  queue: {
    name: 'coda',
    description: 'Cosa si sta dipingendo e cosa è in attesa, con i tempi stimati',
    options: {
      remove: { name: 'rimuovi', description: 'Moderatori: togli questo lavoro (il suo numero) dalla coda' },
      reason: { name: 'motivo', description: "Moderatori: perché è stato tolto (lo vedrà chi l'ha chiesto)" },
    },
  },
  settings: {
    name: 'impostazioni',
    description: 'Le tue impostazioni predefinite per /imagine',
    options: {
      show: { name: 'mostra', description: 'Mostra le tue impostazioni' },
      set: {
        name: 'imposta',
        description: 'Cambia una o più impostazioni',
        options: {
          aspect_ratio: {
            name: 'formato',
            description: 'La forma delle tue immagini',
            choices: { ...aspect, default: 'quello predefinito del bot' },
          },
          steps: { name: 'passi', description: 'Passi di denoising (0: quelli predefiniti del modello)' },
          spoiler: { name: 'spoiler', description: 'Pubblica le tue immagini come spoiler' },
          remix: {
            name: 'remix',
            description: 'Modifica il prompt prima di variazioni, rigenerazioni, zoom e spostamenti',
          },
        },
      },
      reset: { name: 'azzera', description: 'Dimentica le tue impostazioni' },
    },
  },
  ban: {
    name: 'banna',
    description: 'Impedisci a un membro di usare Atelier in questo server (moderatori)',
    options: {
      user: { name: 'utente', description: 'Chi escludere dal bot' },
      reason: { name: 'motivo', description: 'Perché (glielo mostriamo quando prova a usare il bot)' },
      duration: { name: 'durata', description: 'Per quanto, ad es. 1h, 7d, 2w (senza fine se omessa)' },
    },
  },
  unban: {
    name: 'sbanna',
    description: 'Permetti di nuovo a un membro bannato di usare Atelier qui (moderatori)',
    options: {
      user: { name: 'utente', description: 'A chi togliere il ban' },
      reason: { name: 'motivo', description: 'Perché (resta nel registro)' },
    },
  },
  blocklist: {
    name: 'parole-vietate',
    description: 'Parole e schemi che i prompt qui non possono contenere (moderatori)',
    options: {
      add: {
        name: 'aggiungi',
        description: 'Blocca una parola, una frase o una /espressione regolare/',
        options: {
          pattern: { name: 'voce', description: 'ad es. gore, "blood bath" oppure /sk(u|e)ll?s?/' },
        },
      },
      remove: {
        name: 'rimuovi',
        description: 'Sblocca una voce, scritta come è stata aggiunta',
        options: {
          pattern: { name: 'voce', description: 'La voce da rimuovere' },
        },
      },
      list: { name: 'elenco', description: "Mostra le voci di questo server e l'elenco integrato" },
    },
  },
  limits: {
    name: 'limiti',
    description: 'Vedi o cambia quanto si può usare Atelier qui (moderatori)',
    options: {
      show: {
        name: 'mostra',
        description: 'I limiti in vigore: del server, di un ruolo o di un membro',
        options: {
          role: { name: 'ruolo', description: 'Mostra le eccezioni di questo ruolo' },
          user: { name: 'utente', description: 'Mostra i limiti che valgono per questo membro' },
        },
      },
      set: {
        name: 'imposta',
        description: 'Cambia un limite per il server, un ruolo o un membro (vale subito)',
        options: {
          level: { name: 'livello', description: 'Per chi vale il limite', choices: level },
          key: { name: 'limite', description: 'Quale limite', choices: limitKey },
          value: { name: 'valore', description: 'Un numero, "unlimited", 0, oppure yes/no per gli interruttori' },
          role,
          user,
        },
      },
      reset: {
        name: 'ripristina',
        description: "Togli un'eccezione, così torna a valere il livello sotto",
        options: {
          level: { name: 'livello', description: "Di chi è l'eccezione", choices: level },
          key: { name: 'limite', description: 'Quale limite (tutti se omesso)', choices: limitKey },
          role,
          user,
        },
      },
    },
  },
  usage: {
    name: 'utilizzo',
    description: 'Quanto è stato usato Atelier qui: totali, utenti più attivi, rifiuti, un grafico (moderatori)',
    options: {
      period: {
        name: 'periodo',
        description: 'Quanto indietro (una settimana se omesso)',
        choices: {
          day: 'giorno (ultime 24 ore)',
          week: 'settimana (ultimi 7 giorni)',
          month: 'mese (ultimi 30 giorni)',
        },
      },
      user: { name: 'utente', description: 'Solo questo membro' },
    },
  },
  modlog: {
    name: 'registro-mod',
    description: 'Le ultime azioni dei moderatori in questo server (moderatori)',
    options: {
      page: { name: 'pagina', description: '1 è la più recente' },
      moderator: { name: 'moderatore', description: 'Solo le azioni di questo moderatore' },
      target: { name: 'membro', description: 'Solo le azioni che riguardano questo membro' },
    },
  },
  health: {
    name: 'salute',
    description: 'Moderatori: il bot sta bene? Gateway, database, processo di inferenza, modello e dispositivo, coda',
  },
  'Vary this image': { name: 'Varia questa immagine' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand':
    'Questa versione del bot non conosce quel comando. Scrivi / per vedere i comandi che ha ora.',
  'router.unknownButton': 'Questo bot non riconosce più questo pulsante. Crea una nuova immagine con /imagine.',
  'router.bug':
    'Qualcosa è andato storto da parte nostra (codice errore `{errorId}`). Riprova; se continua a succedere, comunica questo codice al proprietario del bot.',

  'job.notSaved':
    'Non siamo riusciti a salvare la tua richiesta: non è partita e non ti è stato addebitato nulla (codice errore `{errorId}`). Riprova.',
  'job.modelLoading': 'Il modello per le immagini si sta ancora caricando. Riprova tra un minuto.',
  'job.dmOff': 'Qui creo immagini solo nei server: il proprietario del bot ha disattivato i messaggi diretti.',
  'job.blockedWord':
    'Il tuo prompt contiene “{word}”, che non è consentito fuori dai canali con limiti di età. Riformulalo e riprova; non ti è stato addebitato nulla.',
  'job.blockedWordHere':
    'Il tuo prompt contiene “{word}”, che questo server non consente. Riformulalo e riprova; non ti è stato addebitato nulla.',
  'job.blockedPattern':
    'Il tuo prompt contiene uno schema bloccato, che non è consentito fuori dai canali con limiti di età. Riformulalo e riprova; non ti è stato addebitato nulla.',
  'job.blockedPatternHere':
    'Il tuo prompt contiene uno schema bloccato, che questo server non consente. Riformulalo e riprova; non ti è stato addebitato nulla.',
  'job.refusedPublicNote': '-# Questa richiesta non è partita; il motivo ti è stato inviato in privato.',
  'job.uploadAccepted': 'La tua immagine va bene: il lavoro parte qui sotto.',
  'job.acceptedBelow': 'La tua richiesta è arrivata: il suo posto in coda e le immagini seguono qui sotto.',

  'job.noPrompt': '*(nessun prompt)*',
  'job.variationOfImage': "variazione dell'immagine {index} di #{job}",
  'job.variationOfPosted': "variazione di un'immagine pubblicata",
  'job.variationOfUpload': "variazione di un'immagine caricata",
  'job.rerollOf': 'rigenerazione di #{job}',
  'job.imageOf': 'immagine {index} di #{job}',
  'job.fromUpload': "da un'immagine caricata",
  'job.strength': 'intensità {strength}',
  'job.waiting': '⏳ In coda: **#{position}**, {when}',
  'job.startingNow': 'si parte subito',
  'job.noWorker': 'al momento nessun worker serve il modello **{model}**: parte appena uno lo fa',
  'job.workersUnreachable':
    'al momento i worker delle immagini non sono raggiungibili: il tuo posto resta, e parte appena tornano',
  'job.startsIn': 'parte tra circa {duration} ({relative})',
  'job.restarted': '🔁 Il bot si è riavviato; il tuo lavoro ha mantenuto il suo posto.',
  'job.restartedWhileRunning':
    '🔁 Il bot si è riavviato mentre lo preparava; il tuo lavoro è tornato in testa alla coda.',
  'job.starting': '🎨 Si comincia…',
  'job.loadingModel': "⏳ Caricamento del modello **{model}** (il primo lavoro con esso da un po')…",
  'job.painting': '🎨 Sto dipingendo: passo {step} di {total} ({percent})',
  'job.interrupted':
    '⏸️ Il bot si sta riavviando; questo lavoro è il primo della coda e riparte appena il bot è di nuovo attivo.',
  'job.cancelledByAuthor': '🚫 Annullato su tua richiesta. Non è stato addebitato nulla.',
  'job.cancelledByAuthorReason': '🚫 Annullato su tua richiesta ({reason}). Non è stato addebitato nulla.',
  'job.cancelledByModerator': '🚫 Annullato da un moderatore. Non è stato addebitato nulla.',
  'job.cancelledByModeratorReason': '🚫 Annullato da un moderatore ({reason}). Non è stato addebitato nulla.',
  'job.prepareFailed': 'Le immagini sono state create, ma non è stato possibile prepararle per Discord. Riprova.',
  'job.seed': 'seme {seed}',
  'job.seeds': 'semi {first}–{last}',
  'job.steps': { one: '{count} passo', many: '{count} di passi', other: '{count} passi' },
  'job.guidance': 'guida {guidance}',
  'job.previewDescription': 'Lavoro in corso',
  'job.imageDescription': 'Immagine generata',
  'job.reencodedWebp': 'Il PNG era troppo grande per questo canale, quindi è stato convertito in WebP.',
  'job.reencodedJpeg': 'Il PNG era troppo grande per questo canale, quindi è stato convertito in JPEG.',
  'job.reencodedJpegSmaller':
    'Il PNG era troppo grande per questo canale, quindi è stato convertito in JPEG al {percent} della dimensione.',
  'job.ignoredFlags': {
    one: "Non ho capito {flags}, quindi l'ho ignorato (capisco --ar, --seed, --no, --steps, --repeat, --chaos e --guidance).",
    other:
      'Non ho capito {flags}, quindi li ho ignorati (capisco --ar, --seed, --no, --steps, --repeat, --chaos e --guidance).',
  },

  'info.title': 'Come sono state fatte queste immagini',
  'info.prompt': 'Prompt',
  'info.negative': 'Prompt negativo',
  'info.none': '*(nessuno)*',
  'info.seed': 'Seme',
  'info.size': 'Dimensioni',
  'info.steps': 'Passi',
  'info.guidance': 'Guida',
  'info.images': 'Immagini',
  'info.model': 'Modello',
  'info.scheduler': 'Campionatore',
  'info.strength': 'Intensità',
  'info.madeFrom': 'Ottenuta da',
  'info.fromJob': 'lavoro #{job}',
  'info.fromJobImage': 'lavoro #{job}, immagine {index}',
  'info.job': 'Lavoro',
  'info.waited': 'attesa {duration}',
  'info.ran': 'esecuzione {duration}',
  'kind.imagine': 'nuova immagine',
  'kind.variation': 'variazione',
  'kind.upscale': 'immagine singola',
  'kind.reroll': 'rigenerazione',
  'kind.edit': 'modifica',
  'state.queued': 'in coda',
  'state.running': 'in corso',
  'state.done': 'completato',
  'state.failed': 'non riuscito',
  'state.cancelled': 'annullato',

  'quota.banned': "Sei stato escluso dall'uso di Atelier in questo server. {until}",
  'quota.bannedReason': "Sei stato escluso dall'uso di Atelier in questo server (motivo: {reason}). {until}",
  'quota.banNoEnd': "L'esclusione non ha una data di fine.",
  'quota.banEnds': 'Finisce {when}.',
  'quota.noQueue':
    'Qui non puoi mettere lavori in coda (il tuo limite è 0). Chiedi a un moderatore se pensi che sia un errore.',
  'quota.maxQueued': {
    one: 'Hai già {count} lavoro in attesa, il massimo che puoi avere alla volta ({max}). Riprova quando sarà finito.',
    other:
      'Hai già {count} lavori in attesa, il massimo che puoi avere alla volta ({max}). Riprova quando uno di essi sarà finito.',
  },
  'quota.cooldown': {
    one: "Un attimo di pazienza: qui tra una richiesta e l'altra bisogna aspettare {count} secondo. Puoi chiedere di nuovo {when}.",
    other:
      "Un attimo di pazienza: qui tra una richiesta e l'altra bisogna aspettare {count} secondi. Puoi chiedere di nuovo {when}.",
  },
  'quota.noImages':
    'Qui non puoi creare immagini (il tuo limite giornaliero è 0). Chiedi a un moderatore se pensi che sia un errore.',
  'quota.tooManyForDay': {
    one: 'Hai chiesto {count} immagine, ma puoi crearne {limit} al giorno. Chiedine di meno.',
    other: 'Hai chiesto {count} immagini, ma puoi crearne {limit} al giorno. Chiedine di meno.',
  },
  'quota.dayLeft': {
    one: 'Nelle ultime 24 ore hai usato {used} immagine su {count} e ne hai chieste {asked}; ora puoi chiederne {left}, oppure di più {when}.',
    other:
      'Nelle ultime 24 ore hai usato {used} delle tue {count} immagini e ne hai chieste {asked}; ora puoi chiederne {left}, oppure di più {when}.',
  },
  'quota.dayUsed': {
    one: 'Nelle ultime 24 ore hai usato {used} immagine su {count}; sarà di nuovo disponibile {when}.',
    other: 'Nelle ultime 24 ore hai usato {used} delle tue {count} immagini; saranno di nuovo disponibili {when}.',
  },
  'quota.later': 'più tardi',
  'quota.guildTooSmall': {
    one: 'Questo server può creare {count} immagine al giorno, non abbastanza per questa richiesta. Chiedine di meno o rivolgiti a un moderatore.',
    other:
      'Questo server può creare {count} immagini al giorno, non abbastanza per questa richiesta. Chiedine di meno o rivolgiti a un moderatore.',
  },
  'quota.guildUsed': {
    one: 'Nelle ultime 24 ore questo server ha usato {used} immagine su {count}. Ce ne saranno di nuovo {when}.',
    other:
      'Nelle ultime 24 ore questo server ha usato {used} delle sue {count} immagini. Ce ne saranno di nuovo {when}.',
  },
  'quota.queueFull': {
    one: 'La coda è piena: {count} lavoro in attesa, il massimo che può contenere. Non è stato addebitato nulla; riprova tra qualche minuto.',
    other:
      'La coda è piena: {count} lavori in attesa, il massimo che può contenere. Non è stato addebitato nulla; riprova tra qualche minuto.',
  },
  'shape.uploads':
    'Qui il caricamento di immagini è disattivato. Chiedi di nuovo senza immagine, oppure rivolgiti a un moderatore.',
  'shape.width':
    'Una larghezza di {value} px supera il consentito qui (al massimo {max} px). Chiedi una dimensione più piccola o un altro formato.',
  'shape.height':
    "Un'altezza di {value} px supera il consentito qui (al massimo {max} px). Chiedi una dimensione più piccola o un altro formato.",
  'shape.pixels':
    '{width}x{height} fa {value} pixel, più del consentito qui (al massimo {max}). Chiedi una dimensione più piccola.',
  'shape.steps': '{value} passi sono più del consentito qui (al massimo {max}). Chiedine {max} o meno.',
  'shape.images': '{value} immagini alla volta sono più del consentito qui (al massimo {max}). Chiedine di meno.',

  'button.unknownJob':
    'Qui non ho traccia del lavoro #{job}, quindi questo pulsante non può fare nulla. Crea una nuova immagine con /imagine.',
  'button.deletedJob': 'Queste immagini sono state eliminate, quindi i loro pulsanti non funzionano più.',
  'button.notDone':
    'Questo lavoro non è ancora finito, quindi non ha immagini da usare. Clicca di nuovo quando sarà pronto.',
  'button.failedJob':
    'Questo lavoro non è riuscito, quindi non ha immagini da usare. Crea una nuova immagine con /imagine.',
  'button.cancelledJob':
    'Questo lavoro è stato annullato, quindi non ha immagini da usare. Crea una nuova immagine con /imagine.',
  'button.imageGoneDerived':
    "L'immagine {index} del lavoro #{job} è scaduta, e anche l'immagine da cui è stata ricavata (è una variazione o una modifica), quindi non si può rifare identica. **Rifai l'originale** ridipinge il lavoro #{origin} con lo stesso prompt, le stesse impostazioni e lo stesso seed, quindi le stesse immagini; poi varia o modifica quella nuova.",
  'button.imageGone':
    "L'immagine {index} del lavoro #{job} è scaduta (le immagini vecchie vengono eliminate dopo un po' per risparmiare spazio), quindi questo pulsante non può usarla. Per rifarla, usa /imagine con lo stesso prompt, le stesse impostazioni e `--seed {seed}` (il pulsante Info li mostra).",
  'button.notOwnerDelete': 'Solo chi ha chiesto queste immagini, o un moderatore, può eliminarle.',
  'button.notOwnerCancel': 'Solo chi ha chiesto questo lavoro, o un moderatore, può annullarlo.',
  'button.alreadyFinished': "Questo lavoro è già finito, quindi non c'è nulla da annullare.",
  'button.alreadyCancelled': "Questo lavoro è già stato annullato, quindi non c'è nulla da annullare.",
  'button.alreadyFailed': "Questo lavoro non è riuscito, quindi non c'è nulla da annullare.",
  'button.alreadyGone': "Questo lavoro non esiste più, quindi non c'è nulla da annullare.",
  'job.noImg2img': "Il modello caricato ({model}) non può partire da un'immagine. Chiedi senza immagine.",
  'job.badStrength':
    "L'intensità conta solo se alleghi un'immagine da cui partire. Allegane una, oppure togli l'intensità.",
  'job.badScheduler': 'Non esiste un campionatore chiamato "{name}"; scegli tra {choices}.',
  'job.badModel': 'Non esiste un modello installato chiamato "{name}"; scegli tra {choices}.',
  'vary.noPicture':
    'Quel messaggio non ha immagini allegate. Usa "{command}" su un messaggio con un\'immagine PNG, JPEG o WebP.',
  'vary.notPicture':
    "L'allegato di quel messaggio (`{file}`) non è un'immagine. Usa \"{command}\" su un messaggio con un'immagine PNG, JPEG o WebP.",
  'vary.noImg2img':
    "Il modello caricato ({model}) non può partire da un'immagine, quindi non può fare variazioni. Usa invece /imagine con un prompt.",
  'upload.pixels':
    "Quell'immagine è di {width}x{height} pixel ({megapixels} megapixel); accetto immagini fino a {max} megapixel e {side} pixel per lato. Riducila e riprova.",
  'upload.type':
    "`{file}` è un file {type}, non un'immagine da cui posso partire. Allega un'immagine PNG, JPEG o WebP.",
  'upload.unknownType':
    "`{file}` è un tipo di file che non conosco, non un'immagine da cui posso partire. Allega un'immagine PNG, JPEG o WebP.",
  'upload.size':
    '`{file}` pesa {size}; accetto immagini fino a {max}. Salvala più leggera (un JPEG o un WebP pesa molto meno di un PNG) e riprova.',
  'upload.host':
    "Scarico solo immagini caricate su Discord, e questa punta altrove. Carica l'immagine su Discord (allega il file) e riprova.",
  'upload.timeout':
    "Scaricare la tua immagine da Discord ha richiesto più di {seconds} s, quindi mi sono fermato. Riprova tra poco o carica un'immagine più piccola.",
  'upload.failed':
    "Il download della tua immagine da Discord non è riuscito (connessione rifiutata o interrotta). Riprova tra poco o carica di nuovo l'immagine.",
  'upload.redirect':
    "Discord ha mandato l'indirizzo della tua immagine altrove (un reindirizzamento), e io non lo seguo. Carica di nuovo l'immagine.",
  'upload.http':
    'Non sono riuscito a scaricare la tua immagine da Discord (HTTP {status}). Riprova o caricala di nuovo.',
  'upload.tooBig': "Quell'immagine pesa {size}; accetto immagini fino a {max}.",
  'upload.overMax': "Quell'immagine pesa più di {max}, il massimo che accetto.",
  'upload.notImage':
    "Quel file non è un'immagine PNG, JPEG o WebP (qualunque cosa dica il nome). Allegane una di questi tipi.",
  'upload.damaged': "Non riesco a leggere quell'immagine: il file sembra danneggiato. Prova a salvarla di nuovo.",
  'upload.noSize': "Non riesco a leggere quell'immagine: non ha dimensioni. Prova a salvarla di nuovo.",
  'queue.restarting': 'Il bot si sta riavviando e non accetta nuove richieste. Riprova tra un minuto.',
  'queue.full': 'La coda è piena ({count} in attesa). Riprova tra qualche minuto.',
  'queue.userFull': {
    one: 'Hai già {count} lavoro in coda, il massimo per una persona. Aspetta che finisca (o annullalo), poi riprova.',
    many: 'Hai già {count} di lavori in coda, il massimo per una persona. Aspetta che ne finisca uno (o annullane uno), poi riprova.',
    other:
      'Hai già {count} lavori in coda, il massimo per una persona. Aspetta che ne finisca uno (o annullane uno), poi riprova.',
  },

  'info.cmd.banned': "**Sei stato escluso dall'uso di Atelier in questo server**. {until}",
  'info.cmd.bannedReason': "**Sei stato escluso dall'uso di Atelier in questo server** (motivo: {reason}). {until}",
  'info.cmd.imagesUnlimited': {
    one: '**Immagini:** qui non hai un limite giornaliero ({count} immagine nelle ultime 24 ore).',
    many: '**Immagini:** qui non hai un limite giornaliero ({count} di immagini nelle ultime 24 ore).',
    other: '**Immagini:** qui non hai un limite giornaliero ({count} immagini nelle ultime 24 ore).',
  },
  'info.cmd.imagesNone': '**Immagini:** qui non puoi creare immagini (il tuo limite giornaliero è 0).',
  'info.cmd.imagesLeft': '**Immagini rimaste:** {left} su {limit} nelle ultime 24 ore (finestra mobile).',
  'info.cmd.imagesLeftNext':
    '**Immagini rimaste:** {left} su {limit} nelle ultime 24 ore (finestra mobile); la prossima si libera {when}.',
  'info.cmd.guildLeft': {
    one: '**Questo server:** resta {count} immagine nelle ultime 24 ore.',
    many: '**Questo server:** restano {count} di immagini nelle ultime 24 ore.',
    other: '**Questo server:** restano {count} immagini nelle ultime 24 ore.',
  },
  'info.cmd.cooldownUntil': '**Attesa:** puoi chiedere di nuovo {when}.',
  'info.cmd.cooldown': "**Attesa:** {duration} tra una richiesta e l'altra; ora puoi chiedere.",
  'info.cmd.noCooldown': '**Attesa:** nessuna.',
  'info.cmd.jobs': '**I tuoi lavori:** {running} in corso, {waiting} in attesa',
  'info.cmd.jobsMax': '**I tuoi lavori:** {running} in corso, {waiting} in attesa (puoi averne {max} alla volta)',
  'info.cmd.listFollows': ':',
  'info.cmd.end': '.',
  'info.cmd.runningJob': '• lavoro {job} “{prompt}”: in corso, pronto {when}',
  'info.cmd.runningJobStep': '• lavoro {job} “{prompt}”: in corso, passo {step} di {total}, pronto {when}',
  'info.cmd.queuedJob': '• lavoro {job} “{prompt}”: #{position} in coda, parte {when}',
  'info.cmd.more': '• e altri {count}',
  'info.cmd.queue': '**Coda:** {waiting} in attesa, {running} in corso.',
  'info.cmd.modelLoading': '**Modello:** ancora in caricamento; chiedi di nuovo tra poco.',
  'info.cmd.model': {
    one: '**Modello:** {name} ({family}, {dtype}) su **{device}**{fallback}, {count} passo predefinito',
    many: '**Modello:** {name} ({family}, {dtype}) su **{device}**{fallback}, {count} di passi predefiniti',
    other: '**Modello:** {name} ({family}, {dtype}) su **{device}**{fallback}, {count} passi predefiniti',
  },
  'info.cmd.fallback':
    ' ({wanted} è configurato ma qui non è disponibile; il log del proprietario spiega come risolvere)',
  'info.cmd.demo':
    'Questo è il piccolo modello dimostrativo incluso in Atelier: dipinge solo scene semplici. Il proprietario del bot può installarne uno vero con `{command}`.',

  'help.button.region':
    "**{region}**: rifai una parte dell'immagine (una metà, un terzo, un angolo) con un prompt che puoi cambiare",
  'help.button.zoom': "**{zoom2}** / **{zoom15}**: allarga l'inquadratura e dipingi altro intorno all'immagine",
  'help.button.pan': "**⬅️ ➡️ ⬆️ ⬇️**: estendi l'immagine in quella direzione",
  'help.button.upscaleMore':
    "**{subtle}**: una copia più grande, lasciata com'è; **{creative}**: più grande e ridipinta con dettagli più fini",
  'edit.regionLabel': 'Zona da rifare',
  'edit.promptLabel': 'Prompt per la zona',
  'edit.negativeLabel': 'Prompt negativo',
  'edit.noVae': "Il modello caricato ({model}) non ha un encoder VAE, quindi non può modificare un'immagine.",
  'edit.badRegion': "Scegli dall'elenco la zona da rifare.",
  'edit.region.left': 'Metà sinistra',
  'edit.region.right': 'Metà destra',
  'edit.region.top': 'Metà superiore',
  'edit.region.bottom': 'Metà inferiore',
  'edit.region.left-third': 'Terzo sinistro',
  'edit.region.middle-third': 'Terzo centrale',
  'edit.region.right-third': 'Terzo destro',
  'edit.region.centre': 'Centro',
  'edit.region.top-left': 'Angolo in alto a sinistra',
  'edit.region.top-right': 'Angolo in alto a destra',
  'edit.region.bottom-left': 'Angolo in basso a sinistra',
  'edit.region.bottom-right': 'Angolo in basso a destra',

  'queue.view.empty': 'La coda è vuota: non si sta dipingendo nulla e nulla è in attesa. `/imagine` parte subito.',
  'queue.view.hereDm': 'qui',
  'queue.view.hereGuild': 'in questo server',
  'queue.view.summary':
    '**Coda {where}:** {running} in corso, {waiting} in attesa. **Tutti i server:** {allRunning} in corso, {allWaiting} in attesa (posti: {room}).',
  'queue.view.summaryMine':
    '**Coda {where}:** {running} in corso, {waiting} in attesa (tuoi: {mine}). **Tutti i server:** {allRunning} in corso, {allWaiting} in attesa (posti: {room}).',
  'queue.view.restarting': 'Il bot si sta riavviando: i lavori in attesa riprendono quando torna.',
  'queue.view.running': '**In corso**',
  'queue.view.waiting': '**In attesa** (numerati per posto nella coda di tutti i server; si va a turno)',
  'queue.view.more': '… altri {count}',
  'queue.view.job': {
    one: 'lavoro {job}: {width}×{height}, {steps}, {count} immagine',
    many: 'lavoro {job}: {width}×{height}, {steps}, {count} di immagini',
    other: 'lavoro {job}: {width}×{height}, {steps}, {count} immagini',
  },
  'queue.view.step': 'passo {step}/{total}',
  'queue.view.doneIn': 'pronto {when}',
  'queue.view.startsIn': 'parte {when}',
  'queue.view.yours': 'tuo ({mention})',
  'queue.view.moment': 'tra un attimo',
  'settings.title': '**Le tue impostazioni per /imagine**',
  'settings.never': ' (mai cambiate)',
  'settings.hint': 'Cambiale con `/settings set`; le opzioni che dai a /imagine hanno sempre la precedenza.',
  'settings.saved': 'Salvato. Ora le tue impostazioni per /imagine sono:',
  'settings.forgotten': 'Le tue impostazioni sono state dimenticate: /imagine usa di nuovo quelle del bot.',
  'settings.none': 'Non avevi impostazioni salvate, quindi non è cambiato nulla.',
  'settings.nothing':
    'Indica almeno uno tra `aspect_ratio`, `steps` e `spoiler`/`remix` da cambiare. `/settings show` li mostra.',
  'settings.aspect': '• Formato: **{value}**',
  'settings.steps': '• Passi: **{value}**',
  'settings.spoiler': '• Spoiler: **{value}**{note}',
  'settings.remix':
    '• Remix: **{value}** (attivo: variazioni, reroll, zoom, panoramiche e Upscale (Creative) aprono prima un modulo con il prompt)',
  'settings.botDefaultRatio': 'quello predefinito del bot (1:1)',
  'settings.modelDefault': 'quelli predefiniti del modello',
  'settings.capped': '{steps} (questo server ne consente al massimo {max}, quindi qui se ne usano {max})',
  'settings.yes': 'sì',
  'settings.no': 'no',
  'settings.spoilerForced': ' (questo server pubblica comunque ogni immagine come spoiler)',

  'mod.notInGuild': 'I comandi per i moderatori funzionano in un server, non nei messaggi diretti.',
  'mod.notModerator':
    'Spiacente, questo comando è per i moderatori: qui serve il permesso **Gestisci server**. Non è stato cambiato nulla.',
  'queue.remove.noJob': "In questo server non c'è un lavoro {job}. `/queue` elenca i numeri dei lavori.",
  'queue.remove.finished': "Il lavoro {job} è già finito: non c'è nulla da togliere.",
  'queue.remove.failed': "Il lavoro {job} non è riuscito: non c'è nulla da togliere.",
  'queue.remove.cancelled': "Il lavoro {job} è già stato annullato: non c'è nulla da togliere.",
  'queue.remove.justFinished': "Il lavoro {job} è appena finito: non c'è nulla da togliere.",
  'queue.remove.done':
    "Tolto il lavoro {job} di {user} ({where}). Le sue immagini sono state rimborsate{told}. L'azione è nel registro.",
  'queue.remove.wasRunning': 'era in corso ed è stato fermato',
  'queue.remove.wasQueued': 'era #{position} in coda',
  'queue.remove.told': ' e gli è stato spiegato il motivo: {reason}',

  'fail.bug':
    'Qualcosa è andato storto da parte nostra mentre creavamo le tue immagini (codice errore `{errorId}`). Riprova; se continua a succedere, comunica questo codice al proprietario del bot.',
  'fail.modelGone':
    'Il modello «{model}» per cui era stato fatto questo lavoro non è più installato, quindi non può essere eseguito; non è stato scalato nulla dalla tua quota. Scegline un altro con /imagine model:.',
  'fail.crashed':
    'Il generatore di immagini si è bloccato {count} volte durante questo lavoro, quindi è stato fermato. Prova una dimensione più piccola, meno passi o meno immagini.',
  'fail.timeout':
    'Questo lavoro ha superato il limite di {seconds} s ed è stato fermato. Prova meno passi, una dimensione più piccola o meno immagini.',
  'fail.interrupted':
    'Questo lavoro è stato interrotto {count} volte (il bot o il generatore di immagini si è fermato mentre lo preparava), quindi non è stato ritentato. Prova una dimensione più piccola, meno passi o meno immagini.',

  'flag.noNeedsText': '`--no` ha bisogno di cosa tenere fuori, ad es. `--no cars, text`.',
  'flag.seed': '{label} vuole un numero intero da 0 a {max}{given}.',
  'flag.whole': '{label} vuole un numero intero da {min} a {max}{given}.',
  'flag.number': '{label} vuole un numero da {min} a {max}{given}.',
  'flag.tooManyJobs':
    'Sono {jobs} lavori ({permutations} prompt dalle scelte tra graffe, ciascuno per il suo --repeat); un prompt può avviarne al massimo {max}. Usa meno scelte o un --repeat più piccolo.',
  'job.manyJobs':
    'Il tuo prompt fa {jobs} lavori: {images} immagini dalla tua quota{left}. Partono qui sotto, un messaggio ciascuno.',
  'job.manyJobsLeft': '; poi ne restano {n}',
  'job.confirmMany': 'Il tuo prompt crea {jobs} lavori: {images} immagini dalla tua quota{left}. Li avvio?',
  'button.runMany': 'Avvia {jobs} lavori',
  'button.dropMany': 'Annulla',
  'job.confirmGone':
    'Questi lavori sono già stati avviati o annullati, oppure la domanda ha più di 15 minuti: invia di nuovo il prompt.',
  'job.confirmCancelled': 'Annullato: non è stato avviato né addebitato nulla.',
  'flag.ratio': '{label} vuole un rapporto come 16:9, 3:2 o 1:1{given}.',
  'flag.extreme': '{label} {value} è troppo estremo: usa al massimo 4:1 o 1:4.',
  'flag.given': ', non "{value}"',
  'vary.formGone': 'Questo modulo non corrisponde più a un messaggio. Usa di nuovo "{command}".',
  'vary.messageGone': "Quel messaggio non c'è più, quindi non c'è un'immagine da variare.",
  'vary.pickStrength': 'Scegli una delle intensità proposte.',

  'button.cancel': 'Annulla',
  'button.reroll': 'Rigenera',
  'button.remake': 'Rifalla',
  'button.remakeOrigin': "Rifai l'originale",
  'button.info': 'Info',
  'button.delete': 'Elimina',
  'button.subtle': 'Varia (leggera)',
  'button.region': 'Varia (regione)',
  'button.paint': 'Dipingi regione (playground)',
  'button.zoom2': 'Allontana 2x',
  'button.zoom15': 'Allontana 1,5x',
  'button.upscaleSubtle': 'Ingrandisci (leggero)',
  'button.upscaleCreative': 'Ingrandisci (creativo)',
  'button.strong': 'Varia (forte)',

  'help.title': 'Atelier: guida',
  'help.intro':
    'Dipingo immagini a partire da una descrizione, sul computer del proprietario di questo server. Scrivi {imagine} con ciò che vuoi vedere: rispondo subito con il tuo posto in coda, mostro il dipinto mentre prende forma e poi pubblico le immagini con dei pulsanti per andare avanti.',
  'help.commands': 'Comandi',
  'help.cmd.imagine':
    "dipingi un'immagine da una descrizione; le opzioni aggiungono un prompt negativo, il formato, un seme, i passi, la guida, quante immagini o un'immagine da cui partire",
  'help.cmd.info': 'le immagini che ti restano oggi, i tuoi lavori in coda e il modello in uso',
  'help.cmd.queue': 'cosa si sta dipingendo e cosa è in attesa, con i tempi stimati',
  'help.cmd.settings': 'le tue impostazioni predefinite per /imagine: formato, passi, spoiler',
  'help.cmd.help': 'questa guida, visibile solo a te',
  'help.cmd.vary': 'su qualsiasi immagine pubblicata nel canale: apri il menu del messaggio, poi App → **{name}**',
  'help.buttons': "I pulsanti sotto un'immagine",
  'help.button.upscale': "**U1, U2…**: quell'immagine da sola, a grandezza piena, con i suoi pulsanti",
  'help.button.vary': "**V1, V2…**: nuove variazioni di quell'immagine",
  'help.button.subtle': "**{subtle}** / **{strong}**: una variazione vicina o più libera di un'immagine singola",
  'help.button.reroll': '**{reroll}**: la stessa richiesta di nuovo, con semi nuovi',
  'help.button.info':
    '**{info}**: come sono state fatte le immagini (prompt, seme, dimensioni, passi, modello), visibile solo a te',
  'help.button.delete': '**{delete}**: elimina le immagini (chi le ha chieste o un moderatore)',
  'help.button.cancel':
    "**{cancel}**: ferma un lavoro in attesa o in corso (chi l'ha chiesto o un moderatore); non viene addebitato nulla",
  'help.flags': 'Flag nel prompt',
  'help.flagsText':
    'Aggiungili alla fine del prompt: `--ar 16:9` il formato, `--seed 42` di nuovo la stessa immagine, `--no text` cosa tenere fuori, `--steps 30` più passi di denoising, `--guidance 7` quanto seguire il prompt.',
  'help.english':
    "Il modello legge solo l'inglese: scrivi il prompt in inglese per i risultati migliori. Tutto il resto (comandi, risposte, pulsanti) segue la lingua del tuo Discord.",
  'help.limits': 'I tuoi limiti qui',
  'help.limit.banned': "Sei stato escluso dall'uso di Atelier in questo server.",
  'help.limit.imagesUnlimited': "Immagini: per te non c'è un limite giornaliero.",
  'help.limit.imagesNone': 'Immagini: qui non puoi creare immagini.',
  'help.limit.images': {
    one: 'Immagini: te ne resta {left} su {count} nelle ultime 24 ore (finestra mobile).',
    other: 'Immagini: te ne restano {left} su {count} nelle ultime 24 ore (finestra mobile).',
  },
  'help.limit.cooldown': 'Attesa: {duration} tra due richieste.',
  'help.limit.noCooldown': 'Attesa: nessuna.',
  'help.limit.queued': {
    one: 'Al massimo {count} lavoro in attesa alla volta.',
    other: 'Al massimo {count} lavori in attesa alla volta.',
  },
  'help.limit.size':
    'Immagine più grande: {width}×{height} pixel, fino a {steps} passi, {images} immagini per richiesta.',
  'help.limit.uploadsOff': 'Qui non si può partire da una propria immagine.',
  'help.model': 'Cosa sa fare il modello',
  'help.modelLoading': 'Il modello si sta ancora caricando; chiedi di nuovo tra un minuto.',
  'help.modelDemo':
    'Questo bot usa il piccolo modello dimostrativo incluso in Atelier. Dipinge una forma ({shapes}) di un colore ({colours}) {positions}, su uno sfondo di un altro colore, per esempio “a red star on the left on a blue background”. Conosce solo queste parole inglesi e ignora tutte le altre.',
  'help.modelReal':
    'Il modello è **{name}**. Segue meglio descrizioni inglesi brevi e concrete e legge solo i primi 75 frammenti di parola circa di un prompt; testo leggibile, mani e numeri esatti di oggetti spesso vengono male.',
  'help.moderators': 'Per i moderatori (Gestisci server)',
  'help.mod.limits': 'vedi o cambia i limiti del server, di un ruolo o di un membro',
  'help.mod.ban': 'impedisci a un membro di usare Atelier qui, per un periodo o per sempre',
  'help.mod.unban': 'togli un ban',
  'help.mod.blocklist': 'parole e schemi che i prompt qui non possono contenere',
  'help.mod.usage': 'quanto è stato usato Atelier: totali, utenti più attivi, rifiuti, un grafico',
  'help.mod.modlog': 'le ultime azioni dei moderatori',
  'help.mod.queueRemove': 'togli dalla coda il lavoro di qualcuno, con un motivo che vedrà',
  'help.mod.health': 'se il bot sta bene: gateway, database, generatore di immagini, modello, coda',
  'help.mod.buttons': 'Puoi anche annullare o eliminare le immagini di chiunque con i pulsanti sotto di esse.',
  'mod.target.guildWithTarget':
    'Hai scelto il livello **server** ma hai indicato anche un ruolo o un membro. Per loro scegli il livello ruolo o utente, oppure toglili.',
  'mod.target.roleNeedsRole':
    "Il livello **ruolo** richiede l'opzione `ruolo`: scegli il ruolo a cui si applica il limite.",
  'mod.target.roleNotUser': "Il livello **ruolo** vuole un ruolo, non un membro: togli l'opzione `utente`.",
  'mod.target.everyone': "@everyone è l'intero server: usa invece il livello **server**.",
  'mod.target.userNeedsUser':
    "Il livello **utente** richiede l'opzione `utente`: scegli il membro a cui si applica il limite.",
  'mod.target.userNotRole': "Il livello **utente** vuole un membro, non un ruolo: togli l'opzione `ruolo`.",
  'mod.target.level': '"{level}" non è un livello: scegli server, ruolo o utente.',
  'mod.target.showOne': 'Una cosa alla volta: un ruolo o un membro, non entrambi.',
  'mod.target.guild': 'il server',
  'mod.target.role': 'il ruolo {role}',
  'mod.target.user': "l'utente {user}",
  'limits.show.user': '**Limiti per {user}** (con i suoi ruoli e le sue eccezioni):',
  'limits.show.userNoOwn': 'Non ha eccezioni proprie.',
  'limits.show.role': '**Eccezioni per il ruolo {role}:**',
  'limits.show.roleNone': 'Nessuna: i membri con questo ruolo hanno i limiti del server.',
  'limits.show.roleRule':
    "Se un membro ha più ruoli con eccezioni, vale il valore più generoso; un'eccezione del membro stesso le supera tutte.",
  'limits.show.guild': '**Limiti in questo server** (predefiniti ed eccezioni del server):',
  'limits.show.overrides': '**Eccezioni:**',
  'limits.show.hint': 'Cambiane uno con `/limiti imposta`; vedi quelli di un membro con `/limiti mostra utente:`.',
  'limits.source.default': 'predefinito',
  'limits.source.guild': 'server',
  'limits.source.role': 'ruolo {role}',
  'limits.source.user': 'utente',
  'limits.overrides.none': 'Nessuna eccezione: ogni limite è al valore predefinito.',
  'limits.overrides.guild': 'Server',
  'limits.overrides.role': 'Ruolo {role}',
  'limits.overrides.user': 'Utente {user}',
  'limits.notSet': 'non impostato',
  'limits.defaultWas': ' (il predefinito era {value})',
  'limits.set':
    'Impostato `{key}` ({label}) per {target}: {before}{default} → {after}. Vale dalla prossima richiesta, senza riavvii.',
  'limits.resetNothing': "Non c'era niente da ripristinare: {target} non ha eccezioni.",
  'limits.resetNothingKey': "Non c'era niente da ripristinare: {target} non ha un'eccezione per `{key}`.",
  'limits.reset': {
    one: "Tolta l'eccezione per {target}: {list}. {next}",
    other: 'Tolte {count} eccezioni per {target}: {list}. {next}',
  },
  'limits.resetWas': '`{key}` (era {value})',
  'limits.defaultsApply': 'Tornano a valere i predefiniti, dalla prossima richiesta.',
  'limits.guildApplies': 'Tornano a valere i limiti del server, dalla prossima richiesta.',
  'ban.noReason': "Indica un motivo: resta nel registro ed è mostrato all'interessato.",
  'ban.self': 'Non puoi escludere te stesso.',
  'ban.bot': '{user} è un bot: i bot non possono comunque usare i comandi di Atelier.',
  'ban.moderator':
    '{user} ha qui il permesso Gestisci server, quindi un ban non reggerebbe (potrebbe toglierlo da sé). Se lo vuoi davvero, togligli prima il permesso.',
  'ban.noEnd': 'senza scadenza (toglilo con `/sbanna`)',
  'ban.until': 'per {duration}, fino al {date} ({relative})',
  'ban.done': '{user} non può più usare Atelier in questo server, {until}. Motivo: {reason}',
  'ban.cancelled': {
    one: 'Il suo {count} lavoro in attesa è stato annullato (e rimborsato); un lavoro già in corso arriva alla fine.',
    other:
      'I suoi {count} lavori in attesa sono stati annullati (e rimborsati); un lavoro già in corso arriva alla fine.',
  },
  'ban.noJobs': 'Non aveva lavori in attesa.',
  'unban.done': '{user} può di nuovo usare Atelier in questo server.',
  'unban.doneReason': '{user} può di nuovo usare Atelier in questo server. (Era stato escluso per: {reason})',
  'unban.notBanned': "{user} non è escluso qui, quindi non c'era niente da togliere.",
  'blocklist.added':
    "Aggiunto `{pattern}` all'elenco bloccati del server. Da ora i prompt che lo contengono vengono rifiutati (anche con maiuscole, accenti o spaziature furbe).",
  'blocklist.already': "`{pattern}` è già nell'elenco bloccati (aggiunto da {user} {when}).",
  'blocklist.builtin':
    "`{pattern}` è nell'elenco integrato, che vale nei canali non vietati ai minori; non si può togliere. Segna un canale come vietato ai minori per permetterlo lì.",
  'blocklist.notFound':
    "`{pattern}` non è nell'elenco bloccati di questo server. `/parole-vietate elenco` mostra le voci come sono state scritte.",
  'blocklist.removed': "Tolto `{pattern}` dall'elenco bloccati di questo server.",
  'blocklist.builtinList': '**Elenco integrato**, valido nei canali non vietati ai minori: {words}.',
  'blocklist.serverList': {
    one: '**Elenco bloccati del server** ({count} voce):',
    other: '**Elenco bloccati del server** ({count} voci):',
  },
  'blocklist.empty': 'Vuoto. Aggiungi voci con `/parole-vietate aggiungi`.',
  'usage.head': '**Utilizzo in questo server: {period}**',
  'usage.headUser': '**Utilizzo di {user} in questo server: {period}**',
  'usage.period.day': 'ultime 24 ore',
  'usage.period.week': 'ultimi 7 giorni',
  'usage.period.month': 'ultimi 30 giorni',
  'usage.requests': {
    one: 'Richieste: **{requests}** ({accepted} accettate, {refused} rifiutate) da {count} persona',
    other: 'Richieste: **{requests}** ({accepted} accettate, {refused} rifiutate) da {count} persone',
  },
  'usage.images': 'Immagini: **{made}** create ({asked} chieste nelle richieste accettate)',
  'usage.jobs': 'Lavori: {done} completati, {failed} falliti, {cancelled} annullati',
  'usage.times': 'Attesa media {wait}, durata media {run}',
  'usage.na': 'n.d.',
  'usage.top': '**Utenti più attivi**',
  'usage.nobody': 'Nessuno.',
  'usage.topLine': {
    one: '{rank}. {user}: {count} immagine, {requests}{refused}',
    other: '{rank}. {user}: {count} immagini, {requests}{refused}',
  },
  'usage.requestCount': { one: '{count} richiesta', other: '{count} richieste' },
  'usage.refusedCount': ' ({refused} rifiutate)',
  'usage.refusals': '**Rifiuti per motivo:** {list}',
  'usage.none': 'Nessuno.',
  'usage.latest': '**Ultimi rifiuti**',
  'usage.chartDescription': 'Immagini al giorno negli ultimi {days} giorni',
  'modlog.title': '**Azioni dei moderatori**, pagina {page}',
  'modlog.titleFiltered': '**Azioni dei moderatori {filters}**, pagina {page}',
  'modlog.by': 'di {user}',
  'modlog.about': 'su {user}',
  'modlog.newestFirst': ' (dalla più recente)',
  'modlog.nothing': 'Ancora niente.',
  'modlog.tooFar': 'Non ci sono voci così indietro.',
  'modlog.more': 'Altre con `/registro-mod pagina:{page}`.',
  'audit.limits.set': 'ha impostato un limite per',
  'audit.limits.reset': 'ha ripristinato i limiti per',
  'audit.ban': 'ha escluso',
  'audit.unban': 'ha riammesso',
  'audit.blocklist.add': "ha aggiunto all'elenco bloccati",
  'audit.blocklist.remove': "ha tolto dall'elenco bloccati",
  'audit.queue.remove': 'ha rimosso un lavoro',
  'audit.until': ' fino al {date}',
  'audit.noEnd': ' senza scadenza',
  'health.unavailable': 'Lo stato di salute non è disponibile in questo processo.',
  'health.ready': '**Pronto** (attivo da {seconds} s)',
  'health.notReady': '**Non pronto** (attivo da {seconds} s)',
  'health.gatewayReady': 'Gateway: pronto',
  'health.gatewayNotReady': 'Gateway: non pronto',
  'health.ping': ', ping {ms} ms',
  'health.gatewayUnused': 'Gateway: non usato',
  'health.dbWritable': 'Database: scrivibile',
  'health.dbNotWritable': 'Database: non scrivibile',
  'health.inference': 'Inferenza: {model} su {provider}',
  'health.inferenceDown': 'Inferenza: non attiva o modello non caricato',
  'health.queue': 'Coda: {waiting} in attesa, {running} in corso',
  'health.notAccepting': ' (non accetta richieste: in arresto)',
  'duration.help':
    'Scrivi una durata come 30m, 12h, 7d o 2w (minuti, ore, giorni, settimane), oppure lasciala vuota per un ban senza scadenza.',
  'duration.empty': 'La durata è vuota. {help}',
  'duration.unit': '"{unit}" non è un\'unità che conosco in "{input}". {help}',
  'duration.bad': '"{input}" non è una durata che capisco. {help}',
  'duration.short': 'Un ban deve durare almeno un minuto.',
  'duration.long': 'È più di un anno: lascia vuota la durata per un ban senza scadenza.',
  'editSize.editWidth': "L'immagine modificata sarebbe larga {width} px, oltre il limite di larghezza di {max} px.",
  'editSize.editHeight': "L'immagine modificata sarebbe alta {height} px, oltre il limite di altezza di {max} px.",
  'editSize.editPixels':
    "L'immagine modificata sarebbe {width}x{height} ({pixels} pixel), oltre il limite di {max} pixel.",
  'editSize.upscaleWidth': "L'immagine ingrandita sarebbe larga {width} px, oltre il limite di larghezza di {max} px.",
  'editSize.upscaleHeight': "L'immagine ingrandita sarebbe alta {height} px, oltre il limite di altezza di {max} px.",
  'editSize.upscalePixels':
    "L'immagine ingrandita sarebbe {width}x{height} ({pixels} pixel), oltre il limite di {max} pixel.",
  'editSize.panWidth':
    "Estendendo l'immagine {direction} diventerebbe larga {width} px, oltre il limite di larghezza di {max} px.",
  'editSize.panHeight':
    "Estendendo l'immagine {direction} diventerebbe alta {height} px, oltre il limite di altezza di {max} px.",
  'editSize.panPixels':
    "Estendendo l'immagine {direction} diventerebbe {width}x{height} ({pixels} pixel), oltre il limite di {max} pixel.",
  'editSize.dir.left': 'a sinistra',
  'editSize.dir.right': 'a destra',
  'editSize.dir.up': "verso l'alto",
  'editSize.dir.down': 'verso il basso',
  'request.promptTooLong': 'Il prompt è lungo {chars} caratteri; il massimo è {max}. Accorcialo e riprova.',
  'request.prompt': 'Il prompt deve essere un testo.',
  'request.width': 'La larghezza deve essere un numero intero di pixel.',
  'request.height': "L'altezza deve essere un numero intero di pixel.",
  'request.steps': 'I passi devono essere un numero intero, almeno 1.',
  'request.count': "Chiedi almeno un'immagine.",
  'request.seed': 'Il seed deve essere un numero intero da 0 a {max}.',
  'request.guidanceScale': 'La guidance deve essere tra 0 e {max}.',
  'request.strength': 'La forza deve essere più di 0 e al massimo 1 (quanto allontanarsi dalla tua immagine).',
  'request.scheduler': 'Lo scheduler deve essere uno tra {choices}.',
  'remix.title': 'Remix: cambia il prompt',
  'remix.unknownForm': 'Questo modulo non è più tra quelli che il bot capisce.',
  'remix.emptyPrompt': "Il prompt è vuoto: descrivi l'immagine che vuoi.",
  'limits.value.unlimited': 'illimitato',
  'limits.value.none': 'nessuna',
  'limits.value.modelOwn': 'quello del modello',
  'limits.value.botModel': 'quello del bot',
  'limitValue.guildOnlyRole': "{key} si può impostare solo per l'intero server, non per un ruolo.",
  'limitValue.guildOnlyUser': "{key} si può impostare solo per l'intero server, non per un utente.",
  'limitValue.model':
    '{key} vuole il nome di un modello installato (/imagine model: li suggerisce), oppure "default" per quello del bot.',
  'limitValue.scheduler': '{key} vuole uno scheduler: uno tra {choices}, oppure "default" per quello del modello.',
  'limitValue.switch': '{key} è un interruttore: usa yes o no.',
  'limitValue.secondsUnlimited': '{key} è in secondi: usa 0 per nessuna attesa.',
  'limitValue.wholeSeconds': '{key} vuole un numero intero di secondi (0 per nessuna).',
  'limitValue.whole': '{key} vuole un numero intero ({label}), oppure "unlimited".',
  'limitValue.maxCooldown': '{key} può essere al massimo {max} secondi (7 giorni).',
  'limitValue.maxQuota': '{key} può essere al massimo {max}; oppure usa "unlimited".',
  'limitValue.atLeastOne': '{key} deve essere almeno 1.',
  'limitValue.ceiling':
    '{key} può essere al massimo {max}, il tetto che il proprietario del bot ha fissato nella configurazione.',
  'limitValue.multiple8':
    '{key} deve essere un multiplo di 8 (i modelli lavorano a blocchi di 8 pixel), per esempio {example}.',
  'limitValue.noSuchKey': 'Non esiste un limite chiamato "{key}". I limiti sono: {keys}.',
  'ban.endsBeforeStart': 'Il ban finirebbe prima di cominciare: indica una durata nel futuro.',
  'blocklistEntry.backreference':
    "I riferimenti all'indietro (come \\1) non sono supportati: il motore di ricerca (RE2) garantisce di finire in un tempo proporzionale al prompt, cosa che i riferimenti all'indietro rendono impossibile. Elenca invece le alternative.",
  'blocklistEntry.lookaround':
    'Lookahead e lookbehind ((?=…), (?!…), (?<=…), (?<!…)) non sono supportati: il motore di ricerca (RE2) garantisce di finire in un tempo proporzionale al prompt, cosa che il lookaround rende impossibile. Usa \\b per i confini di parola, oppure aggiungi una voce a parte.',
  'blocklistEntry.invalid': "Questa non è un'espressione regolare che il motore di ricerca (RE2) accetta: {error}",
  'blocklistEntry.tooBig':
    'Questa espressione regolare è troppo grande: diventa {size} passi e una voce può averne al massimo {max}, perché il controllo dei prompt resti veloce. Le ripetizioni contate si moltiplicano ({repeat} sono 30 passi): accorciala o dividila in più voci.',
  'blocklistEntry.empty': "La voce è vuota: indica una parola, una frase o /un'espressione regolare/.",
  'blocklistEntry.tooLong': 'La voce è troppo lunga (al massimo {max} caratteri).',
  'blocklistEntry.flags': 'Dopo la / di chiusura sono ammessi solo i flag i, u e s, non "{flags}".',
  'blocklistEntry.noWords': 'La voce non ha lettere né cifre; usa /regex/ per bloccare dei simboli.',
  'blocklistEntry.guildTooBig':
    'Le voci /regex/ di questo server diventerebbero insieme {size} passi, e il limite è {max}, perché il controllo dei prompt resti veloce. Togli una regex che non ti serve più (`/parole-vietate elenco`), oppure usa parole semplici, che non pesano su questo limite.',
  'blocklistEntry.unusable': '"{input}" non si può usare come voce dell\'elenco bloccati.',
  'blocklistEntry.matchesEmpty':
    '"{input}" corrisponde a un prompt vuoto, quindi bloccherebbe ogni richiesta. Fai in modo che corrisponda a una parola o frase precisa.',
  'blocklistEntry.matchesAll':
    '"{input}" corrisponde a quasi tutto (per esempio "{example}"), quindi bloccherebbe prompt normali. Rendila più specifica.',
};

export const it: Catalog<MessageKey> = { lang: 'it', messages, commands };
