/** Deutsch. */
import { schedulerLabels } from '../diffusion/types.ts';
import type { MessageKey } from './index.ts';
import type { Catalog, CommandText } from './types.ts';

const level: Record<string, string> = {
  guild: 'Server (alle hier)',
  role: 'Rolle (Mitglieder mit einer Rolle)',
  user: 'Mitglied (ein einzelnes)',
};
const limitKey: Record<string, string> = {
  userImagesPerDay: 'userImagesPerDay: Bilder pro Mitglied in den letzten 24 Std.',
  userCooldownSeconds: 'userCooldownSeconds: Wartezeit zwischen zwei Anfragen',
  userMaxQueued: 'userMaxQueued: wartende Aufträge pro Mitglied',
  guildImagesPerDay: 'guildImagesPerDay: Bilder pro Server in den letzten 24 Std.',
  maxSteps: 'maxSteps: Schritte pro Bild',
  maxWidth: 'maxWidth: Bildbreite',
  maxHeight: 'maxHeight: Bildhöhe',
  maxPixels: 'maxPixels: Pixel pro Bild (Breite x Höhe)',
  maxImagesPerRequest: 'maxImagesPerRequest: Bilder pro Anfrage',
  allowUploads: 'allowUploads: Hochladen von Bildern erlaubt',
  spoilerRequired: 'spoilerRequired: Bilder als Spoiler posten',
  defaultScheduler: 'defaultScheduler: Scheduler für /imagine, wenn keiner gewählt ist',
  defaultModel: 'defaultModel: Modell für /imagine, wenn keines gewählt ist',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 quadratisch',
  '3:2': '3:2 Querformat',
  '2:3': '2:3 Hochformat',
  '16:9': '16:9 Breitbild',
  '9:16': '9:16 hohes Hochformat',
};
const role: CommandText = { name: 'rolle', description: 'Die Rolle (für die Ebene Rolle)' };
const user: CommandText = { name: 'mitglied', description: 'Das Mitglied (für die Ebene Mitglied)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'malen',
    description: 'Ein Bild nach einer Beschreibung malen',
    options: {
      prompt: {
        name: 'prompt',
        description: 'Was gemalt werden soll, auf Englisch (auch mit Flags: --ar 16:9 --seed 42 --no text)',
      },
      negative: { name: 'negativ', description: 'Was nicht im Bild vorkommen soll' },
      aspect: { name: 'format', description: 'Die Form des Bildes', choices: aspect },
      seed: { name: 'seed', description: 'Gleicher Seed, gleiches Bild (zufällig, wenn leer)' },
      steps: { name: 'schritte', description: 'Entrauschungsschritte: mehr dauert länger und wird oft feiner' },
      guidance: { name: 'guidance', description: 'Wie genau der Prompt befolgt wird (0-30)' },
      count: { name: 'anzahl', description: 'Wie viele Bilder' },
      image: { name: 'bild', description: 'Von diesem Bild ausgehen (PNG, JPEG oder WebP)' },
      strength: { name: 'stärke', description: 'Mit einem Bild: wie weit sich das Ergebnis davon entfernt (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: {
        name: 'scheduler',
        description: 'Wie aus Rauschen ein Bild wird (Standard: der des Modells)',
        choices: schedulerLabels,
      },
      model: { name: 'modell', description: 'Welches installierte Modell malt (Standard: das des Servers)' },
    },
  },
  info: {
    name: 'info',
    description: 'Deine restlichen Bilder für heute, deine Aufträge in der Warteschlange und das Modell',
  },
  help: { name: 'hilfe', description: 'Was Atelier kann, seine Befehle und Knöpfe und deine Limits' },
  queue: {
    name: 'warteschlange',
    description: 'Was gerade gemalt wird und was wartet, mit geschätzten Zeiten',
    options: {
      remove: {
        name: 'entfernen',
        description: 'Moderation: diesen Auftrag (seine Nummer) aus der Warteschlange nehmen',
      },
      reason: { name: 'grund', description: 'Moderation: warum er entfernt wurde (sein Ersteller sieht es)' },
    },
  },
  settings: {
    name: 'einstellungen',
    description: 'Deine eigenen Standardwerte für /imagine',
    options: {
      show: { name: 'anzeigen', description: 'Deine Standardwerte anzeigen' },
      set: {
        name: 'ändern',
        description: 'Einen oder mehrere deiner Standardwerte ändern',
        options: {
          aspect_ratio: {
            name: 'format',
            description: 'Die Form deiner Bilder',
            choices: { ...aspect, default: 'Standard des Bots' },
          },
          steps: { name: 'schritte', description: 'Entrauschungsschritte (0: Standard des Modells)' },
          spoiler: { name: 'spoiler', description: 'Deine Bilder als Spoiler posten' },
          remix: {
            name: 'remix',
            description: 'Den Prompt vor Varianten, neuen Versuchen, Zooms und Schwenks bearbeiten',
          },
        },
      },
      reset: { name: 'zurücksetzen', description: 'Deine Standardwerte vergessen' },
    },
  },
  ban: {
    name: 'sperren',
    description: 'Einem Mitglied Atelier auf diesem Server sperren (Moderation)',
    options: {
      user: { name: 'mitglied', description: 'Wer für den Bot gesperrt wird' },
      reason: { name: 'grund', description: 'Warum (wird angezeigt, wenn die Person den Bot nutzen will)' },
      duration: { name: 'dauer', description: 'Wie lange, z. B. 1h, 7d, 2w (ohne Ende, wenn leer)' },
    },
  },
  unban: {
    name: 'entsperren',
    description: 'Einem gesperrten Mitglied Atelier hier wieder erlauben (Moderation)',
    options: {
      user: { name: 'mitglied', description: 'Wessen Sperre aufgehoben wird' },
      reason: { name: 'grund', description: 'Warum (bleibt im Protokoll)' },
    },
  },
  blocklist: {
    name: 'sperrliste',
    description: 'Wörter und Muster, die Prompts hier nicht enthalten dürfen (Moderation)',
    options: {
      add: {
        name: 'hinzufügen',
        description: 'Ein Wort, eine Wendung oder einen /regulären Ausdruck/ sperren',
        options: {
          pattern: { name: 'eintrag', description: 'z. B. gore, "blood bath" oder /sk(u|e)ll?s?/' },
        },
      },
      remove: {
        name: 'entfernen',
        description: 'Einen Eintrag freigeben, so geschrieben wie beim Hinzufügen',
        options: {
          pattern: { name: 'eintrag', description: 'Der Eintrag, der entfernt wird' },
        },
      },
      list: { name: 'liste', description: 'Die Einträge dieses Servers und die eingebaute Liste anzeigen' },
    },
  },
  limits: {
    name: 'limits',
    description: 'Ansehen oder ändern, wie viel Atelier hier genutzt werden darf (Moderation)',
    options: {
      show: {
        name: 'anzeigen',
        description: 'Die geltenden Limits: für den Server, eine Rolle oder ein Mitglied',
        options: {
          role: { name: 'rolle', description: 'Die Ausnahmen dieser Rolle anzeigen' },
          user: { name: 'mitglied', description: 'Die Limits anzeigen, die für dieses Mitglied gelten' },
        },
      },
      set: {
        name: 'setzen',
        description: 'Ein Limit für den Server, eine Rolle oder ein Mitglied ändern (gilt sofort)',
        options: {
          level: { name: 'ebene', description: 'Für wen das Limit gilt', choices: level },
          key: { name: 'limit', description: 'Welches Limit', choices: limitKey },
          value: { name: 'wert', description: 'Eine Zahl, "unlimited", 0 oder yes/no für Schalter' },
          role,
          user,
        },
      },
      reset: {
        name: 'zurücksetzen',
        description: 'Eine Ausnahme entfernen, sodass wieder die Ebene darunter gilt',
        options: {
          level: { name: 'ebene', description: 'Wessen Ausnahme', choices: level },
          key: { name: 'limit', description: 'Welches Limit (alle, wenn leer)', choices: limitKey },
          role,
          user,
        },
      },
    },
  },
  usage: {
    name: 'nutzung',
    description: 'Wie viel Atelier hier genutzt wurde: Summen, Top-Mitglieder, Ablehnungen, Diagramm (Moderation)',
    options: {
      period: {
        name: 'zeitraum',
        description: 'Wie weit zurück (eine Woche, wenn leer)',
        choices: {
          day: 'Tag (letzte 24 Stunden)',
          week: 'Woche (letzte 7 Tage)',
          month: 'Monat (letzte 30 Tage)',
        },
      },
      user: { name: 'mitglied', description: 'Nur dieses Mitglied' },
    },
  },
  modlog: {
    name: 'mod-protokoll',
    description: 'Die letzten Aktionen der Moderation auf diesem Server (Moderation)',
    options: {
      page: { name: 'seite', description: '1 ist die neueste' },
      moderator: { name: 'moderator', description: 'Nur Aktionen dieser Person aus der Moderation' },
      target: { name: 'betroffen', description: 'Nur Aktionen, die dieses Mitglied betreffen' },
    },
  },
  health: {
    name: 'zustand',
    description: 'Moderation: Läuft der Bot rund? Gateway, Datenbank, Inferenzprozess, Modell und Gerät, Warteschlange',
  },
  'Vary this image': { name: 'Dieses Bild variieren' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand':
    'Diesen Befehl kennt diese Version des Bots nicht. Tippe /, um die aktuellen Befehle zu sehen.',
  'router.unknownButton': 'Diesen Knopf versteht der Bot nicht mehr. Erstelle ein neues Bild mit /imagine.',
  'router.bug':
    'Bei uns ist etwas schiefgelaufen (Fehler-ID `{errorId}`). Bitte versuche es noch einmal; wenn es wieder passiert, nenne der Person, die den Bot betreibt, diese ID.',

  'job.notSaved':
    'Deine Anfrage konnte nicht gespeichert werden; sie wurde nicht gestartet und nichts wurde angerechnet (Fehler-ID `{errorId}`). Bitte versuche es noch einmal.',
  'job.modelLoading': 'Das Bildmodell wird noch geladen. Bitte versuche es in einer Minute noch einmal.',
  'job.dmOff': 'Ich male hier nur auf Servern; Direktnachrichten sind vom Betreiber des Bots abgeschaltet.',
  'job.blockedWord':
    'Dein Prompt enthält „{word}“, was außerhalb altersbeschränkter Kanäle nicht erlaubt ist. Formuliere ihn um und versuche es noch einmal; es wurde nichts berechnet.',
  'job.blockedWordHere':
    'Dein Prompt enthält „{word}“, was dieser Server nicht erlaubt. Formuliere ihn um und versuche es noch einmal; es wurde nichts berechnet.',
  'job.blockedPattern':
    'Dein Prompt enthält ein gesperrtes Muster, das außerhalb altersbeschränkter Kanäle nicht erlaubt ist. Formuliere ihn um und versuche es noch einmal; es wurde nichts berechnet.',
  'job.blockedPatternHere':
    'Dein Prompt enthält ein gesperrtes Muster, das dieser Server nicht erlaubt. Formuliere ihn um und versuche es noch einmal; es wurde nichts berechnet.',
  'job.refusedPublicNote': '-# Diese Anfrage wurde nicht gestartet; den Grund hast du privat erhalten.',
  'job.uploadAccepted': 'Dein Bild ist in Ordnung: der Auftrag startet unten.',
  'job.acceptedBelow': 'Deine Anfrage ist angekommen: ihr Platz in der Warteschlange und die Bilder folgen unten.',

  'job.noPrompt': '*(kein Prompt)*',
  'job.variationOfImage': 'Variante von Bild {index} aus #{job}',
  'job.variationOfPosted': 'Variante eines geposteten Bildes',
  'job.variationOfUpload': 'Variante eines hochgeladenen Bildes',
  'job.rerollOf': 'Neuer Versuch von #{job}',
  'job.imageOf': 'Bild {index} aus #{job}',
  'job.fromUpload': 'aus einem hochgeladenen Bild',
  'job.strength': 'Stärke {strength}',
  'job.waiting': '⏳ In der Warteschlange: **#{position}**, {when}',
  'job.startingNow': 'geht gleich los',
  'job.noWorker': 'gerade bedient kein Worker das Modell **{model}**: es geht los, sobald einer es tut',
  'job.workersUnreachable':
    'die Bild-Worker sind gerade nicht erreichbar: dein Platz bleibt, und es geht los, sobald sie wieder da sind',
  'job.startsIn': 'beginnt in etwa {duration} ({relative})',
  'job.restarted': '🔁 Der Bot wurde neu gestartet; dein Auftrag hat seinen Platz behalten.',
  'job.restartedWhileRunning':
    '🔁 Der Bot wurde mitten in der Arbeit neu gestartet; dein Auftrag steht wieder ganz vorne in der Warteschlange.',
  'job.starting': '🎨 Geht los…',
  'job.loadingModel': '⏳ Lade das Modell **{model}** (der erste Auftrag damit seit einer Weile)…',
  'job.painting': '🎨 Male: Schritt {step} von {total} ({percent})',
  'job.interrupted': '⏸️ Der Bot startet neu; dieser Auftrag ist als Erster dran, sobald der Bot wieder da ist.',
  'job.cancelledByAuthor': '🚫 Auf deinen Wunsch abgebrochen. Es wurde nichts berechnet.',
  'job.cancelledByAuthorReason': '🚫 Auf deinen Wunsch abgebrochen ({reason}). Es wurde nichts berechnet.',
  'job.cancelledByModerator': '🚫 Von der Moderation abgebrochen. Es wurde nichts berechnet.',
  'job.cancelledByModeratorReason': '🚫 Von der Moderation abgebrochen ({reason}). Es wurde nichts berechnet.',
  'job.prepareFailed':
    'Die Bilder sind fertig, konnten aber nicht für Discord aufbereitet werden. Bitte versuche es noch einmal.',
  'job.seed': 'Seed {seed}',
  'job.seeds': 'Seeds {first}–{last}',
  'job.steps': { one: '{count} Schritt', other: '{count} Schritte' },
  'job.guidance': 'Guidance {guidance}',
  'job.previewDescription': 'Zwischenstand',
  'job.imageDescription': 'Erzeugtes Bild',
  'job.reencodedWebp': 'Das PNG war zu groß für diesen Kanal und wurde deshalb als WebP neu kodiert.',
  'job.reencodedJpeg': 'Das PNG war zu groß für diesen Kanal und wurde deshalb als JPEG neu kodiert.',
  'job.reencodedJpegSmaller':
    'Das PNG war zu groß für diesen Kanal und wurde deshalb als JPEG mit {percent} der Größe neu kodiert.',
  'job.ignoredFlags': {
    one: '{flags} habe ich nicht verstanden und deshalb ignoriert (ich verstehe --ar, --seed, --no, --steps, --repeat, --chaos und --guidance).',
    other:
      '{flags} habe ich nicht verstanden und deshalb ignoriert (ich verstehe --ar, --seed, --no, --steps, --repeat, --chaos und --guidance).',
  },

  'info.title': 'Wie diese Bilder entstanden sind',
  'info.prompt': 'Prompt',
  'info.negative': 'Negativer Prompt',
  'info.none': '*(keiner)*',
  'info.seed': 'Seed',
  'info.size': 'Größe',
  'info.steps': 'Schritte',
  'info.guidance': 'Guidance',
  'info.images': 'Bilder',
  'info.model': 'Modell',
  'info.scheduler': 'Scheduler',
  'info.strength': 'Stärke',
  'info.madeFrom': 'Entstanden aus',
  'info.fromJob': 'Auftrag #{job}',
  'info.fromJobImage': 'Auftrag #{job}, Bild {index}',
  'info.job': 'Auftrag',
  'info.waited': '{duration} gewartet',
  'info.ran': '{duration} gerechnet',
  'kind.imagine': 'neues Bild',
  'kind.variation': 'Variante',
  'kind.upscale': 'Einzelbild',
  'kind.reroll': 'neuer Versuch',
  'kind.edit': 'Bearbeitung',
  'state.queued': 'wartet',
  'state.running': 'wird gemalt',
  'state.done': 'fertig',
  'state.failed': 'fehlgeschlagen',
  'state.cancelled': 'abgebrochen',

  'quota.banned': 'Du bist auf diesem Server für Atelier gesperrt. {until}',
  'quota.bannedReason': 'Du bist auf diesem Server für Atelier gesperrt (Grund: {reason}). {until}',
  'quota.banNoEnd': 'Die Sperre hat kein Enddatum.',
  'quota.banEnds': 'Sie endet {when}.',
  'quota.noQueue':
    'Du kannst hier keine Aufträge einreihen (dein Limit ist 0). Wende dich an die Moderation, wenn du das für einen Fehler hältst.',
  'quota.maxQueued': {
    one: 'Du hast schon {count} wartenden Auftrag, mehr sind gleichzeitig nicht erlaubt ({max}). Versuch es wieder, wenn er fertig ist.',
    other:
      'Du hast schon {count} wartende Aufträge, mehr sind gleichzeitig nicht erlaubt ({max}). Versuch es wieder, wenn einer davon fertig ist.',
  },
  'quota.cooldown': {
    one: 'Nicht so schnell: Zwischen zwei Anfragen gilt hier eine Wartezeit von {count} Sekunde. Du kannst {when} wieder fragen.',
    other:
      'Nicht so schnell: Zwischen zwei Anfragen gilt hier eine Wartezeit von {count} Sekunden. Du kannst {when} wieder fragen.',
  },
  'quota.noImages':
    'Du kannst hier keine Bilder erstellen (dein Tageslimit ist 0). Wende dich an die Moderation, wenn du das für einen Fehler hältst.',
  'quota.tooManyForDay': {
    one: 'Du hast {count} Bild angefragt, darfst aber {limit} pro Tag erstellen. Frag nach weniger.',
    other: 'Du hast {count} Bilder angefragt, darfst aber {limit} pro Tag erstellen. Frag nach weniger.',
  },
  'quota.dayLeft': {
    one: 'Du hast in den letzten 24 Stunden {used} von {count} Bild verbraucht und {asked} angefragt; jetzt kannst du {left} anfragen, mehr wieder {when}.',
    other:
      'Du hast in den letzten 24 Stunden {used} von deinen {count} Bildern verbraucht und {asked} angefragt; jetzt kannst du {left} anfragen, mehr wieder {when}.',
  },
  'quota.dayUsed': {
    one: 'Du hast in den letzten 24 Stunden {used} von {count} Bild verbraucht; es ist {when} wieder verfügbar.',
    other:
      'Du hast in den letzten 24 Stunden {used} von deinen {count} Bildern verbraucht; sie sind {when} wieder verfügbar.',
  },
  'quota.later': 'später',
  'quota.guildTooSmall': {
    one: 'Dieser Server darf {count} Bild pro Tag erstellen, zu wenig für diese Anfrage. Frag nach weniger oder wende dich an die Moderation.',
    other:
      'Dieser Server darf {count} Bilder pro Tag erstellen, zu wenig für diese Anfrage. Frag nach weniger oder wende dich an die Moderation.',
  },
  'quota.guildUsed': {
    one: 'Dieser Server hat in den letzten 24 Stunden {used} von {count} Bild verbraucht. Mehr gibt es wieder {when}.',
    other:
      'Dieser Server hat in den letzten 24 Stunden {used} von seinen {count} Bildern verbraucht. Mehr gibt es wieder {when}.',
  },
  'quota.queueFull': {
    one: 'Die Warteschlange ist voll: {count} wartender Auftrag, mehr passen nicht hinein. Es wurde nichts berechnet; versuch es in ein paar Minuten noch einmal.',
    other:
      'Die Warteschlange ist voll: {count} wartende Aufträge, mehr passen nicht hinein. Es wurde nichts berechnet; versuch es in ein paar Minuten noch einmal.',
  },
  'shape.uploads':
    'Das Hochladen von Bildern ist hier abgeschaltet. Frag noch einmal ohne Bild oder wende dich an die Moderation.',
  'shape.width':
    'Eine Breite von {value} px ist hier nicht erlaubt (höchstens {max} px). Frag nach einer kleineren Größe oder einem anderen Format.',
  'shape.height':
    'Eine Höhe von {value} px ist hier nicht erlaubt (höchstens {max} px). Frag nach einer kleineren Größe oder einem anderen Format.',
  'shape.pixels':
    '{width}x{height} sind {value} Pixel, mehr als hier erlaubt (höchstens {max}). Frag nach einer kleineren Größe.',
  'shape.steps':
    '{value} Schritte sind mehr als hier erlaubt (höchstens {max}). Frag nach {max} Schritten oder weniger.',
  'shape.images': '{value} Bilder auf einmal sind mehr als hier erlaubt (höchstens {max}). Frag nach weniger.',

  'button.unknownJob':
    'Zu Auftrag #{job} habe ich hier keine Einträge, daher kann dieser Knopf nichts tun. Erstelle ein neues Bild mit /imagine.',
  'button.deletedJob': 'Diese Bilder wurden gelöscht, daher funktionieren ihre Knöpfe nicht mehr.',
  'button.notDone':
    'Dieser Auftrag ist noch nicht fertig und hat daher noch keine Bilder. Klick noch einmal, wenn er fertig ist.',
  'button.failedJob':
    'Dieser Auftrag ist fehlgeschlagen und hat daher keine Bilder. Erstelle ein neues Bild mit /imagine.',
  'button.cancelledJob':
    'Dieser Auftrag wurde abgebrochen und hat daher keine Bilder. Erstelle ein neues Bild mit /imagine.',
  'button.imageGoneDerived':
    'Bild {index} von Auftrag #{job} ist abgelaufen, und das Bild, aus dem es entstand, ebenso (es ist eine Variation oder Bearbeitung), daher lässt es sich nicht genau neu erstellen. **Original neu erstellen** malt Auftrag #{origin} mit demselben Prompt, denselben Einstellungen und demselben Seed neu, also dieselben Bilder; variiere oder bearbeite dann das neue.',
  'button.imageGone':
    'Bild {index} von Auftrag #{job} ist abgelaufen (alte Bilder werden nach einer Weile gelöscht, um Platz zu sparen), daher kann dieser Knopf es nicht verwenden. Um es neu zu erstellen, nutze /imagine mit demselben Prompt, denselben Einstellungen und `--seed {seed}` (der Info-Knopf zeigt sie).',
  'button.notOwnerDelete': 'Nur wer diese Bilder angefragt hat oder die Moderation kann sie löschen.',
  'button.notOwnerCancel': 'Nur wer diesen Auftrag angefragt hat oder die Moderation kann ihn abbrechen.',
  'button.alreadyFinished': 'Dieser Auftrag ist schon fertig, es gibt nichts mehr abzubrechen.',
  'button.alreadyCancelled': 'Dieser Auftrag wurde schon abgebrochen, es gibt nichts mehr abzubrechen.',
  'button.alreadyFailed': 'Dieser Auftrag ist schon fehlgeschlagen, es gibt nichts mehr abzubrechen.',
  'button.alreadyGone': 'Diesen Auftrag gibt es nicht mehr, es gibt nichts abzubrechen.',
  'job.noImg2img': 'Das geladene Modell ({model}) kann nicht von einem Bild ausgehen. Frag ohne Bild.',
  'job.badStrength': 'Die Stärke zählt nur, wenn du ein Ausgangsbild anhängst. Häng eines an oder lass die Stärke weg.',
  'job.badScheduler': 'Einen Scheduler namens "{name}" gibt es nicht; wähle einen von {choices}.',
  'job.badModel': 'Ein installiertes Modell namens „{name}“ gibt es nicht; wähle eines von {choices}.',
  'vary.noPicture':
    'An dieser Nachricht hängt kein Bild. Nutze "{command}" bei einer Nachricht mit einem PNG-, JPEG- oder WebP-Bild.',
  'vary.notPicture':
    'Der Anhang dieser Nachricht (`{file}`) ist kein Bild. Nutze "{command}" bei einer Nachricht mit einem PNG-, JPEG- oder WebP-Bild.',
  'vary.noImg2img':
    'Das geladene Modell ({model}) kann nicht von einem Bild ausgehen und daher keine Varianten erstellen. Nutze stattdessen /imagine mit einem Prompt.',
  'upload.pixels':
    'Dieses Bild hat {width}x{height} Pixel ({megapixels} Megapixel); ich nehme Bilder bis {max} Megapixel und {side} Pixel pro Seite. Verkleinere es und versuch es noch einmal.',
  'upload.type':
    '`{file}` ist eine {type}-Datei, kein Bild, von dem ich ausgehen kann. Häng ein PNG-, JPEG- oder WebP-Bild an.',
  'upload.unknownType':
    '`{file}` hat einen Dateityp, den ich nicht kenne, und ist kein Bild, von dem ich ausgehen kann. Häng ein PNG-, JPEG- oder WebP-Bild an.',
  'upload.size':
    '`{file}` ist {size} groß; ich nehme Bilder bis {max}. Speichere es kleiner (ein JPEG oder WebP ist viel kleiner als ein PNG) und versuch es noch einmal.',
  'upload.host':
    'Ich lade nur Bilder herunter, die bei Discord selbst hochgeladen wurden, und dieses zeigt woandershin. Lade das Bild bei Discord hoch (als Anhang) und versuch es noch einmal.',
  'upload.timeout':
    'Das Herunterladen deines Bildes von Discord hat länger als {seconds} s gedauert, daher habe ich abgebrochen. Versuch es gleich noch einmal oder lade ein kleineres Bild hoch.',
  'upload.failed':
    'Das Herunterladen deines Bildes von Discord ist fehlgeschlagen (Verbindung abgelehnt oder abgebrochen). Versuch es gleich noch einmal oder lade das Bild erneut hoch.',
  'upload.redirect':
    'Discord hat die Adresse deines Bildes woandershin umgeleitet, und Umleitungen folge ich nicht. Lade das Bild erneut hoch.',
  'upload.http':
    'Ich konnte dein Bild nicht von Discord herunterladen (HTTP {status}). Versuch es noch einmal oder lade es erneut hoch.',
  'upload.tooBig': 'Dieses Bild ist {size} groß; ich nehme Bilder bis {max}.',
  'upload.overMax': 'Dieses Bild ist größer als {max}, mehr nehme ich nicht.',
  'upload.notImage': 'Diese Datei ist kein PNG-, JPEG- oder WebP-Bild (egal, was ihr Name sagt). Häng eines davon an.',
  'upload.damaged':
    'Dieses Bild lässt sich nicht lesen: Die Datei scheint beschädigt zu sein. Speichere es noch einmal.',
  'upload.noSize': 'Dieses Bild lässt sich nicht lesen: Es hat keine Größe. Speichere es noch einmal.',
  'queue.restarting':
    'Der Bot startet gerade neu und nimmt keine neuen Anfragen an. Versuch es in einer Minute noch einmal.',
  'queue.full': 'Die Warteschlange ist voll ({count} wartend). Versuch es in ein paar Minuten noch einmal.',
  'queue.userFull': {
    one: 'Du hast schon {count} Auftrag in der Warteschlange, mehr geht pro Person nicht. Warte, bis er fertig ist (oder brich ihn ab), und versuch es dann noch einmal.',
    other:
      'Du hast schon {count} Aufträge in der Warteschlange, mehr gehen pro Person nicht. Warte, bis einer fertig ist (oder brich einen ab), und versuch es dann noch einmal.',
  },

  'info.cmd.banned': '**Du bist auf diesem Server für Atelier gesperrt**. {until}',
  'info.cmd.bannedReason': '**Du bist auf diesem Server für Atelier gesperrt** (Grund: {reason}). {until}',
  'info.cmd.imagesUnlimited': {
    one: '**Bilder:** Für dich gibt es hier kein Tageslimit ({count} Bild in den letzten 24 Stunden).',
    other: '**Bilder:** Für dich gibt es hier kein Tageslimit ({count} Bilder in den letzten 24 Stunden).',
  },
  'info.cmd.imagesNone': '**Bilder:** Du kannst hier keine Bilder erstellen (dein Tageslimit ist 0).',
  'info.cmd.imagesLeft': '**Bilder übrig:** {left} von {limit} in den letzten 24 Stunden (fortlaufend).',
  'info.cmd.imagesLeftNext':
    '**Bilder übrig:** {left} von {limit} in den letzten 24 Stunden (fortlaufend); das nächste wird {when} frei.',
  'info.cmd.guildLeft': {
    one: '**Dieser Server:** noch {count} Bild in den letzten 24 Stunden.',
    other: '**Dieser Server:** noch {count} Bilder in den letzten 24 Stunden.',
  },
  'info.cmd.cooldownUntil': '**Wartezeit:** Du kannst {when} wieder fragen.',
  'info.cmd.cooldown': '**Wartezeit:** {duration} zwischen zwei Anfragen; du kannst jetzt fragen.',
  'info.cmd.noCooldown': '**Wartezeit:** keine.',
  'info.cmd.jobs': '**Deine Aufträge:** {running} laufen, {waiting} warten',
  'info.cmd.jobsMax': '**Deine Aufträge:** {running} laufen, {waiting} warten (du darfst {max} gleichzeitig haben)',
  'info.cmd.listFollows': ':',
  'info.cmd.end': '.',
  'info.cmd.runningJob': '• Auftrag {job} „{prompt}“: läuft, fertig {when}',
  'info.cmd.runningJobStep': '• Auftrag {job} „{prompt}“: läuft, Schritt {step} von {total}, fertig {when}',
  'info.cmd.queuedJob': '• Auftrag {job} „{prompt}“: #{position} in der Warteschlange, beginnt {when}',
  'info.cmd.more': '• und {count} weitere',
  'info.cmd.queue': '**Warteschlange:** {waiting} wartend, {running} laufend.',
  'info.cmd.modelLoading': '**Modell:** wird noch geladen; frag gleich noch einmal.',
  'info.cmd.model': {
    one: '**Modell:** {name} ({family}, {dtype}) auf **{device}**{fallback}, standardmäßig {count} Schritt',
    other: '**Modell:** {name} ({family}, {dtype}) auf **{device}**{fallback}, standardmäßig {count} Schritte',
  },
  'info.cmd.fallback':
    ' ({wanted} ist eingestellt, hier aber nicht verfügbar; im Log des Betreibers steht, wie man das behebt)',
  'info.cmd.demo':
    'Das ist das kleine Demo-Modell, das Atelier mitbringt: Es malt nur einfache Szenen. Wer den Bot betreibt, kann mit `{command}` ein richtiges installieren.',

  'help.button.region':
    '**{region}**: einen Teil des Bildes (eine Hälfte, ein Drittel, eine Ecke) mit einem Prompt, den du ändern kannst, neu malen',
  'help.button.zoom': '**{zoom2}** / **{zoom15}**: herauszoomen und rund um das Bild weitermalen',
  'help.button.pan': '**⬅️ ➡️ ⬆️ ⬇️**: das Bild in diese Richtung erweitern',
  'help.button.upscaleMore':
    '**{subtle}**: eine größere Kopie, unverändert; **{creative}**: größer und mit feineren Details neu gemalt',
  'edit.regionLabel': 'Bereich zum Neumalen',
  'edit.promptLabel': 'Prompt für den Bereich',
  'edit.negativeLabel': 'Negativer Prompt',
  'edit.noVae': 'Das geladene Modell ({model}) hat keinen VAE-Encoder und kann daher kein Bild bearbeiten.',
  'edit.badRegion': 'Wähle den Bereich zum Neumalen aus der Liste.',
  'edit.region.left': 'Linke Hälfte',
  'edit.region.right': 'Rechte Hälfte',
  'edit.region.top': 'Obere Hälfte',
  'edit.region.bottom': 'Untere Hälfte',
  'edit.region.left-third': 'Linkes Drittel',
  'edit.region.middle-third': 'Mittleres Drittel',
  'edit.region.right-third': 'Rechtes Drittel',
  'edit.region.centre': 'Mitte',
  'edit.region.top-left': 'Ecke oben links',
  'edit.region.top-right': 'Ecke oben rechts',
  'edit.region.bottom-left': 'Ecke unten links',
  'edit.region.bottom-right': 'Ecke unten rechts',

  'queue.view.empty':
    'Die Warteschlange ist leer: Es wird nichts gemalt und nichts wartet. `/imagine` legt sofort los.',
  'queue.view.hereDm': 'hier',
  'queue.view.hereGuild': 'auf diesem Server',
  'queue.view.summary':
    '**Warteschlange {where}:** {running} laufen, {waiting} warten. **Alle Server:** {allRunning} laufen, {allWaiting} warten (Platz für {room}).',
  'queue.view.summaryMine':
    '**Warteschlange {where}:** {running} laufen, {waiting} warten (deine: {mine}). **Alle Server:** {allRunning} laufen, {allWaiting} warten (Platz für {room}).',
  'queue.view.restarting': 'Der Bot startet neu: Wartende Aufträge gehen weiter, sobald er wieder da ist.',
  'queue.view.running': '**Läuft**',
  'queue.view.waiting':
    '**Wartet** (nummeriert nach dem Platz in der Warteschlange aller Server; alle kommen abwechselnd dran)',
  'queue.view.more': '… {count} weitere',
  'queue.view.job': {
    one: 'Auftrag {job}: {width}×{height}, {steps}, {count} Bild',
    other: 'Auftrag {job}: {width}×{height}, {steps}, {count} Bilder',
  },
  'queue.view.step': 'Schritt {step}/{total}',
  'queue.view.doneIn': 'fertig {when}',
  'queue.view.startsIn': 'beginnt {when}',
  'queue.view.yours': 'deiner ({mention})',
  'queue.view.moment': 'gleich',
  'settings.title': '**Deine Standardwerte für /imagine**',
  'settings.never': ' (nie geändert)',
  'settings.hint': 'Ändere sie mit `/settings set`; Optionen, die du /imagine gibst, haben immer Vorrang.',
  'settings.saved': 'Gespeichert. Deine Standardwerte für /imagine sind jetzt:',
  'settings.forgotten': 'Deine Standardwerte sind vergessen: /imagine nutzt wieder die des Bots.',
  'settings.none': 'Du hattest keine gespeicherten Standardwerte, es hat sich also nichts geändert.',
  'settings.nothing':
    'Gib mindestens eines von `aspect_ratio`, `steps` oder `spoiler`/`remix` zum Ändern an. `/settings show` zeigt sie.',
  'settings.aspect': '• Format: **{value}**',
  'settings.steps': '• Schritte: **{value}**',
  'settings.spoiler': '• Spoiler: **{value}**{note}',
  'settings.remix':
    '• Remix: **{value}** (an: Varianten, Rerolls, Zooms, Schwenks und Upscale (Creative) öffnen zuerst ein Formular mit dem Prompt)',
  'settings.botDefaultRatio': 'Standard des Bots (1:1)',
  'settings.modelDefault': 'Standard des Modells',
  'settings.capped': '{steps} (dieser Server erlaubt höchstens {max}, daher werden hier {max} verwendet)',
  'settings.yes': 'ja',
  'settings.no': 'nein',
  'settings.spoilerForced': ' (dieser Server postet ohnehin jedes Bild als Spoiler)',

  'mod.notInGuild': 'Moderationsbefehle funktionieren auf einem Server, nicht in Direktnachrichten.',
  'mod.notModerator':
    'Dieser Befehl ist leider für die Moderation: Er braucht hier die Berechtigung **Server verwalten**. Es wurde nichts geändert.',
  'queue.remove.noJob': 'Auf diesem Server gibt es keinen Auftrag {job}. `/queue` zeigt die Auftragsnummern.',
  'queue.remove.finished': 'Auftrag {job} ist schon fertig: Es gibt nichts zu entfernen.',
  'queue.remove.failed': 'Auftrag {job} ist schon fehlgeschlagen: Es gibt nichts zu entfernen.',
  'queue.remove.cancelled': 'Auftrag {job} wurde schon abgebrochen: Es gibt nichts zu entfernen.',
  'queue.remove.justFinished': 'Auftrag {job} ist gerade fertig geworden: Es gibt nichts zu entfernen.',
  'queue.remove.done':
    'Auftrag {job} von {user} entfernt ({where}). Die Bilder wurden gutgeschrieben{told}. Das steht im Protokoll.',
  'queue.remove.wasRunning': 'er lief und wurde gestoppt',
  'queue.remove.wasQueued': 'er war #{position} in der Warteschlange',
  'queue.remove.told': ', und der Grund wurde mitgeteilt: {reason}',

  'fail.bug':
    'Bei uns ist beim Malen deiner Bilder etwas schiefgelaufen (Fehler-ID `{errorId}`). Bitte versuche es noch einmal; wenn es wieder passiert, nenne der Person, die den Bot betreibt, diese ID.',
  'fail.modelGone':
    'Das Modell „{model}“, für das dieser Auftrag gedacht war, ist nicht mehr installiert, daher kann er nicht laufen; deinem Kontingent wurde nichts angerechnet. Wähle mit /imagine model: ein anderes.',
  'fail.crashed':
    'Der Bildgenerator ist bei diesem Auftrag {count}-mal abgestürzt, daher wurde er gestoppt. Versuch eine kleinere Größe, weniger Schritte oder weniger Bilder.',
  'fail.timeout':
    'Dieser Auftrag hat das Zeitlimit von {seconds} s überschritten und wurde gestoppt. Versuch weniger Schritte, eine kleinere Größe oder weniger Bilder.',
  'fail.interrupted':
    'Dieser Auftrag wurde {count}-mal unterbrochen (der Bot oder sein Bildgenerator hielt währenddessen an) und daher nicht noch einmal versucht. Versuch eine kleinere Größe, weniger Schritte oder weniger Bilder.',

  'flag.noNeedsText': '`--no` braucht, was weggelassen werden soll, z. B. `--no cars, text`.',
  'flag.seed': '{label} erwartet eine ganze Zahl von 0 bis {max}{given}.',
  'flag.whole': '{label} erwartet eine ganze Zahl von {min} bis {max}{given}.',
  'flag.number': '{label} erwartet eine Zahl von {min} bis {max}{given}.',
  'flag.tooManyJobs':
    'Das ergibt {jobs} Aufträge ({permutations} Prompt(s) aus den Auswahlen in Klammern, jeweils mal --repeat); ein Prompt darf höchstens {max} starten. Nimm weniger Auswahlen oder ein kleineres --repeat.',
  'job.manyJobs':
    'Dein Prompt ergibt {jobs} Aufträge: {images} Bilder aus deinem Kontingent{left}. Sie starten unten, jeder mit eigener Nachricht.',
  'job.manyJobsLeft': '; danach bleiben {n}',
  'job.confirmMany': 'Dein Prompt ergibt {jobs} Aufträge: {images} Bilder aus deinem Kontingent{left}. Starten?',
  'button.runMany': '{jobs} Aufträge starten',
  'button.dropMany': 'Abbrechen',
  'job.confirmGone':
    'Diese Aufträge wurden schon gestartet oder abgebrochen, oder die Frage ist älter als 15 Minuten: sende den Prompt noch einmal.',
  'job.confirmCancelled': 'Abgebrochen: nichts wurde gestartet oder berechnet.',
  'flag.ratio': '{label} erwartet ein Seitenverhältnis wie 16:9, 3:2 oder 1:1{given}.',
  'flag.extreme': '{label} {value} ist zu extrem: höchstens 4:1 oder 1:4.',
  'flag.given': ', nicht "{value}"',
  'vary.formGone': 'Dieses Formular passt zu keiner Nachricht mehr. Nutze "{command}" noch einmal.',
  'vary.messageGone': 'Diese Nachricht ist weg, daher gibt es kein Bild zum Variieren.',
  'vary.pickStrength': 'Wähle eine der angebotenen Stärken.',

  'button.cancel': 'Abbrechen',
  'button.reroll': 'Neu würfeln',
  'button.remake': 'Neu erstellen',
  'button.remakeOrigin': 'Original neu erstellen',
  'button.info': 'Info',
  'button.delete': 'Löschen',
  'button.subtle': 'Variieren (leicht)',
  'button.region': 'Variieren (Bereich)',
  'button.paint': 'Bereich malen (Playground)',
  'button.zoom2': 'Herauszoomen 2x',
  'button.zoom15': 'Herauszoomen 1,5x',
  'button.upscaleSubtle': 'Hochskalieren (leicht)',
  'button.upscaleCreative': 'Hochskalieren (kreativ)',
  'button.strong': 'Variieren (stark)',

  'help.title': 'Atelier: Hilfe',
  'help.intro':
    'Ich male Bilder nach einer Beschreibung, auf dem eigenen Rechner der Person, die diesen Bot betreibt. Tippe {imagine} mit dem, was du sehen möchtest: Ich antworte sofort mit deinem Platz in der Warteschlange, zeige das Bild, während es entsteht, und poste dann die Bilder mit Knöpfen, um weiterzumachen.',
  'help.commands': 'Befehle',
  'help.cmd.imagine':
    'ein Bild nach einer Beschreibung malen; Optionen fügen einen negativen Prompt, das Format, einen Seed, Schritte, Guidance, die Anzahl oder ein Ausgangsbild hinzu',
  'help.cmd.info': 'deine restlichen Bilder für heute, deine Aufträge in der Warteschlange und das verwendete Modell',
  'help.cmd.queue': 'was gerade gemalt wird und was wartet, mit geschätzten Zeiten',
  'help.cmd.settings': 'deine eigenen Standardwerte für /imagine: Format, Schritte, Spoiler',
  'help.cmd.help': 'diese Hilfe, nur für dich sichtbar',
  'help.cmd.vary': 'für jedes im Kanal gepostete Bild: das Menü der Nachricht öffnen, dann Apps → **{name}**',
  'help.buttons': 'Knöpfe unter einem Bild',
  'help.button.upscale': '**U1, U2…**: dieses Bild allein, in voller Größe, mit eigenen Knöpfen',
  'help.button.vary': '**V1, V2…**: neue Varianten dieses Bildes',
  'help.button.subtle': '**{subtle}** / **{strong}**: eine nahe oder eine freiere Variante eines einzelnen Bildes',
  'help.button.reroll': '**{reroll}**: dieselbe Anfrage noch einmal mit neuen Seeds',
  'help.button.info':
    '**{info}**: wie die Bilder entstanden sind (Prompt, Seed, Größe, Schritte, Modell), nur für dich sichtbar',
  'help.button.delete': '**{delete}**: löscht die Bilder (wer sie erstellt hat oder die Moderation)',
  'help.button.cancel':
    '**{cancel}**: stoppt einen wartenden oder laufenden Auftrag (wer ihn erstellt hat oder die Moderation); es wird nichts berechnet',
  'help.flags': 'Flags im Prompt',
  'help.flagsText':
    'Hänge sie an das Ende des Prompts: `--ar 16:9` das Format, `--seed 42` dasselbe Bild noch einmal, `--no text` was nicht vorkommen soll, `--steps 30` mehr Entrauschungsschritte, `--guidance 7` wie genau der Prompt befolgt wird.',
  'help.english':
    'Das Modell versteht nur Englisch: Schreib deinen Prompt auf Englisch, dann wird das Ergebnis am besten. Alles andere (Befehle, Antworten, Knöpfe) folgt deiner Discord-Sprache.',
  'help.limits': 'Deine Limits hier',
  'help.limit.banned': 'Du bist auf diesem Server für Atelier gesperrt.',
  'help.limit.imagesUnlimited': 'Bilder: Für dich gibt es kein Tageslimit.',
  'help.limit.imagesNone': 'Bilder: Du kannst hier keine Bilder erstellen.',
  'help.limit.images': {
    one: 'Bilder: {left} von {count} übrig in den letzten 24 Stunden (fortlaufend).',
    other: 'Bilder: {left} von {count} übrig in den letzten 24 Stunden (fortlaufend).',
  },
  'help.limit.cooldown': 'Wartezeit: {duration} zwischen zwei Anfragen.',
  'help.limit.noCooldown': 'Wartezeit: keine.',
  'help.limit.queued': {
    one: 'Höchstens {count} wartender Auftrag gleichzeitig.',
    other: 'Höchstens {count} wartende Aufträge gleichzeitig.',
  },
  'help.limit.size': 'Größtes Bild: {width}×{height} Pixel, bis zu {steps} Schritte, {images} Bilder pro Anfrage.',
  'help.limit.uploadsOff': 'Eigene Ausgangsbilder sind hier abgeschaltet.',
  'help.model': 'Was das Modell kann',
  'help.modelLoading': 'Das Modell wird noch geladen; frag in einer Minute noch einmal.',
  'help.modelDemo':
    'Dieser Bot nutzt das kleine Demo-Modell, das Atelier mitbringt. Es malt eine Form ({shapes}) in einer Farbe ({colours}) {positions}, auf einem Hintergrund in einer anderen Farbe, zum Beispiel „a red star on the left on a blue background“. Es kennt nur diese englischen Wörter und ignoriert alle anderen.',
  'help.modelReal':
    'Das Modell ist **{name}**. Es folgt kurzen, konkreten englischen Beschreibungen am besten und liest nur die ersten etwa 75 Wortteile eines Prompts; lesbarer Text, Hände und genaue Anzahlen gehen oft schief.',
  'help.moderators': 'Für die Moderation (Server verwalten)',
  'help.mod.limits': 'die Limits für den Server, eine Rolle oder ein Mitglied ansehen oder ändern',
  'help.mod.ban': 'einem Mitglied Atelier hier sperren, befristet oder dauerhaft',
  'help.mod.unban': 'eine Sperre aufheben',
  'help.mod.blocklist': 'Wörter und Muster, die Prompts hier nicht enthalten dürfen',
  'help.mod.usage': 'wie viel Atelier genutzt wurde: Summen, aktivste Mitglieder, Ablehnungen, ein Diagramm',
  'help.mod.modlog': 'die letzten Aktionen der Moderation',
  'help.mod.queueRemove': 'den Auftrag einer Person aus der Warteschlange nehmen, mit einem Grund, den sie sieht',
  'help.mod.health': 'ob der Bot rund läuft: Gateway, Datenbank, Bildgenerator, Modell, Warteschlange',
  'help.mod.buttons': 'Mit den Knöpfen unter den Bildern kannst du außerdem die Bilder aller abbrechen oder löschen.',
  'mod.target.guildWithTarget':
    'Du hast die Ebene **Server** gewählt, aber auch eine Rolle oder ein Mitglied angegeben. Wähle für sie die Ebene Rolle oder Mitglied, oder lass sie weg.',
  'mod.target.roleNeedsRole':
    'Die Ebene **Rolle** braucht die Option `rolle`: Wähle die Rolle, für die das Limit gilt.',
  'mod.target.roleNotUser': 'Die Ebene **Rolle** nimmt eine Rolle, kein Mitglied: Lass die Option `mitglied` weg.',
  'mod.target.everyone': '@everyone ist der ganze Server: Nimm stattdessen die Ebene **Server**.',
  'mod.target.userNeedsUser':
    'Die Ebene **Mitglied** braucht die Option `mitglied`: Wähle das Mitglied, für das das Limit gilt.',
  'mod.target.userNotRole': 'Die Ebene **Mitglied** nimmt ein Mitglied, keine Rolle: Lass die Option `rolle` weg.',
  'mod.target.level': '„{level}“ ist keine Ebene: Wähle Server, Rolle oder Mitglied.',
  'mod.target.showOne': 'Bitte eins nach dem anderen: eine Rolle oder ein Mitglied, nicht beides.',
  'mod.target.guild': 'den Server',
  'mod.target.role': 'die Rolle {role}',
  'mod.target.user': 'das Mitglied {user}',
  'limits.show.user': '**Limits für {user}** (mit Rollen und Ausnahmen):',
  'limits.show.userNoOwn': 'Keine eigenen Ausnahmen.',
  'limits.show.role': '**Ausnahmen für die Rolle {role}:**',
  'limits.show.roleNone': 'Keine: Mitglieder mit dieser Rolle haben die Limits des Servers.',
  'limits.show.roleRule':
    'Hat ein Mitglied mehrere Rollen mit Ausnahmen, zählt der großzügigste Wert; eine eigene Ausnahme des Mitglieds geht allen vor.',
  'limits.show.guild': '**Limits auf diesem Server** (Standardwerte und Ausnahmen des Servers):',
  'limits.show.overrides': '**Ausnahmen:**',
  'limits.show.hint': 'Ändere eines mit `/limits setzen`; die eines Mitglieds zeigt `/limits anzeigen mitglied:`.',
  'limits.source.default': 'Standard',
  'limits.source.guild': 'Server',
  'limits.source.role': 'Rolle {role}',
  'limits.source.user': 'Mitglied',
  'limits.overrides.none': 'Keine Ausnahmen: Jedes Limit steht auf dem Standardwert.',
  'limits.overrides.guild': 'Server',
  'limits.overrides.role': 'Rolle {role}',
  'limits.overrides.user': 'Mitglied {user}',
  'limits.notSet': 'nicht gesetzt',
  'limits.defaultWas': ' (Standard war {value})',
  'limits.set':
    '`{key}` ({label}) für {target} gesetzt: {before}{default} → {after}. Gilt ab der nächsten Anfrage, ohne Neustart.',
  'limits.resetNothing': 'Es gab nichts zurückzusetzen: Für {target} gibt es keine Ausnahmen.',
  'limits.resetNothingKey': 'Es gab nichts zurückzusetzen: Für {target} gibt es keine Ausnahme für `{key}`.',
  'limits.reset': {
    one: 'Ausnahme für {target} entfernt: {list}. {next}',
    other: '{count} Ausnahmen für {target} entfernt: {list}. {next}',
  },
  'limits.resetWas': '`{key}` (war {value})',
  'limits.defaultsApply': 'Ab der nächsten Anfrage gelten wieder die Standardwerte.',
  'limits.guildApplies': 'Ab der nächsten Anfrage gelten wieder die Limits des Servers.',
  'ban.noReason': 'Gib einen Grund an: Er wird im Protokoll gespeichert und der Person angezeigt.',
  'ban.self': 'Du kannst dich nicht selbst sperren.',
  'ban.bot': '{user} ist ein Bot: Bots können die Befehle von Atelier ohnehin nicht nutzen.',
  'ban.moderator':
    '{user} hat hier die Berechtigung „Server verwalten“, daher würde eine Sperre nicht halten (sie ließe sich selbst aufheben). Entzieh zuerst die Berechtigung, wenn du es wirklich willst.',
  'ban.noEnd': 'ohne Enddatum (aufheben mit `/entsperren`)',
  'ban.until': 'für {duration}, bis {date} ({relative})',
  'ban.done': '{user} kann Atelier auf diesem Server nicht mehr nutzen, {until}. Grund: {reason}',
  'ban.cancelled': {
    one: '{count} wartender Auftrag wurde abgebrochen (und erstattet); ein bereits laufender Auftrag wird noch fertig.',
    other:
      '{count} wartende Aufträge wurden abgebrochen (und erstattet); ein bereits laufender Auftrag wird noch fertig.',
  },
  'ban.noJobs': 'Es warteten keine Aufträge.',
  'unban.done': '{user} kann Atelier auf diesem Server wieder nutzen.',
  'unban.doneReason': '{user} kann Atelier auf diesem Server wieder nutzen. (Gesperrt war die Person wegen: {reason})',
  'unban.notBanned': '{user} ist hier nicht gesperrt, es gab also nichts aufzuheben.',
  'blocklist.added':
    '`{pattern}` steht jetzt auf der Sperrliste dieses Servers. Prompts, die es enthalten, werden ab sofort abgelehnt (auch mit anderer Schreibung, Akzenten oder Leerzeichen-Tricks).',
  'blocklist.already': '`{pattern}` steht schon auf der Sperrliste (hinzugefügt von {user} {when}).',
  'blocklist.builtin':
    '`{pattern}` steht auf der eingebauten Liste, die in Kanälen ohne Altersbeschränkung gilt; sie lässt sich nicht entfernen. Markiere einen Kanal als altersbeschränkt, um es dort zu erlauben.',
  'blocklist.notFound':
    '`{pattern}` steht nicht auf der Sperrliste dieses Servers. `/sperrliste liste` zeigt die Einträge so, wie sie geschrieben wurden.',
  'blocklist.removed': '`{pattern}` wurde von der Sperrliste dieses Servers entfernt.',
  'blocklist.builtinList': '**Eingebaute Liste**, gilt in Kanälen ohne Altersbeschränkung: {words}.',
  'blocklist.serverList': {
    one: '**Sperrliste dieses Servers** ({count} Eintrag):',
    other: '**Sperrliste dieses Servers** ({count} Einträge):',
  },
  'blocklist.empty': 'Leer. Einträge fügst du mit `/sperrliste hinzufügen` hinzu.',
  'usage.head': '**Nutzung auf diesem Server: {period}**',
  'usage.headUser': '**Nutzung durch {user} auf diesem Server: {period}**',
  'usage.period.day': 'letzte 24 Stunden',
  'usage.period.week': 'letzte 7 Tage',
  'usage.period.month': 'letzte 30 Tage',
  'usage.requests': {
    one: 'Anfragen: **{requests}** ({accepted} angenommen, {refused} abgelehnt) von {count} Person',
    other: 'Anfragen: **{requests}** ({accepted} angenommen, {refused} abgelehnt) von {count} Personen',
  },
  'usage.images': 'Bilder: **{made}** erstellt ({asked} in angenommenen Anfragen gewünscht)',
  'usage.jobs': 'Aufträge: {done} fertig, {failed} fehlgeschlagen, {cancelled} abgebrochen',
  'usage.times': 'Mittlere Wartezeit {wait}, mittlere Laufzeit {run}',
  'usage.na': 'k. A.',
  'usage.top': '**Aktivste Mitglieder**',
  'usage.nobody': 'Niemand.',
  'usage.topLine': {
    one: '{rank}. {user}: {count} Bild, {requests}{refused}',
    other: '{rank}. {user}: {count} Bilder, {requests}{refused}',
  },
  'usage.requestCount': { one: '{count} Anfrage', other: '{count} Anfragen' },
  'usage.refusedCount': ' ({refused} abgelehnt)',
  'usage.refusals': '**Ablehnungen nach Grund:** {list}',
  'usage.none': 'Keine.',
  'usage.latest': '**Letzte Ablehnungen**',
  'usage.chartDescription': 'Bilder pro Tag in den letzten {days} Tagen',
  'modlog.title': '**Moderationsaktionen**, Seite {page}',
  'modlog.titleFiltered': '**Moderationsaktionen {filters}**, Seite {page}',
  'modlog.by': 'von {user}',
  'modlog.about': 'zu {user}',
  'modlog.newestFirst': ' (neueste zuerst)',
  'modlog.nothing': 'Noch nichts.',
  'modlog.tooFar': 'So weit zurück gibt es keine Einträge.',
  'modlog.more': 'Mehr mit `/mod-protokoll seite:{page}`.',
  'audit.limits.set': 'setzte ein Limit für',
  'audit.limits.reset': 'setzte Limits zurück für',
  'audit.ban': 'sperrte',
  'audit.unban': 'entsperrte',
  'audit.blocklist.add': 'setzte auf die Sperrliste:',
  'audit.blocklist.remove': 'entfernte von der Sperrliste:',
  'audit.queue.remove': 'entfernte einen Auftrag von',
  'audit.until': ' bis {date}',
  'audit.noEnd': ' ohne Ende',
  'health.unavailable': 'In diesem Prozess gibt es keinen Gesundheitsbericht.',
  'health.ready': '**Bereit** (läuft seit {seconds} s)',
  'health.notReady': '**Nicht bereit** (läuft seit {seconds} s)',
  'health.gatewayReady': 'Gateway: bereit',
  'health.gatewayNotReady': 'Gateway: nicht bereit',
  'health.ping': ', Ping {ms} ms',
  'health.gatewayUnused': 'Gateway: nicht verwendet',
  'health.dbWritable': 'Datenbank: beschreibbar',
  'health.dbNotWritable': 'Datenbank: nicht beschreibbar',
  'health.inference': 'Inferenz: {model} auf {provider}',
  'health.inferenceDown': 'Inferenz: läuft nicht oder Modell nicht geladen',
  'health.queue': 'Warteschlange: {waiting} wartend, {running} laufend',
  'health.notAccepting': ' (nimmt nichts an: wird beendet)',
  'duration.help':
    'Gib eine Dauer wie 30m, 12h, 7d oder 2w an (Minuten, Stunden, Tage, Wochen), oder lass sie weg für eine Sperre ohne Ende.',
  'duration.empty': 'Die Dauer ist leer. {help}',
  'duration.unit': '„{unit}“ ist in „{input}“ keine Einheit, die ich kenne. {help}',
  'duration.bad': '„{input}“ ist keine Dauer, die ich verstehe. {help}',
  'duration.short': 'Eine Sperre muss mindestens eine Minute dauern.',
  'duration.long': 'Das ist länger als ein Jahr: Lass die Dauer weg für eine Sperre ohne Ende.',
  'editSize.editWidth': 'Das bearbeitete Bild wäre {width} px breit, über der Breitengrenze von {max} px.',
  'editSize.editHeight': 'Das bearbeitete Bild wäre {height} px hoch, über der Höhengrenze von {max} px.',
  'editSize.editPixels':
    'Das bearbeitete Bild hätte {width}x{height} ({pixels} Pixel), über der Grenze von {max} Pixeln.',
  'editSize.upscaleWidth': 'Das vergrößerte Bild wäre {width} px breit, über der Breitengrenze von {max} px.',
  'editSize.upscaleHeight': 'Das vergrößerte Bild wäre {height} px hoch, über der Höhengrenze von {max} px.',
  'editSize.upscalePixels':
    'Das vergrößerte Bild hätte {width}x{height} ({pixels} Pixel), über der Grenze von {max} Pixeln.',
  'editSize.panWidth':
    'Nach {direction} erweitert wäre das Bild {width} px breit, über der Breitengrenze von {max} px.',
  'editSize.panHeight': 'Nach {direction} erweitert wäre das Bild {height} px hoch, über der Höhengrenze von {max} px.',
  'editSize.panPixels':
    'Nach {direction} erweitert hätte das Bild {width}x{height} ({pixels} Pixel), über der Grenze von {max} Pixeln.',
  'editSize.dir.left': 'links',
  'editSize.dir.right': 'rechts',
  'editSize.dir.up': 'oben',
  'editSize.dir.down': 'unten',
  'request.promptTooLong':
    'Der Prompt ist {chars} Zeichen lang; höchstens {max} sind erlaubt. Kürze ihn und versuch es noch einmal.',
  'request.prompt': 'Der Prompt muss Text sein.',
  'request.width': 'Die Breite muss eine ganze Zahl von Pixeln sein.',
  'request.height': 'Die Höhe muss eine ganze Zahl von Pixeln sein.',
  'request.steps': 'Die Schritte müssen eine ganze Zahl ab 1 sein.',
  'request.count': 'Bitte um mindestens ein Bild.',
  'request.seed': 'Der Seed muss eine ganze Zahl von 0 bis {max} sein.',
  'request.guidanceScale': 'Guidance muss zwischen 0 und {max} liegen.',
  'request.strength':
    'Die Stärke muss größer als 0 und höchstens 1 sein (wie weit sich das Ergebnis von deinem Bild entfernt).',
  'request.scheduler': 'Der Scheduler muss einer von diesen sein: {choices}.',
  'remix.title': 'Remix: Prompt ändern',
  'remix.unknownForm': 'Dieses Formular versteht der Bot nicht mehr.',
  'remix.emptyPrompt': 'Der Prompt ist leer: Beschreibe das Bild, das du möchtest.',
  'limits.value.unlimited': 'unbegrenzt',
  'limits.value.none': 'keine',
  'limits.value.modelOwn': 'der des Modells',
  'limits.value.botModel': 'das des Bots',
  'limitValue.guildOnlyRole': '{key} lässt sich nur für den ganzen Server setzen, nicht für eine Rolle.',
  'limitValue.guildOnlyUser': '{key} lässt sich nur für den ganzen Server setzen, nicht für ein Mitglied.',
  'limitValue.model':
    '{key} nimmt den Namen eines installierten Modells (/imagine model: schlägt sie vor), oder „default“ für das des Bots.',
  'limitValue.scheduler': '{key} nimmt einen Scheduler: einen von {choices}, oder „default“ für den des Modells.',
  'limitValue.switch': '{key} ist ein Schalter: Nimm yes oder no.',
  'limitValue.secondsUnlimited': '{key} ist in Sekunden: Nimm 0 für keine Wartezeit.',
  'limitValue.wholeSeconds': '{key} nimmt eine ganze Zahl von Sekunden (0 für keine).',
  'limitValue.whole': '{key} nimmt eine ganze Zahl ({label}) oder „unlimited“.',
  'limitValue.maxCooldown': '{key} darf höchstens {max} Sekunden (7 Tage) sein.',
  'limitValue.maxQuota': '{key} darf höchstens {max} sein; oder nimm „unlimited“.',
  'limitValue.atLeastOne': '{key} muss mindestens 1 sein.',
  'limitValue.ceiling':
    '{key} darf höchstens {max} sein, die Obergrenze, die der Betreiber des Bots in der Konfiguration gesetzt hat.',
  'limitValue.multiple8':
    '{key} muss ein Vielfaches von 8 sein (die Modelle arbeiten in 8-Pixel-Blöcken), z. B. {example}.',
  'limitValue.noSuchKey': 'Es gibt kein Limit namens „{key}“. Die Limits sind: {keys}.',
  'ban.endsBeforeStart': 'Die Sperre würde enden, bevor sie beginnt: Gib eine Dauer in der Zukunft an.',
  'blocklistEntry.backreference':
    'Rückverweise (wie \\1) werden nicht unterstützt: Die Suchmaschine (RE2) garantiert eine Laufzeit proportional zum Prompt, und Rückverweise machen das unmöglich. Zähle stattdessen die Alternativen auf.',
  'blocklistEntry.lookaround':
    'Lookahead und Lookbehind ((?=…), (?!…), (?<=…), (?<!…)) werden nicht unterstützt: Die Suchmaschine (RE2) garantiert eine Laufzeit proportional zum Prompt, und Lookaround macht das unmöglich. Nimm \\b für Wortgrenzen oder leg einen eigenen Eintrag an.',
  'blocklistEntry.invalid': 'Das ist kein regulärer Ausdruck, den die Suchmaschine (RE2) akzeptiert: {error}',
  'blocklistEntry.tooBig':
    'Dieser reguläre Ausdruck ist zu groß: Er ergibt {size} Schritte, ein Eintrag darf höchstens {max} haben, damit die Prüfung eines Prompts schnell bleibt. Gezählte Wiederholungen multiplizieren sich ({repeat} sind 30 Schritte): Kürze ihn oder teile ihn in mehrere Einträge auf.',
  'blocklistEntry.empty': 'Der Eintrag ist leer: Gib ein Wort, eine Wortgruppe oder /einen regulären Ausdruck/ an.',
  'blocklistEntry.tooLong': 'Der Eintrag ist zu lang (höchstens {max} Zeichen).',
  'blocklistEntry.flags': 'Nach dem schließenden / sind nur die Flags i, u und s erlaubt, nicht „{flags}“.',
  'blocklistEntry.noWords': 'Der Eintrag hat weder Buchstaben noch Ziffern; nimm /regex/, um Symbole zu sperren.',
  'blocklistEntry.guildTooBig':
    'Die /regex/-Einträge dieses Servers ergäben zusammen {size} Schritte, die Grenze ist {max}, damit die Prüfung eines Prompts schnell bleibt. Entferne eine Regex, die du nicht mehr brauchst (`/sperrliste liste`), oder nimm einfache Wörter, die diese Grenze nicht belasten.',
  'blocklistEntry.unusable': '„{input}“ kann kein Eintrag der Sperrliste sein.',
  'blocklistEntry.matchesEmpty':
    '„{input}“ passt auf einen leeren Prompt und würde damit jede Anfrage sperren. Lass ihn auf ein bestimmtes Wort oder eine Wortgruppe passen.',
  'blocklistEntry.matchesAll':
    '„{input}“ passt auf fast alles (zum Beispiel „{example}“) und würde damit gewöhnliche Prompts sperren. Mach ihn genauer.',
};

export const de: Catalog<MessageKey> = { lang: 'de', messages, commands };
