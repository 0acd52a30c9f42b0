/** Español (España). */
import { schedulerLabels } from '../diffusion/types.ts';
import type { MessageKey } from './index.ts';
import type { Catalog, CommandText } from './types.ts';

const level: Record<string, string> = {
  guild: 'servidor (todos aquí)',
  role: 'rol (los miembros con un rol)',
  user: 'usuario (un solo miembro)',
};
const limitKey: Record<string, string> = {
  userImagesPerDay: 'userImagesPerDay: imágenes por usuario en las últimas 24 h',
  userCooldownSeconds: 'userCooldownSeconds: espera entre dos peticiones',
  userMaxQueued: 'userMaxQueued: trabajos en espera por usuario',
  guildImagesPerDay: 'guildImagesPerDay: imágenes por servidor en las últimas 24 h',
  maxSteps: 'maxSteps: pasos por imagen',
  maxWidth: 'maxWidth: ancho de la imagen',
  maxHeight: 'maxHeight: alto de la imagen',
  maxPixels: 'maxPixels: píxeles por imagen (ancho x alto)',
  maxImagesPerRequest: 'maxImagesPerRequest: imágenes por petición',
  allowUploads: 'allowUploads: se permite subir imágenes',
  spoilerRequired: 'spoilerRequired: imágenes publicadas como spoiler',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 cuadrada', '3:2': '3:2 horizontal', '2:3': '2:3 vertical', '16:9': '16:9 panorámica', '9:16': '9:16 vertical alargada',
};
const role: CommandText = { name: 'rol', description: 'El rol (para el nivel rol)' };
const user: CommandText = { name: 'usuario', description: 'El miembro (para el nivel usuario)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'imagina',
    description: 'Pinta una imagen a partir de una descripción',
    options: {
      prompt: { name: 'prompt', description: 'Qué pintar, en inglés (también con flags: --ar 16:9 --seed 42 --no text)' },
      negative: { name: 'negativo', description: 'Qué dejar fuera de la imagen' },
      aspect: { name: 'formato', description: 'La forma de la imagen', choices: aspect },
      seed: { name: 'semilla', description: 'Misma semilla, misma imagen (aleatoria si no se indica)' },
      steps: { name: 'pasos', description: 'Pasos de eliminación de ruido: más es más lento y a menudo más fino' },
      guidance: { name: 'guía', description: 'Cuánto seguir el prompt (0-30)' },
      count: { name: 'cantidad', description: 'Cuántas imágenes' },
      image: { name: 'imagen', description: 'Partir de esta imagen (PNG, JPEG o WebP)' },
      strength: { name: 'intensidad', description: 'Con una imagen: cuánto alejarse de ella (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: { name: 'programador', description: 'Cómo pasar del ruido a la imagen (por defecto: el del modelo)', choices: schedulerLabels },
    },
  },
  info: { name: 'info', description: 'Las imágenes que te quedan hoy, tus trabajos en cola y el modelo que usa el bot' },
  help: { name: 'ayuda', description: 'Qué hace Atelier, sus comandos y botones, y tus límites' },
  queue: {
    name: 'cola',
    description: 'Qué se está pintando y qué espera, con tiempos estimados',
    options: {
      remove: { name: 'quitar', description: 'Moderación: quitar este trabajo (su número) de la cola' },
      reason: { name: 'motivo', description: 'Moderación: por qué se quitó (lo verá quien lo pidió)' },
    },
  },
  settings: {
    name: 'ajustes',
    description: 'Tus propios valores por defecto para /imagine',
    options: {
      show: { name: 'ver', description: 'Ver tus valores por defecto' },
      set: {
        name: 'cambiar',
        description: 'Cambiar uno o varios de tus valores por defecto',
        options: {
          aspect_ratio: { name: 'formato', description: 'La forma de tus imágenes', choices: { ...aspect, default: 'el del bot por defecto' } },
          steps: { name: 'pasos', description: 'Pasos de eliminación de ruido (0: los del modelo por defecto)' },
          spoiler: { name: 'spoiler', description: 'Publicar tus imágenes como spoiler' },
        },
      },
      reset: { name: 'restablecer', description: 'Olvidar tus valores por defecto' },
    },
  },
  ban: {
    name: 'banear',
    description: 'Impedir que un miembro use Atelier en este servidor (moderación)',
    options: {
      user: { name: 'usuario', description: 'A quién banear del bot' },
      reason: { name: 'motivo', description: 'Por qué (se le muestra cuando intente usar el bot)' },
      duration: { name: 'duración', description: 'Cuánto tiempo, p. ej. 1h, 7d, 2w (sin fin si no se indica)' },
    },
  },
  unban: {
    name: 'desbanear',
    description: 'Permitir de nuevo a un miembro baneado usar Atelier aquí (moderación)',
    options: {
      user: { name: 'usuario', description: 'A quién quitar el baneo' },
      reason: { name: 'motivo', description: 'Por qué (queda en el registro)' },
    },
  },
  blocklist: {
    name: 'lista-negra',
    description: 'Palabras y patrones que los prompts no pueden contener aquí (moderación)',
    options: {
      add: { name: 'añadir', description: 'Bloquear una palabra, una frase o una /expresión regular/', options: {
        pattern: { name: 'entrada', description: 'p. ej. gore, "blood bath" o /sk(u|e)ll?s?/' },
      } },
      remove: { name: 'quitar', description: 'Desbloquear una entrada, escrita tal como se añadió', options: {
        pattern: { name: 'entrada', description: 'La entrada que se quita' },
      } },
      list: { name: 'lista', description: 'Ver las entradas de este servidor y la lista integrada' },
    },
  },
  limits: {
    name: 'límites',
    description: 'Ver o cambiar cuánto se puede usar Atelier aquí (moderación)',
    options: {
      show: { name: 'ver', description: 'Los límites vigentes: del servidor, de un rol o de un miembro', options: {
        role: { name: 'rol', description: 'Ver las excepciones de este rol' },
        user: { name: 'usuario', description: 'Ver los límites que se aplican a este miembro' },
      } },
      set: { name: 'fijar', description: 'Cambiar un límite del servidor, de un rol o de un miembro (al instante)', options: {
        level: { name: 'nivel', description: 'Para quién es el límite', choices: level },
        key: { name: 'límite', description: 'Qué límite', choices: limitKey },
        value: { name: 'valor', description: 'Un número, "unlimited", 0, o yes/no para los interruptores' },
        role, user,
      } },
      reset: { name: 'restablecer', description: 'Quitar una excepción para que vuelva a aplicarse el nivel inferior', options: {
        level: { name: 'nivel', description: 'De quién es la excepción', choices: level },
        key: { name: 'límite', description: 'Qué límite (todos si no se indica)', choices: limitKey },
        role, user,
      } },
    },
  },
  usage: {
    name: 'uso',
    description: 'Cuánto se ha usado Atelier aquí: totales, usuarios más activos, rechazos, gráfico (moderación)',
    options: {
      period: { name: 'periodo', description: 'Hasta cuándo mirar atrás (una semana si no se indica)', choices: {
        day: 'día (últimas 24 horas)', week: 'semana (últimos 7 días)', month: 'mes (últimos 30 días)',
      } },
      user: { name: 'usuario', description: 'Solo este miembro' },
    },
  },
  modlog: {
    name: 'registro-mod',
    description: 'Las últimas acciones de moderación en este servidor (moderación)',
    options: {
      page: { name: 'página', description: '1 es la más reciente' },
      moderator: { name: 'moderador', description: 'Solo las acciones de este moderador' },
      target: { name: 'afectado', description: 'Solo las acciones sobre este miembro' },
    },
  },
  'Vary this image': { name: 'Variar esta imagen' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand': 'Esta versión del bot no conoce ese comando. Escribe / para ver los comandos que tiene ahora.',
  'router.unknownButton': 'Este bot ya no reconoce este botón. Crea una imagen nueva con /imagine.',
  'router.bug': 'Algo ha fallado por nuestra parte (id de error `{errorId}`). Vuelve a intentarlo; si sigue pasando, dale este id a quien administra el bot.',

  'job.modelLoading': 'El modelo de imágenes todavía se está cargando. Vuelve a intentarlo dentro de un minuto.',
  'job.dmOff': 'Aquí solo hago imágenes en servidores: quien administra el bot ha desactivado los mensajes directos.',
  'job.blockedWord': 'Tu prompt contiene «{word}», que no está permitido fuera de los canales con restricción de edad. Reformúlalo y vuelve a intentarlo; no se te ha cobrado nada.',
  'job.blockedWordHere': 'Tu prompt contiene «{word}», que este servidor no permite. Reformúlalo y vuelve a intentarlo; no se te ha cobrado nada.',
  'job.blockedPattern': 'Tu prompt contiene un patrón bloqueado, que no está permitido fuera de los canales con restricción de edad. Reformúlalo y vuelve a intentarlo; no se te ha cobrado nada.',
  'job.blockedPatternHere': 'Tu prompt contiene un patrón bloqueado, que este servidor no permite. Reformúlalo y vuelve a intentarlo; no se te ha cobrado nada.',
  'job.refusedPublicNote': '-# Esta petición no se ha iniciado; te hemos enviado el motivo en privado.',

  'button.cancel': 'Cancelar',
  'button.reroll': 'Repetir',
  'button.info': 'Info',
  'button.delete': 'Borrar',
  'button.subtle': 'Variar (sutil)',
  'button.strong': 'Variar (fuerte)',

  'help.title': 'Atelier: ayuda',
  'help.intro': 'Pinto imágenes a partir de una descripción, en el propio ordenador de quien administra este servidor. Escribe {imagine} con lo que quieras ver: respondo al momento con tu puesto en la cola, muestro la pintura mientras avanza y después publico las imágenes con botones para seguir trabajando en ellas.',
  'help.commands': 'Comandos',
  'help.cmd.imagine': 'pinta una imagen a partir de una descripción; las opciones añaden un prompt negativo, el formato, una semilla, los pasos, la guía, cuántas imágenes o una imagen de partida',
  'help.cmd.info': 'las imágenes que te quedan hoy, tus trabajos en cola y el modelo en uso',
  'help.cmd.queue': 'qué se está pintando y qué espera, con tiempos estimados',
  'help.cmd.settings': 'tus propios valores por defecto para /imagine: formato, pasos, spoiler',
  'help.cmd.help': 'esta ayuda, solo para ti',
  'help.cmd.vary': 'en cualquier imagen publicada en el canal: abre el menú del mensaje y luego Aplicaciones → **{name}**',
  'help.buttons': 'Los botones bajo una imagen',
  'help.button.upscale': '**U1, U2…**: esa imagen sola, a tamaño completo, con sus propios botones',
  'help.button.vary': '**V1, V2…**: nuevas variaciones de esa imagen',
  'help.button.subtle': '**{subtle}** / **{strong}**: una variación cercana o más libre de una sola imagen',
  'help.button.reroll': '**{reroll}**: la misma petición otra vez con semillas nuevas',
  'help.button.info': '**{info}**: cómo se hicieron las imágenes (prompt, semilla, tamaño, pasos, modelo), solo para ti',
  'help.button.delete': '**{delete}**: borra las imágenes (quien las pidió o la moderación)',
  'help.button.cancel': '**{cancel}**: detiene un trabajo en espera o en curso (quien lo pidió o la moderación); no se cobra nada',
  'help.flags': 'Flags en el prompt',
  'help.flagsText': 'Añádelos al final del prompt: `--ar 16:9` el formato, `--seed 42` la misma imagen otra vez, `--no text` lo que hay que dejar fuera, `--steps 30` más pasos de eliminación de ruido, `--guidance 7` cuánto seguir el prompt.',
  'help.english': 'El modelo solo lee inglés: escribe el prompt en inglés para obtener los mejores resultados. Todo lo demás (comandos, respuestas, botones) sigue el idioma de tu Discord.',
  'help.limits': 'Tus límites aquí',
  'help.limit.banned': 'Tienes prohibido usar Atelier en este servidor.',
  'help.limit.imagesUnlimited': 'Imágenes: no tienes límite diario.',
  'help.limit.imagesNone': 'Imágenes: aquí no puedes crear imágenes.',
  'help.limit.images': { one: 'Imágenes: te quedan {left} de {count} en las últimas 24 horas (ventana móvil).', other: 'Imágenes: te quedan {left} de {count} en las últimas 24 horas (ventana móvil).' },
  'help.limit.cooldown': 'Espera: {duration} entre dos peticiones.',
  'help.limit.noCooldown': 'Espera: ninguna.',
  'help.limit.queued': { one: 'Como máximo {count} trabajo en espera a la vez.', other: 'Como máximo {count} trabajos en espera a la vez.' },
  'help.limit.size': 'Imagen más grande: {width}×{height} píxeles, hasta {steps} pasos, {images} imágenes por petición.',
  'help.limit.uploadsOff': 'Aquí no se puede partir de una imagen propia.',
  'help.model': 'Lo que sabe hacer el modelo',
  'help.modelLoading': 'El modelo todavía se está cargando; vuelve a preguntar dentro de un minuto.',
  'help.modelDemo': 'Este bot usa el pequeño modelo de demostración que trae Atelier. Pinta una forma ({shapes}) de un color ({colours}) {positions}, sobre un fondo de otro color, por ejemplo «a red star on the left on a blue background». Solo conoce estas palabras en inglés e ignora todas las demás.',
  'help.modelReal': 'El modelo es **{name}**. Sigue mejor las descripciones en inglés breves y concretas y solo lee los primeros 75 fragmentos de palabra, más o menos, de un prompt; el texto legible, las manos y los números exactos de objetos a menudo salen mal.',
  'help.moderators': 'Para la moderación (Gestionar servidor)',
  'help.mod.limits': 'ver o cambiar los límites del servidor, de un rol o de un miembro',
  'help.mod.ban': 'impedir que un miembro use Atelier aquí, por un tiempo o para siempre',
  'help.mod.unban': 'quitar un baneo',
  'help.mod.blocklist': 'palabras y patrones que los prompts no pueden contener aquí',
  'help.mod.usage': 'cuánto se ha usado Atelier: totales, usuarios más activos, rechazos, un gráfico',
  'help.mod.modlog': 'las últimas acciones de moderación',
  'help.mod.queueRemove': 'quitar de la cola el trabajo de alguien, con un motivo que verá',
  'help.mod.buttons': 'También puedes cancelar o borrar las imágenes de cualquiera con los botones que tienen debajo.',
};

export const esES: Catalog<MessageKey> = { lang: 'es-ES', messages, commands };
