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
};
const aspect: Record<string, string> = {
  '1:1': '1:1 quadratisch', '3:2': '3:2 Querformat', '2:3': '2:3 Hochformat', '16:9': '16:9 Breitbild', '9:16': '9:16 hohes Hochformat',
};
const role: CommandText = { name: 'rolle', description: 'Die Rolle (für die Ebene Rolle)' };
const user: CommandText = { name: 'mitglied', description: 'Das Mitglied (für die Ebene Mitglied)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'malen',
    description: 'Ein Bild nach einer Beschreibung malen',
    options: {
      prompt: { name: 'prompt', description: 'Was gemalt werden soll, auf Englisch (auch mit Flags: --ar 16:9 --seed 42 --no text)' },
      negative: { name: 'negativ', description: 'Was nicht im Bild vorkommen soll' },
      aspect: { name: 'format', description: 'Die Form des Bildes', choices: aspect },
      seed: { name: 'seed', description: 'Gleicher Seed, gleiches Bild (zufällig, wenn leer)' },
      steps: { name: 'schritte', description: 'Entrauschungsschritte: mehr dauert länger und wird oft feiner' },
      guidance: { name: 'guidance', description: 'Wie genau der Prompt befolgt wird (0-30)' },
      count: { name: 'anzahl', description: 'Wie viele Bilder' },
      image: { name: 'bild', description: 'Von diesem Bild ausgehen (PNG, JPEG oder WebP)' },
      strength: { name: 'stärke', description: 'Mit einem Bild: wie weit sich das Ergebnis davon entfernt (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: { name: 'scheduler', description: 'Wie aus Rauschen ein Bild wird (Standard: der des Modells)', choices: schedulerLabels },
    },
  },
  info: { name: 'info', description: 'Deine restlichen Bilder für heute, deine Aufträge in der Warteschlange und das Modell' },
  help: { name: 'hilfe', description: 'Was Atelier kann, seine Befehle und Knöpfe und deine Limits' },
  queue: {
    name: 'warteschlange',
    description: 'Was gerade gemalt wird und was wartet, mit geschätzten Zeiten',
    options: {
      remove: { name: 'entfernen', description: 'Moderation: diesen Auftrag (seine Nummer) aus der Warteschlange nehmen' },
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
          aspect_ratio: { name: 'format', description: 'Die Form deiner Bilder', choices: { ...aspect, default: 'Standard des Bots' } },
          steps: { name: 'schritte', description: 'Entrauschungsschritte (0: Standard des Modells)' },
          spoiler: { name: 'spoiler', description: 'Deine Bilder als Spoiler posten' },
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
      add: { name: 'hinzufügen', description: 'Ein Wort, eine Wendung oder einen /regulären Ausdruck/ sperren', options: {
        pattern: { name: 'eintrag', description: 'z. B. gore, "blood bath" oder /sk(u|e)ll?s?/' },
      } },
      remove: { name: 'entfernen', description: 'Einen Eintrag freigeben, so geschrieben wie beim Hinzufügen', options: {
        pattern: { name: 'eintrag', description: 'Der Eintrag, der entfernt wird' },
      } },
      list: { name: 'liste', description: 'Die Einträge dieses Servers und die eingebaute Liste anzeigen' },
    },
  },
  limits: {
    name: 'limits',
    description: 'Ansehen oder ändern, wie viel Atelier hier genutzt werden darf (Moderation)',
    options: {
      show: { name: 'anzeigen', description: 'Die geltenden Limits: für den Server, eine Rolle oder ein Mitglied', options: {
        role: { name: 'rolle', description: 'Die Ausnahmen dieser Rolle anzeigen' },
        user: { name: 'mitglied', description: 'Die Limits anzeigen, die für dieses Mitglied gelten' },
      } },
      set: { name: 'setzen', description: 'Ein Limit für den Server, eine Rolle oder ein Mitglied ändern (gilt sofort)', options: {
        level: { name: 'ebene', description: 'Für wen das Limit gilt', choices: level },
        key: { name: 'limit', description: 'Welches Limit', choices: limitKey },
        value: { name: 'wert', description: 'Eine Zahl, "unlimited", 0 oder yes/no für Schalter' },
        role, user,
      } },
      reset: { name: 'zurücksetzen', description: 'Eine Ausnahme entfernen, sodass wieder die Ebene darunter gilt', options: {
        level: { name: 'ebene', description: 'Wessen Ausnahme', choices: level },
        key: { name: 'limit', description: 'Welches Limit (alle, wenn leer)', choices: limitKey },
        role, user,
      } },
    },
  },
  usage: {
    name: 'nutzung',
    description: 'Wie viel Atelier hier genutzt wurde: Summen, Top-Mitglieder, Ablehnungen, Diagramm (Moderation)',
    options: {
      period: { name: 'zeitraum', description: 'Wie weit zurück (eine Woche, wenn leer)', choices: {
        day: 'Tag (letzte 24 Stunden)', week: 'Woche (letzte 7 Tage)', month: 'Monat (letzte 30 Tage)',
      } },
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
  'Vary this image': { name: 'Dieses Bild variieren' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand': 'Diesen Befehl kennt diese Version des Bots nicht. Tippe /, um die aktuellen Befehle zu sehen.',
  'router.unknownButton': 'Diesen Knopf versteht der Bot nicht mehr. Erstelle ein neues Bild mit /imagine.',
  'router.bug': 'Bei uns ist etwas schiefgelaufen (Fehler-ID `{errorId}`). Bitte versuche es noch einmal; wenn es wieder passiert, nenne der Person, die den Bot betreibt, diese ID.',

  'job.modelLoading': 'Das Bildmodell wird noch geladen. Bitte versuche es in einer Minute noch einmal.',
  'job.dmOff': 'Ich male hier nur auf Servern; Direktnachrichten sind vom Betreiber des Bots abgeschaltet.',
  'job.blockedWord': 'Dein Prompt enthält „{word}“, was außerhalb altersbeschränkter Kanäle nicht erlaubt ist. Formuliere ihn um und versuche es noch einmal; es wurde nichts berechnet.',
  'job.blockedWordHere': 'Dein Prompt enthält „{word}“, was dieser Server nicht erlaubt. Formuliere ihn um und versuche es noch einmal; es wurde nichts berechnet.',
  'job.blockedPattern': 'Dein Prompt enthält ein gesperrtes Muster, das außerhalb altersbeschränkter Kanäle nicht erlaubt ist. Formuliere ihn um und versuche es noch einmal; es wurde nichts berechnet.',
  'job.blockedPatternHere': 'Dein Prompt enthält ein gesperrtes Muster, das dieser Server nicht erlaubt. Formuliere ihn um und versuche es noch einmal; es wurde nichts berechnet.',
  'job.refusedPublicNote': '-# Diese Anfrage wurde nicht gestartet; den Grund hast du privat erhalten.',

  'button.cancel': 'Abbrechen',
  'button.reroll': 'Neu würfeln',
  'button.info': 'Info',
  'button.delete': 'Löschen',
  'button.subtle': 'Variieren (leicht)',
  'button.strong': 'Variieren (stark)',

  'help.title': 'Atelier: Hilfe',
  'help.intro': 'Ich male Bilder nach einer Beschreibung, auf dem eigenen Rechner der Person, die diesen Bot betreibt. Tippe {imagine} mit dem, was du sehen möchtest: Ich antworte sofort mit deinem Platz in der Warteschlange, zeige das Bild, während es entsteht, und poste dann die Bilder mit Knöpfen, um weiterzumachen.',
  'help.commands': 'Befehle',
  'help.cmd.imagine': 'ein Bild nach einer Beschreibung malen; Optionen fügen einen negativen Prompt, das Format, einen Seed, Schritte, Guidance, die Anzahl oder ein Ausgangsbild hinzu',
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
  'help.button.info': '**{info}**: wie die Bilder entstanden sind (Prompt, Seed, Größe, Schritte, Modell), nur für dich sichtbar',
  'help.button.delete': '**{delete}**: löscht die Bilder (wer sie erstellt hat oder die Moderation)',
  'help.button.cancel': '**{cancel}**: stoppt einen wartenden oder laufenden Auftrag (wer ihn erstellt hat oder die Moderation); es wird nichts berechnet',
  'help.flags': 'Flags im Prompt',
  'help.flagsText': 'Hänge sie an das Ende des Prompts: `--ar 16:9` das Format, `--seed 42` dasselbe Bild noch einmal, `--no text` was nicht vorkommen soll, `--steps 30` mehr Entrauschungsschritte, `--guidance 7` wie genau der Prompt befolgt wird.',
  'help.english': 'Das Modell versteht nur Englisch: Schreib deinen Prompt auf Englisch, dann wird das Ergebnis am besten. Alles andere (Befehle, Antworten, Knöpfe) folgt deiner Discord-Sprache.',
  'help.limits': 'Deine Limits hier',
  'help.limit.banned': 'Du bist auf diesem Server für Atelier gesperrt.',
  'help.limit.imagesUnlimited': 'Bilder: Für dich gibt es kein Tageslimit.',
  'help.limit.imagesNone': 'Bilder: Du kannst hier keine Bilder erstellen.',
  'help.limit.images': { one: 'Bilder: {left} von {count} übrig in den letzten 24 Stunden (fortlaufend).', other: 'Bilder: {left} von {count} übrig in den letzten 24 Stunden (fortlaufend).' },
  'help.limit.cooldown': 'Wartezeit: {duration} zwischen zwei Anfragen.',
  'help.limit.noCooldown': 'Wartezeit: keine.',
  'help.limit.queued': { one: 'Höchstens {count} wartender Auftrag gleichzeitig.', other: 'Höchstens {count} wartende Aufträge gleichzeitig.' },
  'help.limit.size': 'Größtes Bild: {width}×{height} Pixel, bis zu {steps} Schritte, {images} Bilder pro Anfrage.',
  'help.limit.uploadsOff': 'Eigene Ausgangsbilder sind hier abgeschaltet.',
  'help.model': 'Was das Modell kann',
  'help.modelLoading': 'Das Modell wird noch geladen; frag in einer Minute noch einmal.',
  'help.modelDemo': 'Dieser Bot nutzt das kleine Demo-Modell, das Atelier mitbringt. Es malt eine Form ({shapes}) in einer Farbe ({colours}) {positions}, auf einem Hintergrund in einer anderen Farbe, zum Beispiel „a red star on the left on a blue background“. Es kennt nur diese englischen Wörter und ignoriert alle anderen.',
  'help.modelReal': 'Das Modell ist **{name}**. Es folgt kurzen, konkreten englischen Beschreibungen am besten und liest nur die ersten etwa 75 Wortteile eines Prompts; lesbarer Text, Hände und genaue Anzahlen gehen oft schief.',
  'help.moderators': 'Für die Moderation (Server verwalten)',
  'help.mod.limits': 'die Limits für den Server, eine Rolle oder ein Mitglied ansehen oder ändern',
  'help.mod.ban': 'einem Mitglied Atelier hier sperren, befristet oder dauerhaft',
  'help.mod.unban': 'eine Sperre aufheben',
  'help.mod.blocklist': 'Wörter und Muster, die Prompts hier nicht enthalten dürfen',
  'help.mod.usage': 'wie viel Atelier genutzt wurde: Summen, aktivste Mitglieder, Ablehnungen, ein Diagramm',
  'help.mod.modlog': 'die letzten Aktionen der Moderation',
  'help.mod.queueRemove': 'den Auftrag einer Person aus der Warteschlange nehmen, mit einem Grund, den sie sieht',
  'help.mod.buttons': 'Mit den Knöpfen unter den Bildern kannst du außerdem die Bilder aller abbrechen oder löschen.',
};

export const de: Catalog<MessageKey> = { lang: 'de', messages, commands };
