/** Français. */
import { schedulerLabels } from '../diffusion/types.ts';
import type { MessageKey } from './index.ts';
import type { Catalog, CommandText } from './types.ts';

const level: Record<string, string> = {
  guild: 'serveur (tout le monde ici)',
  role: 'rôle (les membres ayant un rôle)',
  user: 'membre (une seule personne)',
};
const limitKey: Record<string, string> = {
  userImagesPerDay: 'userImagesPerDay : images par membre sur 24 h glissantes',
  userCooldownSeconds: 'userCooldownSeconds : délai entre deux demandes',
  userMaxQueued: 'userMaxQueued : tâches en attente par membre',
  guildImagesPerDay: 'guildImagesPerDay : images par serveur sur 24 h glissantes',
  maxSteps: 'maxSteps : étapes par image',
  maxWidth: "maxWidth : largeur de l'image",
  maxHeight: "maxHeight : hauteur de l'image",
  maxPixels: 'maxPixels : pixels par image (largeur x hauteur)',
  maxImagesPerRequest: 'maxImagesPerRequest : images par demande',
  allowUploads: "allowUploads : envoi d'images autorisé",
  spoilerRequired: 'spoilerRequired : images publiées en spoiler',
  defaultScheduler: 'defaultScheduler: planificateur de /imagine quand aucun n’est choisi',
  defaultModel: 'defaultModel: modèle de /imagine quand aucun n’est choisi',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 carré',
  '3:2': '3:2 paysage',
  '2:3': '2:3 portrait',
  '16:9': '16:9 panoramique',
  '9:16': '9:16 portrait allongé',
};
const role: CommandText = { name: 'rôle', description: 'Le rôle (pour le niveau rôle)' };
const user: CommandText = { name: 'membre', description: 'Le membre (pour le niveau membre)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'imagine',
    description: "Peindre une image d'après une description",
    options: {
      prompt: {
        name: 'prompt',
        description: "Ce qu'il faut peindre, en anglais (options possibles : --ar 16:9 --seed 42 --no text)",
      },
      negative: { name: 'négatif', description: "Ce qu'il faut garder hors de l'image" },
      aspect: { name: 'format', description: "La forme de l'image", choices: aspect },
      seed: { name: 'graine', description: 'Même graine, même image (aléatoire si absente)' },
      steps: { name: 'étapes', description: "Étapes de débruitage : plus il y en a, plus c'est lent et souvent fin" },
      guidance: { name: 'guidage', description: 'À quel point suivre le prompt (0-30)' },
      count: { name: 'nombre', description: "Combien d'images" },
      image: { name: 'image', description: 'Partir de cette image (PNG, JPEG ou WebP)' },
      strength: { name: 'force', description: "Avec une image : à quel point s'en éloigner (0,05-1)" },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: {
        name: 'planificateur',
        description: "Comment passer du bruit à l'image (par défaut : celui du modèle)",
        choices: schedulerLabels,
      },
      model: { name: 'modèle', description: 'Quel modèle installé la peint (par défaut : celui du serveur)' },
    },
  },
  info: { name: 'info', description: "Tes images restantes aujourd'hui, tes tâches en file et le modèle utilisé" },
  help: { name: 'aide', description: 'Ce que fait Atelier, ses commandes et ses boutons, et tes limites' },
  queue: {
    name: 'file',
    description: 'Ce qui est en cours de peinture et ce qui attend, avec les délais estimés',
    options: {
      remove: { name: 'retirer', description: 'Modération : retirer cette tâche (son numéro) de la file' },
      reason: { name: 'raison', description: 'Modération : pourquoi elle a été retirée (son auteur le verra)' },
    },
  },
  settings: {
    name: 'réglages',
    description: 'Tes propres réglages par défaut pour /imagine',
    options: {
      show: { name: 'afficher', description: 'Afficher tes réglages' },
      set: {
        name: 'modifier',
        description: 'Modifier un ou plusieurs de tes réglages',
        options: {
          aspect_ratio: {
            name: 'format',
            description: 'La forme de tes images',
            choices: { ...aspect, default: 'celui du bot par défaut' },
          },
          steps: { name: 'étapes', description: 'Étapes de débruitage (0 : celles du modèle par défaut)' },
          spoiler: { name: 'spoiler', description: 'Publier tes images en spoiler' },
          remix: {
            name: 'remix',
            description: 'Modifier le prompt avant les variations, nouveaux essais, zooms et panoramiques',
          },
        },
      },
      reset: { name: 'réinitialiser', description: 'Oublier tes réglages' },
    },
  },
  ban: {
    name: 'bannir',
    description: "Empêcher un membre d'utiliser Atelier sur ce serveur (modération)",
    options: {
      user: { name: 'membre', description: 'Qui bannir du bot' },
      reason: { name: 'raison', description: "Pourquoi (affiché quand la personne essaie d'utiliser le bot)" },
      duration: { name: 'durée', description: 'Combien de temps, par ex. 1h, 7d, 2w (sans fin si absente)' },
    },
  },
  unban: {
    name: 'débannir',
    description: "Permettre de nouveau à un membre banni d'utiliser Atelier ici (modération)",
    options: {
      user: { name: 'membre', description: 'Le membre dont lever le bannissement' },
      reason: { name: 'raison', description: 'Pourquoi (conservé dans le journal)' },
    },
  },
  blocklist: {
    name: 'liste-noire',
    description: 'Mots et motifs que les prompts ne peuvent pas contenir ici (modération)',
    options: {
      add: {
        name: 'ajouter',
        description: 'Bloquer un mot, une expression ou une /expression régulière/',
        options: {
          pattern: { name: 'entrée', description: 'par ex. gore, "blood bath" ou /sk(u|e)ll?s?/' },
        },
      },
      remove: {
        name: 'retirer',
        description: 'Débloquer une entrée, écrite comme elle a été ajoutée',
        options: {
          pattern: { name: 'entrée', description: "L'entrée à retirer" },
        },
      },
      list: { name: 'liste', description: 'Afficher les entrées de ce serveur et la liste intégrée' },
    },
  },
  limits: {
    name: 'limites',
    description: 'Voir ou modifier combien on peut utiliser Atelier ici (modération)',
    options: {
      show: {
        name: 'afficher',
        description: "Les limites en vigueur : du serveur, d'un rôle ou d'un membre",
        options: {
          role: { name: 'rôle', description: 'Afficher les exceptions de ce rôle' },
          user: { name: 'membre', description: "Afficher les limites qui s'appliquent à ce membre" },
        },
      },
      set: {
        name: 'définir',
        description: "Modifier une limite du serveur, d'un rôle ou d'un membre (immédiat)",
        options: {
          level: { name: 'niveau', description: 'Pour qui est la limite', choices: level },
          key: { name: 'limite', description: 'Quelle limite', choices: limitKey },
          value: { name: 'valeur', description: 'Un nombre, "unlimited", 0, ou yes/no pour les interrupteurs' },
          role,
          user,
        },
      },
      reset: {
        name: 'réinitialiser',
        description: 'Supprimer une exception pour revenir au niveau inférieur',
        options: {
          level: { name: 'niveau', description: "À qui est l'exception", choices: level },
          key: { name: 'limite', description: 'Quelle limite (toutes si absente)', choices: limitKey },
          role,
          user,
        },
      },
    },
  },
  usage: {
    name: 'utilisation',
    description: "L'utilisation d'Atelier ici : totaux, membres les plus actifs, refus, graphique (modération)",
    options: {
      period: {
        name: 'période',
        description: "Jusqu'où remonter (une semaine si absente)",
        choices: {
          day: 'jour (dernières 24 heures)',
          week: 'semaine (7 derniers jours)',
          month: 'mois (30 derniers jours)',
        },
      },
      user: { name: 'membre', description: 'Seulement ce membre' },
    },
  },
  modlog: {
    name: 'journal-modération',
    description: 'Les dernières actions de modération sur ce serveur (modération)',
    options: {
      page: { name: 'page', description: '1 est la plus récente' },
      moderator: { name: 'modérateur', description: 'Seulement les actions de ce modérateur' },
      target: { name: 'cible', description: 'Seulement les actions concernant ce membre' },
    },
  },
  health: {
    name: 'santé',
    description: 'Modération : le bot va-t-il bien ? Passerelle, base de données, inférence, modèle et appareil, file',
  },
  'Vary this image': { name: 'Varier cette image' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand':
    'Cette version du bot ne connaît pas cette commande. Tape / pour voir les commandes disponibles.',
  'router.unknownButton': 'Ce bot ne comprend plus ce bouton. Crée une nouvelle image avec /imagine.',
  'router.bug':
    "Un problème est survenu de notre côté (identifiant d'erreur `{errorId}`). Réessaie ; si cela se reproduit, donne cet identifiant à la personne qui gère le bot.",

  'job.notSaved':
    "Ta demande n'a pas pu être enregistrée : elle n'a pas été lancée et rien n'a été décompté (identifiant d'erreur `{errorId}`). Réessaie.",
  'job.modelLoading': "Le modèle d'images est encore en cours de chargement. Réessaie dans une minute.",
  'job.dmOff':
    'Ici, je ne crée des images que sur les serveurs : la personne qui gère le bot a désactivé les messages privés.',
  'job.blockedWord':
    "Ton prompt contient « {word} », qui n'est pas autorisé en dehors des salons soumis à une limite d'âge. Reformule-le et réessaie ; rien n'a été décompté.",
  'job.blockedWordHere':
    "Ton prompt contient « {word} », que ce serveur n'autorise pas. Reformule-le et réessaie ; rien n'a été décompté.",
  'job.blockedPattern':
    "Ton prompt contient un motif bloqué, qui n'est pas autorisé en dehors des salons soumis à une limite d'âge. Reformule-le et réessaie ; rien n'a été décompté.",
  'job.blockedPatternHere':
    "Ton prompt contient un motif bloqué, que ce serveur n'autorise pas. Reformule-le et réessaie ; rien n'a été décompté.",
  'job.refusedPublicNote': "-# Cette demande n'a pas été lancée ; la raison t'a été envoyée en privé.",
  'job.uploadAccepted': 'Ton image est bonne : la tâche démarre ci-dessous.',
  'job.acceptedBelow': 'Ta demande est prise : sa place dans la file et les images suivent ci-dessous.',

  'job.noPrompt': '*(aucun prompt)*',
  'job.variationOfImage': "variation de l'image {index} de #{job}",
  'job.variationOfPosted': "variation d'une image publiée",
  'job.variationOfUpload': "variation d'une image envoyée",
  'job.rerollOf': 'nouvel essai de #{job}',
  'job.imageOf': 'image {index} de #{job}',
  'job.fromUpload': "à partir d'une image envoyée",
  'job.strength': 'force {strength}',
  'job.waiting': "⏳ En file d'attente : **#{position}**, {when}",
  'job.startingNow': 'démarrage immédiat',
  'job.noWorker': "aucun worker ne sert le modèle **{model}** pour l'instant : démarrage dès qu'un worker le servira",
  'job.workersUnreachable':
    "les workers d'images sont injoignables pour l'instant : ta place est gardée, et ça démarre dès leur retour",
  'job.startsIn': 'démarre dans environ {duration} ({relative})',
  'job.restarted': '🔁 Le bot a redémarré ; ta tâche a gardé sa place.',
  'job.restartedWhileRunning':
    "🔁 Le bot a redémarré pendant qu'il la préparait ; ta tâche est revenue en tête de la file.",
  'job.starting': "🎨 C'est parti…",
  'job.loadingModel': '⏳ Chargement du modèle **{model}** (la première tâche avec lui depuis un moment)…',
  'job.painting': '🎨 Peinture en cours : étape {step} sur {total} ({percent})',
  'job.interrupted': '⏸️ Le bot redémarre ; cette tâche est la première de la file et reprendra dès son retour.',
  'job.cancelledByAuthor': "🚫 Annulé à ta demande. Rien n'a été décompté.",
  'job.cancelledByAuthorReason': "🚫 Annulé à ta demande ({reason}). Rien n'a été décompté.",
  'job.cancelledByModerator': "🚫 Annulé par la modération. Rien n'a été décompté.",
  'job.cancelledByModeratorReason': "🚫 Annulé par la modération ({reason}). Rien n'a été décompté.",
  'job.prepareFailed': "Les images ont été créées mais n'ont pas pu être préparées pour Discord. Réessaie.",
  'job.seed': 'graine {seed}',
  'job.seeds': 'graines {first}–{last}',
  'job.steps': { one: '{count} étape', many: "{count} d'étapes", other: '{count} étapes' },
  'job.guidance': 'guidage {guidance}',
  'job.previewDescription': 'Travail en cours',
  'job.imageDescription': 'Image générée',
  'job.reencodedWebp': 'Le PNG était trop lourd pour ce salon, il a donc été réencodé en WebP.',
  'job.reencodedJpeg': 'Le PNG était trop lourd pour ce salon, il a donc été réencodé en JPEG.',
  'job.reencodedJpegSmaller':
    'Le PNG était trop lourd pour ce salon, il a donc été réencodé en JPEG à {percent} de sa taille.',
  'job.ignoredFlags': {
    one: "Je n'ai pas compris {flags}, je l'ai donc ignoré (je comprends --ar, --seed, --no, --steps, --repeat, --chaos et --guidance).",
    other:
      "Je n'ai pas compris {flags}, je les ai donc ignorés (je comprends --ar, --seed, --no, --steps, --repeat, --chaos et --guidance).",
  },

  'info.title': 'Comment ces images ont été faites',
  'info.prompt': 'Prompt',
  'info.negative': 'Prompt négatif',
  'info.none': '*(aucun)*',
  'info.seed': 'Graine',
  'info.size': 'Taille',
  'info.steps': 'Étapes',
  'info.guidance': 'Guidage',
  'info.images': 'Images',
  'info.model': 'Modèle',
  'info.scheduler': 'Planificateur',
  'info.strength': 'Force',
  'info.madeFrom': 'Faite à partir de',
  'info.fromJob': 'tâche #{job}',
  'info.fromJobImage': 'tâche #{job}, image {index}',
  'info.job': 'Tâche',
  'info.waited': 'attente {duration}',
  'info.ran': 'calcul {duration}',
  'kind.imagine': 'nouvelle image',
  'kind.variation': 'variation',
  'kind.upscale': 'image seule',
  'kind.reroll': 'nouvel essai',
  'kind.edit': 'retouche',
  'state.queued': 'en attente',
  'state.running': 'en cours',
  'state.done': 'terminée',
  'state.failed': 'échouée',
  'state.cancelled': 'annulée',

  'quota.banned': "Tu es banni·e d'Atelier sur ce serveur. {until}",
  'quota.bannedReason': "Tu es banni·e d'Atelier sur ce serveur (raison : {reason}). {until}",
  'quota.banNoEnd': "Le bannissement n'a pas de date de fin.",
  'quota.banEnds': 'Il prend fin {when}.',
  'quota.noQueue':
    "Tu ne peux pas mettre de tâches en file ici (ta limite est 0). Demande à la modération si tu penses que c'est une erreur.",
  'quota.maxQueued': {
    one: 'Tu as déjà {count} tâche en attente, le maximum autorisé à la fois ({max}). Réessaie quand elle sera terminée.',
    many: "Tu as déjà {count} de tâches en attente, le maximum autorisé à la fois ({max}). Réessaie quand l'une d'elles sera terminée.",
    other:
      "Tu as déjà {count} tâches en attente, le maximum autorisé à la fois ({max}). Réessaie quand l'une d'elles sera terminée.",
  },
  'quota.cooldown': {
    one: 'Doucement : ici, il faut attendre {count} seconde entre deux demandes. Tu pourras redemander {when}.',
    many: 'Doucement : ici, il faut attendre {count} de secondes entre deux demandes. Tu pourras redemander {when}.',
    other: 'Doucement : ici, il faut attendre {count} secondes entre deux demandes. Tu pourras redemander {when}.',
  },
  'quota.noImages':
    "Tu ne peux pas créer d'images ici (ta limite quotidienne est 0). Demande à la modération si tu penses que c'est une erreur.",
  'quota.tooManyForDay': {
    one: 'Tu as demandé {count} image, mais tu peux en créer {limit} par jour. Demandes-en moins.',
    many: "Tu as demandé {count} d'images, mais tu peux en créer {limit} par jour. Demandes-en moins.",
    other: 'Tu as demandé {count} images, mais tu peux en créer {limit} par jour. Demandes-en moins.',
  },
  'quota.dayLeft': {
    one: 'Tu as utilisé {used} image sur {count} ces dernières 24 heures et tu en demandes {asked} ; tu peux en demander {left} maintenant, ou davantage {when}.',
    many: "Tu as utilisé {used} de tes {count} d'images ces dernières 24 heures et tu en demandes {asked} ; tu peux en demander {left} maintenant, ou davantage {when}.",
    other:
      'Tu as utilisé {used} de tes {count} images ces dernières 24 heures et tu en demandes {asked} ; tu peux en demander {left} maintenant, ou davantage {when}.',
  },
  'quota.dayUsed': {
    one: 'Tu as utilisé {used} image sur {count} ces dernières 24 heures ; elle sera de nouveau disponible {when}.',
    many: "Tu as utilisé {used} de tes {count} d'images ces dernières 24 heures ; elles seront de nouveau disponibles {when}.",
    other:
      'Tu as utilisé {used} de tes {count} images ces dernières 24 heures ; elles seront de nouveau disponibles {when}.',
  },
  'quota.later': 'plus tard',
  'quota.guildTooSmall': {
    one: 'Ce serveur peut créer {count} image par jour, pas assez pour cette demande. Demandes-en moins, ou adresse-toi à la modération.',
    many: "Ce serveur peut créer {count} d'images par jour, pas assez pour cette demande. Demandes-en moins, ou adresse-toi à la modération.",
    other:
      'Ce serveur peut créer {count} images par jour, pas assez pour cette demande. Demandes-en moins, ou adresse-toi à la modération.',
  },
  'quota.guildUsed': {
    one: 'Ce serveur a utilisé {used} image sur {count} ces dernières 24 heures. Il y en aura de nouveau {when}.',
    many: "Ce serveur a utilisé {used} de ses {count} d'images ces dernières 24 heures. Il y en aura de nouveau {when}.",
    other: 'Ce serveur a utilisé {used} de ses {count} images ces dernières 24 heures. Il y en aura de nouveau {when}.',
  },
  'quota.queueFull': {
    one: "La file est pleine : {count} tâche en attente, le maximum qu'elle peut contenir. Rien n'a été décompté ; réessaie dans quelques minutes.",
    many: "La file est pleine : {count} de tâches en attente, le maximum qu'elle peut contenir. Rien n'a été décompté ; réessaie dans quelques minutes.",
    other:
      "La file est pleine : {count} tâches en attente, le maximum qu'elle peut contenir. Rien n'a été décompté ; réessaie dans quelques minutes.",
  },
  'shape.uploads': "L'envoi d'images est désactivé ici. Redemande sans image, ou adresse-toi à la modération.",
  'shape.width':
    'Une largeur de {value} px dépasse ce qui est autorisé ici ({max} px au plus). Demande une taille plus petite ou un autre format.',
  'shape.height':
    'Une hauteur de {value} px dépasse ce qui est autorisé ici ({max} px au plus). Demande une taille plus petite ou un autre format.',
  'shape.pixels':
    '{width}x{height} font {value} pixels, plus que ce qui est autorisé ici ({max} au plus). Demande une taille plus petite.',
  'shape.steps': "{value} étapes, c'est plus que ce qui est autorisé ici ({max} au plus). Demandes-en {max} ou moins.",
  'shape.images':
    "{value} images à la fois, c'est plus que ce qui est autorisé ici ({max} au plus). Demandes-en moins.",

  'button.unknownJob':
    "Je n'ai aucune trace de la tâche #{job} ici, ce bouton ne peut donc rien faire. Crée une nouvelle image avec /imagine.",
  'button.deletedJob': 'Ces images ont été supprimées, leurs boutons ne fonctionnent donc plus.',
  'button.notDone':
    "Cette tâche n'est pas encore terminée, elle n'a donc pas d'images à utiliser. Clique de nouveau quand elle sera prête.",
  'button.failedJob':
    "Cette tâche a échoué, elle n'a donc pas d'images à utiliser. Crée une nouvelle image avec /imagine.",
  'button.cancelledJob':
    "Cette tâche a été annulée, elle n'a donc pas d'images à utiliser. Crée une nouvelle image avec /imagine.",
  'button.imageGoneDerived':
    "L'image {index} de la tâche #{job} a expiré, tout comme l'image dont elle est issue (c'est une variation ou une retouche) : elle ne peut donc pas être refaite à l'identique. **Refaire l'original** repeint la tâche #{origin} avec le même prompt, les mêmes réglages et la même graine, donc les mêmes images ; variez ou retouchez ensuite la nouvelle.",
  'button.imageGone':
    "L'image {index} de la tâche #{job} a expiré (les anciennes images sont effacées au bout d'un moment pour gagner de la place), ce bouton ne peut donc pas l'utiliser. Pour la refaire, lance /imagine avec le même prompt, les mêmes réglages et `--seed {seed}` (le bouton Info les affiche).",
  'button.notOwnerDelete': 'Seule la personne qui a demandé ces images, ou la modération, peut les supprimer.',
  'button.notOwnerCancel': "Seule la personne qui a demandé cette tâche, ou la modération, peut l'annuler.",
  'button.alreadyFinished': "Cette tâche est déjà terminée, il n'y a donc rien à annuler.",
  'button.alreadyCancelled': "Cette tâche a déjà été annulée, il n'y a donc rien à annuler.",
  'button.alreadyFailed': "Cette tâche a déjà échoué, il n'y a donc rien à annuler.",
  'button.alreadyGone': "Cette tâche n'existe plus, il n'y a donc rien à annuler.",
  'job.noImg2img': "Le modèle chargé ({model}) ne peut pas partir d'une image. Redemande sans image.",
  'job.badStrength': 'La force ne compte que si tu joins une image de départ. Joins-en une, ou retire la force.',
  'job.badScheduler': "Aucun planificateur ne s'appelle « {name} » ; choisis parmi {choices}.",
  'job.badModel': "Aucun modèle installé ne s'appelle « {name} » ; choisis parmi {choices}.",
  'vary.noPicture':
    "Ce message n'a pas d'image jointe. Utilise « {command} » sur un message avec une image PNG, JPEG ou WebP.",
  'vary.notPicture':
    "La pièce jointe de ce message (`{file}`) n'est pas une image. Utilise « {command} » sur un message avec une image PNG, JPEG ou WebP.",
  'vary.noImg2img':
    "Le modèle chargé ({model}) ne peut pas partir d'une image, il ne peut donc pas faire de variations. Utilise plutôt /imagine avec un prompt.",
  'upload.pixels':
    "Cette image fait {width}x{height} pixels ({megapixels} mégapixels) ; j'accepte des images jusqu'à {max} mégapixels et {side} pixels de côté. Réduis-la et réessaie.",
  'upload.type':
    '`{file}` est un fichier {type}, pas une image dont je peux partir. Joins une image PNG, JPEG ou WebP.',
  'upload.unknownType':
    "`{file}` est d'un type de fichier que je ne connais pas, pas une image dont je peux partir. Joins une image PNG, JPEG ou WebP.",
  'upload.size':
    "`{file}` pèse {size} ; j'accepte des images jusqu'à {max}. Enregistre-la plus légère (un JPEG ou un WebP est bien plus léger qu'un PNG) et réessaie.",
  'upload.host':
    "Je ne télécharge que des images envoyées sur Discord même, et celle-ci pointe ailleurs. Envoie l'image sur Discord (en pièce jointe) et réessaie.",
  'upload.timeout':
    "Le téléchargement de ton image depuis Discord a pris plus de {seconds} s, je l'ai donc arrêté. Réessaie dans un instant, ou envoie une image plus petite.",
  'upload.failed':
    "Le téléchargement de ton image depuis Discord a échoué (connexion refusée ou coupée). Réessaie dans un instant, ou envoie l'image de nouveau.",
  'upload.redirect':
    "Discord a envoyé l'adresse de ton image ailleurs (une redirection), ce que je ne suis pas. Envoie l'image de nouveau.",
  'upload.http':
    "Je n'ai pas pu télécharger ton image depuis Discord (HTTP {status}). Réessaie, ou envoie-la de nouveau.",
  'upload.tooBig': "Cette image pèse {size} ; j'accepte des images jusqu'à {max}.",
  'upload.overMax': "Cette image pèse plus de {max}, le maximum que j'accepte.",
  'upload.notImage': "Ce fichier n'est pas une image PNG, JPEG ou WebP (quoi qu'en dise son nom). Joins-en une.",
  'upload.damaged': "Impossible de lire cette image : le fichier semble abîmé. Essaie de l'enregistrer de nouveau.",
  'upload.noSize': "Impossible de lire cette image : elle n'a pas de taille. Essaie de l'enregistrer de nouveau.",
  'queue.restarting': "Le bot redémarre et n'accepte pas de nouvelles demandes. Réessaie dans une minute.",
  'queue.full': 'La file est pleine ({count} en attente). Réessaie dans quelques minutes.',
  'queue.userFull': {
    one: "Tu as déjà {count} tâche dans la file, le maximum par personne. Attends qu'elle se termine (ou annule-la), puis réessaie.",
    many: "Tu as déjà {count} de tâches dans la file, le maximum par personne. Attends que l'une d'elles se termine (ou annules-en une), puis réessaie.",
    other:
      "Tu as déjà {count} tâches dans la file, le maximum par personne. Attends que l'une d'elles se termine (ou annules-en une), puis réessaie.",
  },

  'info.cmd.banned': "**Tu es banni·e d'Atelier sur ce serveur**. {until}",
  'info.cmd.bannedReason': "**Tu es banni·e d'Atelier sur ce serveur** (raison : {reason}). {until}",
  'info.cmd.imagesUnlimited': {
    one: '**Images :** pas de limite quotidienne pour toi ici ({count} image ces dernières 24 heures).',
    many: "**Images :** pas de limite quotidienne pour toi ici ({count} d'images ces dernières 24 heures).",
    other: '**Images :** pas de limite quotidienne pour toi ici ({count} images ces dernières 24 heures).',
  },
  'info.cmd.imagesNone': "**Images :** tu ne peux pas créer d'images ici (ta limite quotidienne est 0).",
  'info.cmd.imagesLeft': '**Images restantes :** {left} sur {limit} sur les dernières 24 heures (glissantes).',
  'info.cmd.imagesLeftNext':
    '**Images restantes :** {left} sur {limit} sur les dernières 24 heures (glissantes) ; la prochaine se libère {when}.',
  'info.cmd.guildLeft': {
    one: '**Ce serveur :** {count} image restante sur les dernières 24 heures.',
    many: "**Ce serveur :** {count} d'images restantes sur les dernières 24 heures.",
    other: '**Ce serveur :** {count} images restantes sur les dernières 24 heures.',
  },
  'info.cmd.cooldownUntil': '**Délai :** tu pourras redemander {when}.',
  'info.cmd.cooldown': '**Délai :** {duration} entre deux demandes ; tu peux demander maintenant.',
  'info.cmd.noCooldown': '**Délai :** aucun.',
  'info.cmd.jobs': '**Tes tâches :** {running} en cours, {waiting} en attente',
  'info.cmd.jobsMax': '**Tes tâches :** {running} en cours, {waiting} en attente (tu peux en avoir {max} à la fois)',
  'info.cmd.listFollows': ' :',
  'info.cmd.end': '.',
  'info.cmd.runningJob': '• tâche {job} « {prompt} » : en cours, prête {when}',
  'info.cmd.runningJobStep': '• tâche {job} « {prompt} » : en cours, étape {step} sur {total}, prête {when}',
  'info.cmd.queuedJob': '• tâche {job} « {prompt} » : n° {position} dans la file, démarre {when}',
  'info.cmd.more': '• et {count} de plus',
  'info.cmd.queue': '**File :** {waiting} en attente, {running} en cours.',
  'info.cmd.modelLoading': '**Modèle :** encore en cours de chargement ; redemande dans un instant.',
  'info.cmd.model': {
    one: '**Modèle :** {name} ({family}, {dtype}) sur **{device}**{fallback}, {count} étape par défaut',
    many: "**Modèle :** {name} ({family}, {dtype}) sur **{device}**{fallback}, {count} d'étapes par défaut",
    other: '**Modèle :** {name} ({family}, {dtype}) sur **{device}**{fallback}, {count} étapes par défaut',
  },
  'info.cmd.fallback':
    ' ({wanted} est configuré mais indisponible ici ; le journal de la personne qui gère le bot explique comment corriger)',
  'info.cmd.demo':
    "C'est le petit modèle de démonstration fourni avec Atelier : il ne peint que des scènes simples. La personne qui gère le bot peut en installer un vrai avec `{command}`.",

  'help.button.region':
    "**{region}** : refaire une partie de l'image (une moitié, un tiers, un coin) avec un prompt que tu peux modifier",
  'help.button.zoom': "**{zoom2}** / **{zoom15}** : prendre du recul et peindre davantage autour de l'image",
  'help.button.pan': "**⬅️ ➡️ ⬆️ ⬇️** : prolonger l'image dans cette direction",
  'help.button.upscaleMore':
    '**{subtle}** : une copie plus grande, telle quelle ; **{creative}** : plus grande et repeinte avec des détails plus fins',
  'edit.regionLabel': 'Zone à refaire',
  'edit.promptLabel': 'Prompt pour la zone',
  'edit.negativeLabel': 'Prompt négatif',
  'edit.noVae': "Le modèle chargé ({model}) n'a pas d'encodeur VAE, il ne peut donc pas modifier une image.",
  'edit.badRegion': 'Choisis dans la liste la zone à refaire.',
  'edit.region.left': 'Moitié gauche',
  'edit.region.right': 'Moitié droite',
  'edit.region.top': 'Moitié haute',
  'edit.region.bottom': 'Moitié basse',
  'edit.region.left-third': 'Tiers gauche',
  'edit.region.middle-third': 'Tiers central',
  'edit.region.right-third': 'Tiers droit',
  'edit.region.centre': 'Centre',
  'edit.region.top-left': 'Coin supérieur gauche',
  'edit.region.top-right': 'Coin supérieur droit',
  'edit.region.bottom-left': 'Coin inférieur gauche',
  'edit.region.bottom-right': 'Coin inférieur droit',

  'queue.view.empty':
    "La file est vide : rien n'est en cours de peinture ni en attente. `/imagine` démarre tout de suite.",
  'queue.view.hereDm': 'ici',
  'queue.view.hereGuild': 'sur ce serveur',
  'queue.view.summary':
    '**File {where} :** {running} en cours, {waiting} en attente. **Tous les serveurs :** {allRunning} en cours, {allWaiting} en attente (place pour {room}).',
  'queue.view.summaryMine':
    '**File {where} :** {running} en cours, {waiting} en attente (à toi : {mine}). **Tous les serveurs :** {allRunning} en cours, {allWaiting} en attente (place pour {room}).',
  'queue.view.restarting': 'Le bot redémarre : les tâches en attente reprendront à son retour.',
  'queue.view.running': '**En cours**',
  'queue.view.waiting':
    '**En attente** (numérotées selon leur place dans la file de tous les serveurs ; chacun son tour)',
  'queue.view.more': '… {count} de plus',
  'queue.view.job': {
    one: 'tâche {job} : {width}×{height}, {steps}, {count} image',
    many: "tâche {job} : {width}×{height}, {steps}, {count} d'images",
    other: 'tâche {job} : {width}×{height}, {steps}, {count} images',
  },
  'queue.view.step': 'étape {step}/{total}',
  'queue.view.doneIn': 'prête {when}',
  'queue.view.startsIn': 'démarre {when}',
  'queue.view.yours': 'à toi ({mention})',
  'queue.view.moment': 'dans un instant',
  'settings.title': '**Tes réglages par défaut pour /imagine**',
  'settings.never': ' (jamais modifiés)',
  'settings.hint': "Modifie-les avec `/settings set` ; les options données à /imagine l'emportent toujours.",
  'settings.saved': 'Enregistré. Tes réglages par défaut pour /imagine sont maintenant :',
  'settings.forgotten': 'Tes réglages sont oubliés : /imagine utilise de nouveau ceux du bot.',
  'settings.none': "Tu n'avais aucun réglage enregistré, rien n'a donc changé.",
  'settings.nothing':
    'Indique au moins un réglage à modifier parmi `aspect_ratio`, `steps` ou `spoiler`/`remix`. `/settings show` les affiche.',
  'settings.aspect': '• Format : **{value}**',
  'settings.steps': '• Étapes : **{value}**',
  'settings.spoiler': '• Spoiler : **{value}**{note}',
  'settings.remix':
    '• Remix : **{value}** (activé : variations, rerolls, dézooms, panoramiques et Upscale (Creative) ouvrent d’abord un formulaire avec le prompt)',
  'settings.botDefaultRatio': 'celui du bot par défaut (1:1)',
  'settings.modelDefault': 'celles du modèle par défaut',
  'settings.capped': '{steps} (ce serveur en autorise au plus {max}, donc {max} sont utilisées ici)',
  'settings.yes': 'oui',
  'settings.no': 'non',
  'settings.spoilerForced': ' (ce serveur publie de toute façon chaque image en spoiler)',

  'mod.notInGuild': 'Les commandes de modération fonctionnent sur un serveur, pas en messages privés.',
  'mod.notModerator':
    "Désolé, cette commande est réservée à la modération : elle demande ici la permission **Gérer le serveur**. Rien n'a été modifié.",
  'queue.remove.noJob': "Il n'y a pas de tâche {job} sur ce serveur. `/queue` donne les numéros des tâches.",
  'queue.remove.finished': "La tâche {job} est déjà terminée : il n'y a rien à retirer.",
  'queue.remove.failed': "La tâche {job} a déjà échoué : il n'y a rien à retirer.",
  'queue.remove.cancelled': "La tâche {job} a déjà été annulée : il n'y a rien à retirer.",
  'queue.remove.justFinished': "La tâche {job} vient de se terminer : il n'y a rien à retirer.",
  'queue.remove.done':
    "Tâche {job} de {user} retirée ({where}). Ses images ont été remboursées{told}. C'est consigné dans le journal.",
  'queue.remove.wasRunning': 'elle était en cours et a été arrêtée',
  'queue.remove.wasQueued': 'elle était n° {position} dans la file',
  'queue.remove.told': ' et la raison lui a été indiquée : {reason}',

  'fail.bug':
    "Un problème est survenu de notre côté pendant la création de tes images (identifiant d'erreur `{errorId}`). Réessaie ; si cela se reproduit, donne cet identifiant à la personne qui gère le bot.",
  'fail.modelGone':
    "Le modèle « {model} » prévu pour cette tâche n'est plus installé, elle ne peut donc pas s'exécuter ; rien n'a été décompté de ton quota. Choisis-en un autre avec /imagine model:.",
  'fail.crashed':
    "Le générateur d'images a planté {count} fois pendant cette tâche, elle a donc été arrêtée. Essaie une taille plus petite, moins d'étapes ou moins d'images.",
  'fail.timeout':
    "Cette tâche a dépassé la limite de {seconds} s et a été arrêtée. Essaie moins d'étapes, une taille plus petite ou moins d'images.",
  'fail.interrupted':
    "Cette tâche a été interrompue {count} fois (le bot ou son générateur d'images s'est arrêté pendant sa création), elle n'a donc pas été relancée. Essaie une taille plus petite, moins d'étapes ou moins d'images.",

  'flag.noNeedsText': "`--no` a besoin de ce qu'il faut exclure, par ex. `--no cars, text`.",
  'flag.seed': '{label} attend un nombre entier de 0 à {max}{given}.',
  'flag.whole': '{label} attend un nombre entier de {min} à {max}{given}.',
  'flag.number': '{label} attend un nombre de {min} à {max}{given}.',
  'flag.tooManyJobs':
    'Cela fait {jobs} tâches ({permutations} prompt(s) issus des choix entre accolades, chacun fois son --repeat) ; un prompt peut en lancer au plus {max}. Mettez moins de choix ou un --repeat plus petit.',
  'job.manyJobs':
    'Votre prompt fait {jobs} tâches : {images} images de votre quota{left}. Elles démarrent ci-dessous, un message chacune.',
  'job.manyJobsLeft': ' ; il en restera {n}',
  'job.confirmMany': 'Ton prompt donne {jobs} tâches : {images} images de ton quota{left}. Les lancer ?',
  'button.runMany': 'Lancer {jobs} tâches',
  'button.dropMany': 'Annuler',
  'job.confirmGone':
    'Ces tâches ont déjà été lancées ou annulées, ou la question date de plus de 15 minutes : renvoie le prompt.',
  'job.confirmCancelled': 'Annulé : rien n’a été lancé ni décompté.',
  'flag.ratio': '{label} attend un rapport comme 16:9, 3:2 ou 1:1{given}.',
  'flag.extreme': '{label} {value} est trop extrême : au plus 4:1 ou 1:4.',
  'flag.given': ', pas « {value} »',
  'vary.formGone': 'Ce formulaire ne correspond plus à aucun message. Utilise de nouveau « {command} ».',
  'vary.messageGone': "Ce message n'existe plus, il n'y a donc pas d'image à varier.",
  'vary.pickStrength': "Choisis l'une des forces proposées.",

  'button.cancel': 'Annuler',
  'button.reroll': 'Relancer',
  'button.remake': 'La refaire',
  'button.remakeOrigin': "Refaire l'original",
  'button.info': 'Infos',
  'button.delete': 'Supprimer',
  'button.subtle': 'Varier (léger)',
  'button.region': 'Varier (zone)',
  'button.paint': 'Peindre la zone (playground)',
  'button.zoom2': 'Dézoomer 2x',
  'button.zoom15': 'Dézoomer 1,5x',
  'button.upscaleSubtle': 'Agrandir (subtil)',
  'button.upscaleCreative': 'Agrandir (créatif)',
  'button.strong': 'Varier (fort)',

  'help.title': 'Atelier : aide',
  'help.intro':
    "Je peins des images d'après une description, sur l'ordinateur de la personne qui gère ce serveur. Tape {imagine} avec ce que tu veux voir : je réponds tout de suite avec ta place dans la file, je montre la peinture pendant qu'elle avance, puis je publie les images avec des boutons pour aller plus loin.",
  'help.commands': 'Commandes',
  'help.cmd.imagine':
    "peindre une image d'après une description ; les options ajoutent un prompt négatif, le format, une graine, les étapes, le guidage, le nombre d'images ou une image de départ",
  'help.cmd.info': "tes images restantes aujourd'hui, tes tâches en file et le modèle utilisé",
  'help.cmd.queue': 'ce qui est en cours de peinture et ce qui attend, avec les délais estimés',
  'help.cmd.settings': 'tes propres réglages par défaut pour /imagine : format, étapes, spoiler',
  'help.cmd.help': 'cette aide, visible de toi seul',
  'help.cmd.vary':
    "sur n'importe quelle image publiée dans le salon : ouvre le menu du message, puis Applications → **{name}**",
  'help.buttons': 'Les boutons sous une image',
  'help.button.upscale': '**U1, U2…** : cette image seule, en taille réelle, avec ses propres boutons',
  'help.button.vary': '**V1, V2…** : de nouvelles variations de cette image',
  'help.button.subtle': "**{subtle}** / **{strong}** : une variation proche ou plus libre d'une image seule",
  'help.button.reroll': '**{reroll}** : la même demande avec de nouvelles graines',
  'help.button.info':
    '**{info}** : comment les images ont été faites (prompt, graine, taille, étapes, modèle), visible de toi seul',
  'help.button.delete': '**{delete}** : supprime les images (leur auteur ou la modération)',
  'help.button.cancel':
    "**{cancel}** : arrête une tâche en attente ou en cours (son auteur ou la modération) ; rien n'est décompté",
  'help.flags': 'Options dans le prompt',
  'help.flagsText':
    "Ajoute-les à la fin du prompt : `--ar 16:9` le format, `--seed 42` la même image à nouveau, `--no text` ce qu'il faut exclure, `--steps 30` plus d'étapes de débruitage, `--guidance 7` à quel point suivre le prompt.",
  'help.english':
    "Le modèle ne lit que l'anglais : écris ton prompt en anglais pour de meilleurs résultats. Tout le reste (commandes, réponses, boutons) suit la langue de ton Discord.",
  'help.limits': 'Tes limites ici',
  'help.limit.banned': "Tu es banni·e d'Atelier sur ce serveur.",
  'help.limit.imagesUnlimited': 'Images : pas de limite quotidienne pour toi.',
  'help.limit.imagesNone': "Images : tu ne peux pas créer d'images ici.",
  'help.limit.images': {
    one: "Images : il t'en reste {left} sur {count} sur les dernières 24 heures (glissantes).",
    other: "Images : il t'en reste {left} sur {count} sur les dernières 24 heures (glissantes).",
  },
  'help.limit.cooldown': 'Délai : {duration} entre deux demandes.',
  'help.limit.noCooldown': 'Délai : aucun.',
  'help.limit.queued': {
    one: 'Au plus {count} tâche en attente à la fois.',
    other: 'Au plus {count} tâches en attente à la fois.',
  },
  'help.limit.size':
    "Image la plus grande : {width}×{height} pixels, jusqu'à {steps} étapes, {images} images par demande.",
  'help.limit.uploadsOff': 'Partir de ta propre image est désactivé ici.',
  'help.model': 'Ce que sait faire le modèle',
  'help.modelLoading': 'Le modèle est encore en cours de chargement ; redemande dans une minute.',
  'help.modelDemo':
    "Ce bot utilise le petit modèle de démonstration fourni avec Atelier. Il peint une forme ({shapes}) d'une couleur ({colours}) {positions}, sur un fond d'une autre couleur, par exemple « a red star on the left on a blue background ». Il ne connaît que ces mots anglais et ignore tous les autres.",
  'help.modelReal':
    "Le modèle est **{name}**. Il suit mieux les descriptions anglaises courtes et concrètes et ne lit qu'environ les 75 premiers fragments de mots d'un prompt ; le texte lisible, les mains et les nombres exacts d'objets ratent souvent.",
  'help.moderators': 'Pour la modération (Gérer le serveur)',
  'help.mod.limits': "voir ou modifier les limites du serveur, d'un rôle ou d'un membre",
  'help.mod.ban': "empêcher un membre d'utiliser Atelier ici, pour un temps ou définitivement",
  'help.mod.unban': 'lever un bannissement',
  'help.mod.blocklist': 'les mots et motifs que les prompts ne peuvent pas contenir ici',
  'help.mod.usage': "l'utilisation d'Atelier : totaux, membres les plus actifs, refus, un graphique",
  'help.mod.modlog': 'les dernières actions de modération',
  'help.mod.queueRemove': "retirer la tâche de quelqu'un de la file, avec une raison que la personne verra",
  'help.mod.health': "si le bot va bien : passerelle, base de données, générateur d'images, modèle, file",
  'help.mod.buttons': "Tu peux aussi annuler ou supprimer les images de n'importe qui avec les boutons en dessous.",
  'mod.target.guildWithTarget':
    'Vous avez choisi le niveau **serveur** mais aussi indiqué un rôle ou un membre. Pour eux, choisissez le niveau rôle ou membre, ou retirez-les.',
  'mod.target.roleNeedsRole': "Le niveau **rôle** demande l'option `rôle` : choisissez le rôle concerné par la limite.",
  'mod.target.roleNotUser': "Le niveau **rôle** prend un rôle, pas un membre : retirez l'option `membre`.",
  'mod.target.everyone': "@everyone, c'est tout le serveur : utilisez plutôt le niveau **serveur**.",
  'mod.target.userNeedsUser':
    "Le niveau **membre** demande l'option `membre` : choisissez le membre concerné par la limite.",
  'mod.target.userNotRole': "Le niveau **membre** prend un membre, pas un rôle : retirez l'option `rôle`.",
  'mod.target.level': "« {level} » n'est pas un niveau : choisissez serveur, rôle ou membre.",
  'mod.target.showOne': 'Une chose à la fois : un rôle ou un membre, pas les deux.',
  'mod.target.guild': 'le serveur',
  'mod.target.role': 'le rôle {role}',
  'mod.target.user': 'le membre {user}',
  'limits.show.user': '**Limites de {user}** (avec ses rôles et ses exceptions) :',
  'limits.show.userNoOwn': 'Aucune exception propre.',
  'limits.show.role': '**Exceptions du rôle {role} :**',
  'limits.show.roleNone': 'Aucune : les membres ayant ce rôle ont les limites du serveur.',
  'limits.show.roleRule':
    "Quand un membre a plusieurs rôles avec des exceptions, la valeur la plus généreuse l'emporte ; une exception propre au membre passe avant toutes.",
  'limits.show.guild': '**Limites sur ce serveur** (valeurs par défaut et exceptions du serveur) :',
  'limits.show.overrides': '**Exceptions :**',
  'limits.show.hint':
    "Modifiez-en une avec `/limites définir` ; affichez celles d'un membre avec `/limites afficher membre:`.",
  'limits.source.default': 'par défaut',
  'limits.source.guild': 'serveur',
  'limits.source.role': 'rôle {role}',
  'limits.source.user': 'membre',
  'limits.overrides.none': 'Aucune exception : chaque limite est à sa valeur par défaut.',
  'limits.overrides.guild': 'Serveur',
  'limits.overrides.role': 'Rôle {role}',
  'limits.overrides.user': 'Membre {user}',
  'limits.notSet': 'non défini',
  'limits.defaultWas': ' (la valeur par défaut était {value})',
  'limits.set':
    "`{key}` ({label}) défini pour {target} : {before}{default} → {after}. S'applique dès la prochaine demande, sans redémarrage.",
  'limits.resetNothing': "Rien à réinitialiser : {target} n'a aucune exception.",
  'limits.resetNothingKey': "Rien à réinitialiser : {target} n'a pas d'exception pour `{key}`.",
  'limits.reset': {
    one: '{count} exception retirée pour {target} : {list}. {next}',
    other: '{count} exceptions retirées pour {target} : {list}. {next}',
  },
  'limits.resetWas': '`{key}` (était {value})',
  'limits.defaultsApply': "Les valeurs par défaut s'appliquent de nouveau dès la prochaine demande.",
  'limits.guildApplies': "Les limites du serveur s'appliquent de nouveau dès la prochaine demande.",
  'ban.noReason': 'Indiquez une raison : elle est gardée dans le journal et montrée à la personne.',
  'ban.self': 'Vous ne pouvez pas vous bannir vous-même.',
  'ban.bot': "{user} est un bot : les bots ne peuvent de toute façon pas utiliser les commandes d'Atelier.",
  'ban.moderator':
    "{user} a ici la permission Gérer le serveur, donc un bannissement ne tiendrait pas (il pourrait le lever). Retirez-lui d'abord cette permission si c'est vraiment voulu.",
  'ban.noEnd': 'sans date de fin (levez-le avec `/débannir`)',
  'ban.until': "pour {duration}, jusqu'au {date} ({relative})",
  'ban.done': '{user} ne peut plus utiliser Atelier sur ce serveur, {until}. Raison : {reason}',
  'ban.cancelled': {
    one: "Sa tâche en attente ({count}) a été annulée (et remboursée) ; une tâche déjà en cours va jusqu'au bout.",
    other:
      "Ses {count} tâches en attente ont été annulées (et remboursées) ; une tâche déjà en cours va jusqu'au bout.",
  },
  'ban.noJobs': "Aucune tâche n'était en attente.",
  'unban.done': '{user} peut de nouveau utiliser Atelier sur ce serveur.',
  'unban.doneReason': '{user} peut de nouveau utiliser Atelier sur ce serveur. (Motif du bannissement : {reason})',
  'unban.notBanned': "{user} n'est pas banni ici, il n'y avait donc rien à lever.",
  'blocklist.added':
    "`{pattern}` ajouté à la liste noire du serveur. Les prompts qui le contiennent sont refusés dès maintenant (majuscules, accents et astuces d'espacement compris).",
  'blocklist.already': '`{pattern}` est déjà sur la liste noire (ajouté par {user} {when}).',
  'blocklist.builtin':
    "`{pattern}` fait partie de la liste intégrée, appliquée dans les salons non soumis à une limite d'âge ; impossible de le retirer. Marquez un salon avec limite d'âge pour l'y autoriser.",
  'blocklist.notFound':
    "`{pattern}` n'est pas sur la liste noire de ce serveur. `/liste-noire liste` montre les entrées telles qu'elles ont été écrites.",
  'blocklist.removed': '`{pattern}` retiré de la liste noire de ce serveur.',
  'blocklist.builtinList': "**Liste intégrée**, appliquée dans les salons sans limite d'âge : {words}.",
  'blocklist.serverList': {
    one: '**Liste noire du serveur** ({count} entrée) :',
    other: '**Liste noire du serveur** ({count} entrées) :',
  },
  'blocklist.empty': 'Vide. Ajoutez des entrées avec `/liste-noire ajouter`.',
  'usage.head': '**Utilisation sur ce serveur : {period}**',
  'usage.headUser': '**Utilisation par {user} sur ce serveur : {period}**',
  'usage.period.day': 'dernières 24 heures',
  'usage.period.week': '7 derniers jours',
  'usage.period.month': '30 derniers jours',
  'usage.requests': {
    one: 'Demandes : **{requests}** ({accepted} acceptées, {refused} refusées) de {count} personne',
    other: 'Demandes : **{requests}** ({accepted} acceptées, {refused} refusées) de {count} personnes',
  },
  'usage.images': 'Images : **{made}** créées ({asked} demandées dans les demandes acceptées)',
  'usage.jobs': 'Tâches : {done} terminées, {failed} échouées, {cancelled} annulées',
  'usage.times': 'Attente moyenne {wait}, durée moyenne {run}',
  'usage.na': 'n. d.',
  'usage.top': '**Membres les plus actifs**',
  'usage.nobody': 'Personne.',
  'usage.topLine': {
    one: '{rank}. {user} : {count} image, {requests}{refused}',
    other: '{rank}. {user} : {count} images, {requests}{refused}',
  },
  'usage.requestCount': { one: '{count} demande', other: '{count} demandes' },
  'usage.refusedCount': ' ({refused} refusées)',
  'usage.refusals': '**Refus par motif :** {list}',
  'usage.none': 'Aucun.',
  'usage.latest': '**Derniers refus**',
  'usage.chartDescription': 'Images par jour sur les {days} derniers jours',
  'modlog.title': '**Actions de modération**, page {page}',
  'modlog.titleFiltered': '**Actions de modération {filters}**, page {page}',
  'modlog.by': 'par {user}',
  'modlog.about': 'concernant {user}',
  'modlog.newestFirst': " (les plus récentes d'abord)",
  'modlog.nothing': "Rien pour l'instant.",
  'modlog.tooFar': "Il n'y a pas d'entrées aussi anciennes.",
  'modlog.more': 'La suite avec `/journal-modération page:{page}`.',
  'audit.limits.set': 'a défini une limite pour',
  'audit.limits.reset': 'a réinitialisé les limites de',
  'audit.ban': 'a banni',
  'audit.unban': 'a débanni',
  'audit.blocklist.add': 'a ajouté à la liste noire',
  'audit.blocklist.remove': 'a retiré de la liste noire',
  'audit.queue.remove': 'a retiré une tâche de',
  'audit.until': " jusqu'au {date}",
  'audit.noEnd': ' sans fin',
  'health.unavailable': "L'état de santé n'est pas disponible dans ce processus.",
  'health.ready': '**Prêt** (en marche depuis {seconds} s)',
  'health.notReady': '**Pas prêt** (en marche depuis {seconds} s)',
  'health.gatewayReady': 'Passerelle : prête',
  'health.gatewayNotReady': 'Passerelle : pas prête',
  'health.ping': ', ping {ms} ms',
  'health.gatewayUnused': 'Passerelle : non utilisée',
  'health.dbWritable': 'Base de données : accessible en écriture',
  'health.dbNotWritable': 'Base de données : non accessible en écriture',
  'health.inference': 'Inférence : {model} sur {provider}',
  'health.inferenceDown': 'Inférence : arrêtée ou modèle non chargé',
  'health.queue': "File d'attente : {waiting} en attente, {running} en cours",
  'health.notAccepting': " (n'accepte plus rien : arrêt en cours)",
  'duration.help':
    'Écrivez une durée comme 30m, 12h, 7d ou 2w (minutes, heures, jours, semaines), ou laissez-la vide pour un bannissement sans fin.',
  'duration.empty': 'La durée est vide. {help}',
  'duration.unit': "« {unit} » n'est pas une unité que je connais dans « {input} ». {help}",
  'duration.bad': "« {input} » n'est pas une durée que je comprends. {help}",
  'duration.short': 'Un bannissement doit durer au moins une minute.',
  'duration.long': "C'est plus d'un an : laissez la durée vide pour un bannissement sans fin.",
  'editSize.editWidth': "L'image modifiée ferait {width} px de large, au-delà de la largeur maximale de {max} px.",
  'editSize.editHeight': "L'image modifiée ferait {height} px de haut, au-delà de la hauteur maximale de {max} px.",
  'editSize.editPixels':
    "L'image modifiée ferait {width}x{height} ({pixels} pixels), au-delà de la limite de {max} pixels.",
  'editSize.upscaleWidth': "L'image agrandie ferait {width} px de large, au-delà de la largeur maximale de {max} px.",
  'editSize.upscaleHeight': "L'image agrandie ferait {height} px de haut, au-delà de la hauteur maximale de {max} px.",
  'editSize.upscalePixels':
    "L'image agrandie ferait {width}x{height} ({pixels} pixels), au-delà de la limite de {max} pixels.",
  'editSize.panWidth':
    "Étendue {direction}, l'image ferait {width} px de large, au-delà de la largeur maximale de {max} px.",
  'editSize.panHeight':
    "Étendue {direction}, l'image ferait {height} px de haut, au-delà de la hauteur maximale de {max} px.",
  'editSize.panPixels':
    "Étendue {direction}, l'image ferait {width}x{height} ({pixels} pixels), au-delà de la limite de {max} pixels.",
  'editSize.dir.left': 'vers la gauche',
  'editSize.dir.right': 'vers la droite',
  'editSize.dir.up': 'vers le haut',
  'editSize.dir.down': 'vers le bas',
  'request.promptTooLong': 'Le prompt fait {chars} caractères ; le maximum est {max}. Raccourcissez-le et réessayez.',
  'request.prompt': 'Le prompt doit être du texte.',
  'request.width': 'La largeur doit être un nombre entier de pixels.',
  'request.height': 'La hauteur doit être un nombre entier de pixels.',
  'request.steps': "Le nombre d'étapes doit être un entier d'au moins 1.",
  'request.count': 'Demandez au moins une image.',
  'request.seed': 'La graine doit être un nombre entier de 0 à {max}.',
  'request.guidanceScale': 'Le guidage doit être compris entre 0 et {max}.',
  'request.strength': "La force doit être supérieure à 0 et au plus 1 (à quel point s'éloigner de votre image).",
  'request.scheduler': "Le scheduler doit être l'un de ceux-ci : {choices}.",
  'remix.title': 'Remix : modifier le prompt',
  'remix.unknownForm': "Ce formulaire n'est plus compris par le bot.",
  'remix.emptyPrompt': "Le prompt est vide : décrivez l'image que vous voulez.",
  'limits.value.unlimited': 'illimité',
  'limits.value.none': 'aucun',
  'limits.value.modelOwn': 'celui du modèle',
  'limits.value.botModel': 'celui du bot',
  'limitValue.guildOnlyRole': '{key} ne peut être défini que pour tout le serveur, pas pour un rôle.',
  'limitValue.guildOnlyUser': '{key} ne peut être défini que pour tout le serveur, pas pour un membre.',
  'limitValue.model':
    "{key} prend le nom d'un modèle installé (/imagine model: les propose), ou « default » pour celui du bot.",
  'limitValue.scheduler': "{key} prend un scheduler : l'un de {choices}, ou « default » pour celui du modèle.",
  'limitValue.switch': '{key} est un interrupteur : utilisez yes ou no.',
  'limitValue.secondsUnlimited': '{key} est en secondes : utilisez 0 pour aucune attente.',
  'limitValue.wholeSeconds': '{key} prend un nombre entier de secondes (0 pour aucune).',
  'limitValue.whole': '{key} prend un nombre entier ({label}), ou « unlimited ».',
  'limitValue.maxCooldown': '{key} peut valoir au plus {max} secondes (7 jours).',
  'limitValue.maxQuota': '{key} peut valoir au plus {max} ; ou utilisez « unlimited ».',
  'limitValue.atLeastOne': '{key} doit valoir au moins 1.',
  'limitValue.ceiling':
    '{key} peut valoir au plus {max}, le plafond fixé par le propriétaire du bot dans sa configuration.',
  'limitValue.multiple8':
    '{key} doit être un multiple de 8 (les modèles travaillent par blocs de 8 pixels), par exemple {example}.',
  'limitValue.noSuchKey': "Aucune limite ne s'appelle « {key} ». Les limites sont : {keys}.",
  'ban.endsBeforeStart': 'Le bannissement finirait avant de commencer : indiquez une durée dans le futur.',
  'blocklistEntry.backreference':
    'Les références arrière (comme \\1) ne sont pas prises en charge : le moteur de recherche (RE2) garantit un temps proportionnel au prompt, ce que les références arrière rendent impossible. Listez plutôt les variantes.',
  'blocklistEntry.lookaround':
    "Les assertions avant et arrière ((?=…), (?!…), (?<=…), (?<!…)) ne sont pas prises en charge : le moteur de recherche (RE2) garantit un temps proportionnel au prompt, ce qu'elles rendent impossible. Utilisez \\b pour les limites de mot, ou ajoutez une entrée séparée.",
  'blocklistEntry.invalid': "Ce n'est pas une expression régulière acceptée par le moteur de recherche (RE2) : {error}",
  'blocklistEntry.tooBig':
    "Cette expression régulière est trop grande : elle fait {size} étapes et une entrée peut en avoir au plus {max}, pour que la vérification d'un prompt reste rapide. Les répétitions comptées se multiplient ({repeat} fait 30 étapes) : raccourcissez-la ou découpez-la en plusieurs entrées.",
  'blocklistEntry.empty': "L'entrée est vide : donnez un mot, une expression ou /une expression régulière/.",
  'blocklistEntry.tooLong': "L'entrée est trop longue ({max} caractères au plus).",
  'blocklistEntry.flags': 'Seuls les drapeaux i, u et s sont permis après le / final, pas « {flags} ».',
  'blocklistEntry.noWords': "L'entrée n'a ni lettres ni chiffres ; utilisez /regex/ pour bloquer des symboles.",
  'blocklistEntry.guildTooBig':
    "Les entrées /regex/ de ce serveur feraient ensemble {size} étapes, et la limite est de {max}, pour que la vérification d'un prompt reste rapide. Retirez une regex devenue inutile (`/liste-noire liste`), ou utilisez des mots simples, qui ne comptent pas dans cette limite.",
  'blocklistEntry.unusable': "« {input} » ne peut pas servir d'entrée de liste noire.",
  'blocklistEntry.matchesEmpty':
    '« {input} » correspond à un prompt vide, il bloquerait donc toutes les demandes. Faites-le correspondre à un mot ou une expression précise.',
  'blocklistEntry.matchesAll':
    '« {input} » correspond à presque tout (par exemple « {example} »), il bloquerait donc des prompts ordinaires. Rendez-le plus précis.',
};

export const fr: Catalog<MessageKey> = { lang: 'fr', messages, commands };
