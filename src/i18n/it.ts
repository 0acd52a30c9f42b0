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
  maxWidth: 'maxWidth: larghezza dell\'immagine',
  maxHeight: 'maxHeight: altezza dell\'immagine',
  maxPixels: 'maxPixels: pixel per immagine (larghezza x altezza)',
  maxImagesPerRequest: 'maxImagesPerRequest: immagini per richiesta',
  allowUploads: 'allowUploads: caricamento di immagini consentito',
  spoilerRequired: 'spoilerRequired: immagini pubblicate come spoiler',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 quadrato', '3:2': '3:2 orizzontale', '2:3': '2:3 verticale', '16:9': '16:9 panoramico', '9:16': '9:16 verticale alto',
};
const role: CommandText = { name: 'ruolo', description: 'Il ruolo (per il livello ruolo)' };
const user: CommandText = { name: 'utente', description: 'Il membro (per il livello utente)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'immagina',
    description: 'Dipingi un\'immagine a partire da una descrizione',
    options: {
      prompt: { name: 'prompt', description: 'Cosa dipingere, in inglese (anche con flag: --ar 16:9 --seed 42 --no text)' },
      negative: { name: 'negativo', description: 'Cosa tenere fuori dall\'immagine' },
      aspect: { name: 'formato', description: 'La forma dell\'immagine', choices: aspect },
      seed: { name: 'seme', description: 'Stesso seme, stessa immagine (casuale se omesso)' },
      steps: { name: 'passi', description: 'Passi di denoising: più passi, più lento e spesso più fine' },
      guidance: { name: 'guida', description: 'Quanto seguire fedelmente il prompt (0-30)' },
      count: { name: 'quante', description: 'Quante immagini' },
      image: { name: 'immagine', description: 'Parti da questa immagine (PNG, JPEG o WebP)' },
      strength: { name: 'intensità', description: 'Con un\'immagine: quanto allontanarsene (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: { name: 'campionatore', description: 'Come passare dal rumore all\'immagine (predefinito: quello del modello)', choices: schedulerLabels },
    },
  },
  info: { name: 'info', description: 'Le immagini che ti restano oggi, i tuoi lavori in coda e il modello in uso' },
  help: { name: 'aiuto', description: 'Cosa fa Atelier, i suoi comandi e pulsanti, e i tuoi limiti' },
  queue: {
    name: 'coda',
    description: 'Cosa si sta dipingendo e cosa è in attesa, con i tempi stimati',
    options: {
      remove: { name: 'rimuovi', description: 'Moderatori: togli questo lavoro (il suo numero) dalla coda' },
      reason: { name: 'motivo', description: 'Moderatori: perché è stato tolto (lo vedrà chi l\'ha chiesto)' },
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
          aspect_ratio: { name: 'formato', description: 'La forma delle tue immagini', choices: { ...aspect, default: 'quello predefinito del bot' } },
          steps: { name: 'passi', description: 'Passi di denoising (0: quelli predefiniti del modello)' },
          spoiler: { name: 'spoiler', description: 'Pubblica le tue immagini come spoiler' },
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
      add: { name: 'aggiungi', description: 'Blocca una parola, una frase o una /espressione regolare/', options: {
        pattern: { name: 'voce', description: 'ad es. gore, "blood bath" oppure /sk(u|e)ll?s?/' },
      } },
      remove: { name: 'rimuovi', description: 'Sblocca una voce, scritta come è stata aggiunta', options: {
        pattern: { name: 'voce', description: 'La voce da rimuovere' },
      } },
      list: { name: 'elenco', description: 'Mostra le voci di questo server e l\'elenco integrato' },
    },
  },
  limits: {
    name: 'limiti',
    description: 'Vedi o cambia quanto si può usare Atelier qui (moderatori)',
    options: {
      show: { name: 'mostra', description: 'I limiti in vigore: del server, di un ruolo o di un membro', options: {
        role: { name: 'ruolo', description: 'Mostra le eccezioni di questo ruolo' },
        user: { name: 'utente', description: 'Mostra i limiti che valgono per questo membro' },
      } },
      set: { name: 'imposta', description: 'Cambia un limite per il server, un ruolo o un membro (vale subito)', options: {
        level: { name: 'livello', description: 'Per chi vale il limite', choices: level },
        key: { name: 'limite', description: 'Quale limite', choices: limitKey },
        value: { name: 'valore', description: 'Un numero, "unlimited", 0, oppure yes/no per gli interruttori' },
        role, user,
      } },
      reset: { name: 'ripristina', description: 'Togli un\'eccezione, così torna a valere il livello sotto', options: {
        level: { name: 'livello', description: 'Di chi è l\'eccezione', choices: level },
        key: { name: 'limite', description: 'Quale limite (tutti se omesso)', choices: limitKey },
        role, user,
      } },
    },
  },
  usage: {
    name: 'utilizzo',
    description: 'Quanto è stato usato Atelier qui: totali, utenti più attivi, rifiuti, un grafico (moderatori)',
    options: {
      period: { name: 'periodo', description: 'Quanto indietro (una settimana se omesso)', choices: {
        day: 'giorno (ultime 24 ore)', week: 'settimana (ultimi 7 giorni)', month: 'mese (ultimi 30 giorni)',
      } },
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
  'Vary this image': { name: 'Varia questa immagine' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand': 'Questa versione del bot non conosce quel comando. Scrivi / per vedere i comandi che ha ora.',
  'router.unknownButton': 'Questo bot non riconosce più questo pulsante. Crea una nuova immagine con /imagine.',
  'router.bug': 'Qualcosa è andato storto da parte nostra (codice errore `{errorId}`). Riprova; se continua a succedere, comunica questo codice al proprietario del bot.',

  'job.modelLoading': 'Il modello per le immagini si sta ancora caricando. Riprova tra un minuto.',
  'job.dmOff': 'Qui creo immagini solo nei server: il proprietario del bot ha disattivato i messaggi diretti.',
  'job.blockedWord': 'Il tuo prompt contiene “{word}”, che non è consentito fuori dai canali con limiti di età. Riformulalo e riprova; non ti è stato addebitato nulla.',
  'job.blockedWordHere': 'Il tuo prompt contiene “{word}”, che questo server non consente. Riformulalo e riprova; non ti è stato addebitato nulla.',
  'job.blockedPattern': 'Il tuo prompt contiene uno schema bloccato, che non è consentito fuori dai canali con limiti di età. Riformulalo e riprova; non ti è stato addebitato nulla.',
  'job.blockedPatternHere': 'Il tuo prompt contiene uno schema bloccato, che questo server non consente. Riformulalo e riprova; non ti è stato addebitato nulla.',
  'job.refusedPublicNote': '-# Questa richiesta non è partita; il motivo ti è stato inviato in privato.',

  'button.cancel': 'Annulla',
  'button.reroll': 'Rigenera',
  'button.info': 'Info',
  'button.delete': 'Elimina',
  'button.subtle': 'Varia (leggera)',
  'button.strong': 'Varia (forte)',

  'help.title': 'Atelier: guida',
  'help.intro': 'Dipingo immagini a partire da una descrizione, sul computer del proprietario di questo server. Scrivi {imagine} con ciò che vuoi vedere: rispondo subito con il tuo posto in coda, mostro il dipinto mentre prende forma e poi pubblico le immagini con dei pulsanti per andare avanti.',
  'help.commands': 'Comandi',
  'help.cmd.imagine': 'dipingi un\'immagine da una descrizione; le opzioni aggiungono un prompt negativo, il formato, un seme, i passi, la guida, quante immagini o un\'immagine da cui partire',
  'help.cmd.info': 'le immagini che ti restano oggi, i tuoi lavori in coda e il modello in uso',
  'help.cmd.queue': 'cosa si sta dipingendo e cosa è in attesa, con i tempi stimati',
  'help.cmd.settings': 'le tue impostazioni predefinite per /imagine: formato, passi, spoiler',
  'help.cmd.help': 'questa guida, visibile solo a te',
  'help.cmd.vary': 'su qualsiasi immagine pubblicata nel canale: apri il menu del messaggio, poi App → **{name}**',
  'help.buttons': 'I pulsanti sotto un\'immagine',
  'help.button.upscale': '**U1, U2…**: quell\'immagine da sola, a grandezza piena, con i suoi pulsanti',
  'help.button.vary': '**V1, V2…**: nuove variazioni di quell\'immagine',
  'help.button.subtle': '**{subtle}** / **{strong}**: una variazione vicina o più libera di un\'immagine singola',
  'help.button.reroll': '**{reroll}**: la stessa richiesta di nuovo, con semi nuovi',
  'help.button.info': '**{info}**: come sono state fatte le immagini (prompt, seme, dimensioni, passi, modello), visibile solo a te',
  'help.button.delete': '**{delete}**: elimina le immagini (chi le ha chieste o un moderatore)',
  'help.button.cancel': '**{cancel}**: ferma un lavoro in attesa o in corso (chi l\'ha chiesto o un moderatore); non viene addebitato nulla',
  'help.flags': 'Flag nel prompt',
  'help.flagsText': 'Aggiungili alla fine del prompt: `--ar 16:9` il formato, `--seed 42` di nuovo la stessa immagine, `--no text` cosa tenere fuori, `--steps 30` più passi di denoising, `--guidance 7` quanto seguire il prompt.',
  'help.english': 'Il modello legge solo l\'inglese: scrivi il prompt in inglese per i risultati migliori. Tutto il resto (comandi, risposte, pulsanti) segue la lingua del tuo Discord.',
  'help.limits': 'I tuoi limiti qui',
  'help.limit.banned': 'Sei stato escluso dall\'uso di Atelier in questo server.',
  'help.limit.imagesUnlimited': 'Immagini: per te non c\'è un limite giornaliero.',
  'help.limit.imagesNone': 'Immagini: qui non puoi creare immagini.',
  'help.limit.images': { one: 'Immagini: te ne resta {left} su {count} nelle ultime 24 ore (finestra mobile).', other: 'Immagini: te ne restano {left} su {count} nelle ultime 24 ore (finestra mobile).' },
  'help.limit.cooldown': 'Attesa: {duration} tra due richieste.',
  'help.limit.noCooldown': 'Attesa: nessuna.',
  'help.limit.queued': { one: 'Al massimo {count} lavoro in attesa alla volta.', other: 'Al massimo {count} lavori in attesa alla volta.' },
  'help.limit.size': 'Immagine più grande: {width}×{height} pixel, fino a {steps} passi, {images} immagini per richiesta.',
  'help.limit.uploadsOff': 'Qui non si può partire da una propria immagine.',
  'help.model': 'Cosa sa fare il modello',
  'help.modelLoading': 'Il modello si sta ancora caricando; chiedi di nuovo tra un minuto.',
  'help.modelDemo': 'Questo bot usa il piccolo modello dimostrativo incluso in Atelier. Dipinge una forma ({shapes}) di un colore ({colours}) {positions}, su uno sfondo di un altro colore, per esempio “a red star on the left on a blue background”. Conosce solo queste parole inglesi e ignora tutte le altre.',
  'help.modelReal': 'Il modello è **{name}**. Segue meglio descrizioni inglesi brevi e concrete e legge solo i primi 75 frammenti di parola circa di un prompt; testo leggibile, mani e numeri esatti di oggetti spesso vengono male.',
  'help.moderators': 'Per i moderatori (Gestisci server)',
  'help.mod.limits': 'vedi o cambia i limiti del server, di un ruolo o di un membro',
  'help.mod.ban': 'impedisci a un membro di usare Atelier qui, per un periodo o per sempre',
  'help.mod.unban': 'togli un ban',
  'help.mod.blocklist': 'parole e schemi che i prompt qui non possono contenere',
  'help.mod.usage': 'quanto è stato usato Atelier: totali, utenti più attivi, rifiuti, un grafico',
  'help.mod.modlog': 'le ultime azioni dei moderatori',
  'help.mod.queueRemove': 'togli dalla coda il lavoro di qualcuno, con un motivo che vedrà',
  'help.mod.buttons': 'Puoi anche annullare o eliminare le immagini di chiunque con i pulsanti sotto di esse.',
};

export const it: Catalog<MessageKey> = { lang: 'it', messages, commands };
