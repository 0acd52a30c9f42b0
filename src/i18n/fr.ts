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
  maxWidth: 'maxWidth : largeur de l\'image',
  maxHeight: 'maxHeight : hauteur de l\'image',
  maxPixels: 'maxPixels : pixels par image (largeur x hauteur)',
  maxImagesPerRequest: 'maxImagesPerRequest : images par demande',
  allowUploads: 'allowUploads : envoi d\'images autorisé',
  spoilerRequired: 'spoilerRequired : images publiées en spoiler',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 carré', '3:2': '3:2 paysage', '2:3': '2:3 portrait', '16:9': '16:9 panoramique', '9:16': '9:16 portrait allongé',
};
const role: CommandText = { name: 'rôle', description: 'Le rôle (pour le niveau rôle)' };
const user: CommandText = { name: 'membre', description: 'Le membre (pour le niveau membre)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'imagine',
    description: 'Peindre une image d\'après une description',
    options: {
      prompt: { name: 'prompt', description: 'Ce qu\'il faut peindre, en anglais (options possibles : --ar 16:9 --seed 42 --no text)' },
      negative: { name: 'négatif', description: 'Ce qu\'il faut garder hors de l\'image' },
      aspect: { name: 'format', description: 'La forme de l\'image', choices: aspect },
      seed: { name: 'graine', description: 'Même graine, même image (aléatoire si absente)' },
      steps: { name: 'étapes', description: 'Étapes de débruitage : plus il y en a, plus c\'est lent et souvent fin' },
      guidance: { name: 'guidage', description: 'À quel point suivre le prompt (0-30)' },
      count: { name: 'nombre', description: 'Combien d\'images' },
      image: { name: 'image', description: 'Partir de cette image (PNG, JPEG ou WebP)' },
      strength: { name: 'force', description: 'Avec une image : à quel point s\'en éloigner (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: { name: 'planificateur', description: 'Comment passer du bruit à l\'image (par défaut : celui du modèle)', choices: schedulerLabels },
    },
  },
  info: { name: 'info', description: 'Tes images restantes aujourd\'hui, tes tâches en file et le modèle utilisé' },
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
          aspect_ratio: { name: 'format', description: 'La forme de tes images', choices: { ...aspect, default: 'celui du bot par défaut' } },
          steps: { name: 'étapes', description: 'Étapes de débruitage (0 : celles du modèle par défaut)' },
          spoiler: { name: 'spoiler', description: 'Publier tes images en spoiler' },
        },
      },
      reset: { name: 'réinitialiser', description: 'Oublier tes réglages' },
    },
  },
  ban: {
    name: 'bannir',
    description: 'Empêcher un membre d\'utiliser Atelier sur ce serveur (modération)',
    options: {
      user: { name: 'membre', description: 'Qui bannir du bot' },
      reason: { name: 'raison', description: 'Pourquoi (affiché quand la personne essaie d\'utiliser le bot)' },
      duration: { name: 'durée', description: 'Combien de temps, par ex. 1h, 7d, 2w (sans fin si absente)' },
    },
  },
  unban: {
    name: 'débannir',
    description: 'Permettre de nouveau à un membre banni d\'utiliser Atelier ici (modération)',
    options: {
      user: { name: 'membre', description: 'Le membre dont lever le bannissement' },
      reason: { name: 'raison', description: 'Pourquoi (conservé dans le journal)' },
    },
  },
  blocklist: {
    name: 'liste-noire',
    description: 'Mots et motifs que les prompts ne peuvent pas contenir ici (modération)',
    options: {
      add: { name: 'ajouter', description: 'Bloquer un mot, une expression ou une /expression régulière/', options: {
        pattern: { name: 'entrée', description: 'par ex. gore, "blood bath" ou /sk(u|e)ll?s?/' },
      } },
      remove: { name: 'retirer', description: 'Débloquer une entrée, écrite comme elle a été ajoutée', options: {
        pattern: { name: 'entrée', description: 'L\'entrée à retirer' },
      } },
      list: { name: 'liste', description: 'Afficher les entrées de ce serveur et la liste intégrée' },
    },
  },
  limits: {
    name: 'limites',
    description: 'Voir ou modifier combien on peut utiliser Atelier ici (modération)',
    options: {
      show: { name: 'afficher', description: 'Les limites en vigueur : du serveur, d\'un rôle ou d\'un membre', options: {
        role: { name: 'rôle', description: 'Afficher les exceptions de ce rôle' },
        user: { name: 'membre', description: 'Afficher les limites qui s\'appliquent à ce membre' },
      } },
      set: { name: 'définir', description: 'Modifier une limite du serveur, d\'un rôle ou d\'un membre (immédiat)', options: {
        level: { name: 'niveau', description: 'Pour qui est la limite', choices: level },
        key: { name: 'limite', description: 'Quelle limite', choices: limitKey },
        value: { name: 'valeur', description: 'Un nombre, "unlimited", 0, ou yes/no pour les interrupteurs' },
        role, user,
      } },
      reset: { name: 'réinitialiser', description: 'Supprimer une exception pour revenir au niveau inférieur', options: {
        level: { name: 'niveau', description: 'À qui est l\'exception', choices: level },
        key: { name: 'limite', description: 'Quelle limite (toutes si absente)', choices: limitKey },
        role, user,
      } },
    },
  },
  usage: {
    name: 'utilisation',
    description: 'L\'utilisation d\'Atelier ici : totaux, membres les plus actifs, refus, graphique (modération)',
    options: {
      period: { name: 'période', description: 'Jusqu\'où remonter (une semaine si absente)', choices: {
        day: 'jour (dernières 24 heures)', week: 'semaine (7 derniers jours)', month: 'mois (30 derniers jours)',
      } },
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
  'Vary this image': { name: 'Varier cette image' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand': 'Cette version du bot ne connaît pas cette commande. Tape / pour voir les commandes disponibles.',
  'router.unknownButton': 'Ce bot ne comprend plus ce bouton. Crée une nouvelle image avec /imagine.',
  'router.bug': 'Un problème est survenu de notre côté (identifiant d\'erreur `{errorId}`). Réessaie ; si cela se reproduit, donne cet identifiant à la personne qui gère le bot.',

  'job.modelLoading': 'Le modèle d\'images est encore en cours de chargement. Réessaie dans une minute.',
  'job.dmOff': 'Ici, je ne crée des images que sur les serveurs : la personne qui gère le bot a désactivé les messages privés.',
  'job.blockedWord': 'Ton prompt contient « {word} », qui n\'est pas autorisé en dehors des salons soumis à une limite d\'âge. Reformule-le et réessaie ; rien n\'a été décompté.',
  'job.blockedWordHere': 'Ton prompt contient « {word} », que ce serveur n\'autorise pas. Reformule-le et réessaie ; rien n\'a été décompté.',
  'job.blockedPattern': 'Ton prompt contient un motif bloqué, qui n\'est pas autorisé en dehors des salons soumis à une limite d\'âge. Reformule-le et réessaie ; rien n\'a été décompté.',
  'job.blockedPatternHere': 'Ton prompt contient un motif bloqué, que ce serveur n\'autorise pas. Reformule-le et réessaie ; rien n\'a été décompté.',
  'job.refusedPublicNote': '-# Cette demande n\'a pas été lancée ; la raison t\'a été envoyée en privé.',

  'button.cancel': 'Annuler',
  'button.reroll': 'Relancer',
  'button.info': 'Infos',
  'button.delete': 'Supprimer',
  'button.subtle': 'Varier (léger)',
  'button.strong': 'Varier (fort)',

  'help.title': 'Atelier : aide',
  'help.intro': 'Je peins des images d\'après une description, sur l\'ordinateur de la personne qui gère ce serveur. Tape {imagine} avec ce que tu veux voir : je réponds tout de suite avec ta place dans la file, je montre la peinture pendant qu\'elle avance, puis je publie les images avec des boutons pour aller plus loin.',
  'help.commands': 'Commandes',
  'help.cmd.imagine': 'peindre une image d\'après une description ; les options ajoutent un prompt négatif, le format, une graine, les étapes, le guidage, le nombre d\'images ou une image de départ',
  'help.cmd.info': 'tes images restantes aujourd\'hui, tes tâches en file et le modèle utilisé',
  'help.cmd.queue': 'ce qui est en cours de peinture et ce qui attend, avec les délais estimés',
  'help.cmd.settings': 'tes propres réglages par défaut pour /imagine : format, étapes, spoiler',
  'help.cmd.help': 'cette aide, visible de toi seul',
  'help.cmd.vary': 'sur n\'importe quelle image publiée dans le salon : ouvre le menu du message, puis Applications → **{name}**',
  'help.buttons': 'Les boutons sous une image',
  'help.button.upscale': '**U1, U2…** : cette image seule, en taille réelle, avec ses propres boutons',
  'help.button.vary': '**V1, V2…** : de nouvelles variations de cette image',
  'help.button.subtle': '**{subtle}** / **{strong}** : une variation proche ou plus libre d\'une image seule',
  'help.button.reroll': '**{reroll}** : la même demande avec de nouvelles graines',
  'help.button.info': '**{info}** : comment les images ont été faites (prompt, graine, taille, étapes, modèle), visible de toi seul',
  'help.button.delete': '**{delete}** : supprime les images (leur auteur ou la modération)',
  'help.button.cancel': '**{cancel}** : arrête une tâche en attente ou en cours (son auteur ou la modération) ; rien n\'est décompté',
  'help.flags': 'Options dans le prompt',
  'help.flagsText': 'Ajoute-les à la fin du prompt : `--ar 16:9` le format, `--seed 42` la même image à nouveau, `--no text` ce qu\'il faut exclure, `--steps 30` plus d\'étapes de débruitage, `--guidance 7` à quel point suivre le prompt.',
  'help.english': 'Le modèle ne lit que l\'anglais : écris ton prompt en anglais pour de meilleurs résultats. Tout le reste (commandes, réponses, boutons) suit la langue de ton Discord.',
  'help.limits': 'Tes limites ici',
  'help.limit.banned': 'Tu es banni·e d\'Atelier sur ce serveur.',
  'help.limit.imagesUnlimited': 'Images : pas de limite quotidienne pour toi.',
  'help.limit.imagesNone': 'Images : tu ne peux pas créer d\'images ici.',
  'help.limit.images': { one: 'Images : il t\'en reste {left} sur {count} sur les dernières 24 heures (glissantes).', other: 'Images : il t\'en reste {left} sur {count} sur les dernières 24 heures (glissantes).' },
  'help.limit.cooldown': 'Délai : {duration} entre deux demandes.',
  'help.limit.noCooldown': 'Délai : aucun.',
  'help.limit.queued': { one: 'Au plus {count} tâche en attente à la fois.', other: 'Au plus {count} tâches en attente à la fois.' },
  'help.limit.size': 'Image la plus grande : {width}×{height} pixels, jusqu\'à {steps} étapes, {images} images par demande.',
  'help.limit.uploadsOff': 'Partir de ta propre image est désactivé ici.',
  'help.model': 'Ce que sait faire le modèle',
  'help.modelLoading': 'Le modèle est encore en cours de chargement ; redemande dans une minute.',
  'help.modelDemo': 'Ce bot utilise le petit modèle de démonstration fourni avec Atelier. Il peint une forme ({shapes}) d\'une couleur ({colours}) {positions}, sur un fond d\'une autre couleur, par exemple « a red star on the left on a blue background ». Il ne connaît que ces mots anglais et ignore tous les autres.',
  'help.modelReal': 'Le modèle est **{name}**. Il suit mieux les descriptions anglaises courtes et concrètes et ne lit qu\'environ les 75 premiers fragments de mots d\'un prompt ; le texte lisible, les mains et les nombres exacts d\'objets ratent souvent.',
  'help.moderators': 'Pour la modération (Gérer le serveur)',
  'help.mod.limits': 'voir ou modifier les limites du serveur, d\'un rôle ou d\'un membre',
  'help.mod.ban': 'empêcher un membre d\'utiliser Atelier ici, pour un temps ou définitivement',
  'help.mod.unban': 'lever un bannissement',
  'help.mod.blocklist': 'les mots et motifs que les prompts ne peuvent pas contenir ici',
  'help.mod.usage': 'l\'utilisation d\'Atelier : totaux, membres les plus actifs, refus, un graphique',
  'help.mod.modlog': 'les dernières actions de modération',
  'help.mod.queueRemove': 'retirer la tâche de quelqu\'un de la file, avec une raison que la personne verra',
  'help.mod.buttons': 'Tu peux aussi annuler ou supprimer les images de n\'importe qui avec les boutons en dessous.',
};

export const fr: Catalog<MessageKey> = { lang: 'fr', messages, commands };
