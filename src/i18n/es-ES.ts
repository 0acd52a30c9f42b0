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
  defaultScheduler: 'defaultScheduler: planificador de /imagine si no se elige ninguno',
  defaultModel: 'defaultModel: modelo de /imagine si no se elige ninguno',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 cuadrada',
  '3:2': '3:2 horizontal',
  '2:3': '2:3 vertical',
  '16:9': '16:9 panorámica',
  '9:16': '9:16 vertical alargada',
};
const role: CommandText = { name: 'rol', description: 'El rol (para el nivel rol)' };
const user: CommandText = { name: 'usuario', description: 'El miembro (para el nivel usuario)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'imagina',
    description: 'Pinta una imagen a partir de una descripción',
    options: {
      prompt: {
        name: 'prompt',
        description: 'Qué pintar, en inglés (también con flags: --ar 16:9 --seed 42 --no text)',
      },
      negative: { name: 'negativo', description: 'Qué dejar fuera de la imagen' },
      aspect: { name: 'formato', description: 'La forma de la imagen', choices: aspect },
      seed: { name: 'semilla', description: 'Misma semilla, misma imagen (aleatoria si no se indica)' },
      steps: { name: 'pasos', description: 'Pasos de eliminación de ruido: más es más lento y a menudo más fino' },
      guidance: { name: 'guía', description: 'Cuánto seguir el prompt (0-30)' },
      count: { name: 'cantidad', description: 'Cuántas imágenes' },
      image: { name: 'imagen', description: 'Partir de esta imagen (PNG, JPEG o WebP)' },
      strength: { name: 'intensidad', description: 'Con una imagen: cuánto alejarse de ella (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: {
        name: 'programador',
        description: 'Cómo pasar del ruido a la imagen (por defecto: el del modelo)',
        choices: schedulerLabels,
      },
      model: { name: 'modelo', description: 'Qué modelo instalado la pinta (por defecto: el del servidor)' },
    },
  },
  info: {
    name: 'info',
    description: 'Las imágenes que te quedan hoy, tus trabajos en cola y el modelo que usa el bot',
  },
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
          aspect_ratio: {
            name: 'formato',
            description: 'La forma de tus imágenes',
            choices: { ...aspect, default: 'el del bot por defecto' },
          },
          steps: { name: 'pasos', description: 'Pasos de eliminación de ruido (0: los del modelo por defecto)' },
          spoiler: { name: 'spoiler', description: 'Publicar tus imágenes como spoiler' },
          remix: {
            name: 'remix',
            description: 'Editar el prompt antes de variaciones, repeticiones, zooms y desplazamientos',
          },
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
      add: {
        name: 'añadir',
        description: 'Bloquear una palabra, una frase o una /expresión regular/',
        options: {
          pattern: { name: 'entrada', description: 'p. ej. gore, "blood bath" o /sk(u|e)ll?s?/' },
        },
      },
      remove: {
        name: 'quitar',
        description: 'Desbloquear una entrada, escrita tal como se añadió',
        options: {
          pattern: { name: 'entrada', description: 'La entrada que se quita' },
        },
      },
      list: { name: 'lista', description: 'Ver las entradas de este servidor y la lista integrada' },
    },
  },
  limits: {
    name: 'límites',
    description: 'Ver o cambiar cuánto se puede usar Atelier aquí (moderación)',
    options: {
      show: {
        name: 'ver',
        description: 'Los límites vigentes: del servidor, de un rol o de un miembro',
        options: {
          role: { name: 'rol', description: 'Ver las excepciones de este rol' },
          user: { name: 'usuario', description: 'Ver los límites que se aplican a este miembro' },
        },
      },
      set: {
        name: 'fijar',
        description: 'Cambiar un límite del servidor, de un rol o de un miembro (al instante)',
        options: {
          level: { name: 'nivel', description: 'Para quién es el límite', choices: level },
          key: { name: 'límite', description: 'Qué límite', choices: limitKey },
          value: { name: 'valor', description: 'Un número, "unlimited", 0, o yes/no para los interruptores' },
          role,
          user,
        },
      },
      reset: {
        name: 'restablecer',
        description: 'Quitar una excepción para que vuelva a aplicarse el nivel inferior',
        options: {
          level: { name: 'nivel', description: 'De quién es la excepción', choices: level },
          key: { name: 'límite', description: 'Qué límite (todos si no se indica)', choices: limitKey },
          role,
          user,
        },
      },
    },
  },
  usage: {
    name: 'uso',
    description: 'Cuánto se ha usado Atelier aquí: totales, usuarios más activos, rechazos, gráfico (moderación)',
    options: {
      period: {
        name: 'periodo',
        description: 'Hasta cuándo mirar atrás (una semana si no se indica)',
        choices: {
          day: 'día (últimas 24 horas)',
          week: 'semana (últimos 7 días)',
          month: 'mes (últimos 30 días)',
        },
      },
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
  health: {
    name: 'estado',
    description: 'Moderación: ¿está bien el bot? Gateway, base de datos, inferencia, modelo y dispositivo, cola',
  },
  'Vary this image': { name: 'Variar esta imagen' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand':
    'Esta versión del bot no conoce ese comando. Escribe / para ver los comandos que tiene ahora.',
  'router.unknownButton': 'Este bot ya no reconoce este botón. Crea una imagen nueva con /imagine.',
  'router.bug':
    'Algo ha fallado por nuestra parte (id de error `{errorId}`). Vuelve a intentarlo; si sigue pasando, dale este id a quien administra el bot.',

  'job.notSaved':
    'No hemos podido guardar tu petición, así que no se ha iniciado y no se te ha cobrado nada (id de error `{errorId}`). Vuelve a intentarlo.',
  'job.modelLoading': 'El modelo de imágenes todavía se está cargando. Vuelve a intentarlo dentro de un minuto.',
  'job.dmOff': 'Aquí solo hago imágenes en servidores: quien administra el bot ha desactivado los mensajes directos.',
  'job.blockedWord':
    'Tu prompt contiene «{word}», que no está permitido fuera de los canales con restricción de edad. Reformúlalo y vuelve a intentarlo; no se te ha cobrado nada.',
  'job.blockedWordHere':
    'Tu prompt contiene «{word}», que este servidor no permite. Reformúlalo y vuelve a intentarlo; no se te ha cobrado nada.',
  'job.blockedPattern':
    'Tu prompt contiene un patrón bloqueado, que no está permitido fuera de los canales con restricción de edad. Reformúlalo y vuelve a intentarlo; no se te ha cobrado nada.',
  'job.blockedPatternHere':
    'Tu prompt contiene un patrón bloqueado, que este servidor no permite. Reformúlalo y vuelve a intentarlo; no se te ha cobrado nada.',
  'job.refusedPublicNote': '-# Esta petición no se ha iniciado; te hemos enviado el motivo en privado.',
  'job.uploadAccepted': 'Tu imagen está bien: el trabajo empieza abajo.',
  'job.acceptedBelow': 'Tu petición ha entrado: su puesto en la cola y las imágenes aparecen abajo.',

  'job.noPrompt': '*(sin prompt)*',
  'job.variationOfImage': 'variación de la imagen {index} de #{job}',
  'job.variationOfPosted': 'variación de una imagen publicada',
  'job.variationOfUpload': 'variación de una imagen subida',
  'job.rerollOf': 'repetición de #{job}',
  'job.imageOf': 'imagen {index} de #{job}',
  'job.fromUpload': 'a partir de una imagen subida',
  'job.strength': 'intensidad {strength}',
  'job.waiting': '⏳ En la cola: **#{position}**, {when}',
  'job.startingNow': 'empieza ya',
  'job.noWorker': 'ahora mismo ningún worker sirve el modelo **{model}**: empieza en cuanto alguno lo haga',
  'job.workersUnreachable':
    'ahora mismo no se puede contactar con los workers de imágenes: conservas tu puesto y empieza en cuanto vuelvan',
  'job.startsIn': 'empieza dentro de unos {duration} ({relative})',
  'job.restarted': '🔁 El bot se ha reiniciado; tu trabajo ha conservado su puesto.',
  'job.restartedWhileRunning':
    '🔁 El bot se ha reiniciado mientras lo hacía; tu trabajo ha vuelto al principio de la cola.',
  'job.starting': '🎨 Empezando…',
  'job.loadingModel': '⏳ Cargando el modelo **{model}** (el primer trabajo con él desde hace un rato)…',
  'job.painting': '🎨 Pintando: paso {step} de {total} ({percent})',
  'job.interrupted': '⏸️ El bot se está reiniciando; este trabajo es el primero de la cola y empezará en cuanto vuelva.',
  'job.cancelledByAuthor': '🚫 Cancelado a petición tuya. No se ha cobrado nada.',
  'job.cancelledByAuthorReason': '🚫 Cancelado a petición tuya ({reason}). No se ha cobrado nada.',
  'job.cancelledByModerator': '🚫 Cancelado por la moderación. No se ha cobrado nada.',
  'job.cancelledByModeratorReason': '🚫 Cancelado por la moderación ({reason}). No se ha cobrado nada.',
  'job.prepareFailed': 'Las imágenes se han creado, pero no se han podido preparar para Discord. Vuelve a intentarlo.',
  'job.seed': 'semilla {seed}',
  'job.seeds': 'semillas {first}–{last}',
  'job.steps': { one: '{count} paso', many: '{count} de pasos', other: '{count} pasos' },
  'job.guidance': 'guía {guidance}',
  'job.previewDescription': 'En proceso',
  'job.imageDescription': 'Imagen generada',
  'job.reencodedWebp': 'El PNG era demasiado grande para este canal, así que se ha recodificado como WebP.',
  'job.reencodedJpeg': 'El PNG era demasiado grande para este canal, así que se ha recodificado como JPEG.',
  'job.reencodedJpegSmaller':
    'El PNG era demasiado grande para este canal, así que se ha recodificado como JPEG al {percent} de su tamaño.',
  'job.ignoredFlags': {
    one: 'No he entendido {flags}, así que lo he ignorado (entiendo --ar, --seed, --no, --steps, --repeat, --chaos y --guidance).',
    other:
      'No he entendido {flags}, así que los he ignorado (entiendo --ar, --seed, --no, --steps, --repeat, --chaos y --guidance).',
  },

  'info.title': 'Cómo se hicieron estas imágenes',
  'info.prompt': 'Prompt',
  'info.negative': 'Prompt negativo',
  'info.none': '*(ninguno)*',
  'info.seed': 'Semilla',
  'info.size': 'Tamaño',
  'info.steps': 'Pasos',
  'info.guidance': 'Guía',
  'info.images': 'Imágenes',
  'info.model': 'Modelo',
  'info.scheduler': 'Programador',
  'info.strength': 'Intensidad',
  'info.madeFrom': 'Hecha a partir de',
  'info.fromJob': 'trabajo #{job}',
  'info.fromJobImage': 'trabajo #{job}, imagen {index}',
  'info.job': 'Trabajo',
  'info.waited': 'esperó {duration}',
  'info.ran': 'tardó {duration}',
  'kind.imagine': 'imagen nueva',
  'kind.variation': 'variación',
  'kind.upscale': 'imagen suelta',
  'kind.reroll': 'repetición',
  'kind.edit': 'edición',
  'state.queued': 'en espera',
  'state.running': 'pintándose',
  'state.done': 'terminado',
  'state.failed': 'fallido',
  'state.cancelled': 'cancelado',

  'quota.banned': 'Tienes prohibido usar Atelier en este servidor. {until}',
  'quota.bannedReason': 'Tienes prohibido usar Atelier en este servidor (motivo: {reason}). {until}',
  'quota.banNoEnd': 'El baneo no tiene fecha de fin.',
  'quota.banEnds': 'Termina {when}.',
  'quota.noQueue':
    'Aquí no puedes poner trabajos en cola (tu límite es 0). Pregunta a la moderación si crees que es un error.',
  'quota.maxQueued': {
    one: 'Ya tienes {count} trabajo en espera, el máximo que puedes tener a la vez ({max}). Vuelve a intentarlo cuando termine.',
    many: 'Ya tienes {count} de trabajos en espera, el máximo que puedes tener a la vez ({max}). Vuelve a intentarlo cuando termine alguno.',
    other:
      'Ya tienes {count} trabajos en espera, el máximo que puedes tener a la vez ({max}). Vuelve a intentarlo cuando termine alguno.',
  },
  'quota.cooldown': {
    one: 'Más despacio: aquí hay que esperar {count} segundo entre dos peticiones. Podrás volver a pedir {when}.',
    many: 'Más despacio: aquí hay que esperar {count} de segundos entre dos peticiones. Podrás volver a pedir {when}.',
    other: 'Más despacio: aquí hay que esperar {count} segundos entre dos peticiones. Podrás volver a pedir {when}.',
  },
  'quota.noImages':
    'Aquí no puedes crear imágenes (tu límite diario es 0). Pregunta a la moderación si crees que es un error.',
  'quota.tooManyForDay': {
    one: 'Has pedido {count} imagen, pero puedes crear {limit} al día. Pide menos.',
    many: 'Has pedido {count} de imágenes, pero puedes crear {limit} al día. Pide menos.',
    other: 'Has pedido {count} imágenes, pero puedes crear {limit} al día. Pide menos.',
  },
  'quota.dayLeft': {
    one: 'En las últimas 24 horas has usado {used} imagen de {count} y has pedido {asked}; ahora puedes pedir {left}, o más {when}.',
    many: 'En las últimas 24 horas has usado {used} de tus {count} de imágenes y has pedido {asked}; ahora puedes pedir {left}, o más {when}.',
    other:
      'En las últimas 24 horas has usado {used} de tus {count} imágenes y has pedido {asked}; ahora puedes pedir {left}, o más {when}.',
  },
  'quota.dayUsed': {
    one: 'En las últimas 24 horas has usado {used} imagen de {count}; volverá a estar disponible {when}.',
    many: 'En las últimas 24 horas has usado {used} de tus {count} de imágenes; volverán a estar disponibles {when}.',
    other: 'En las últimas 24 horas has usado {used} de tus {count} imágenes; volverán a estar disponibles {when}.',
  },
  'quota.later': 'más tarde',
  'quota.guildTooSmall': {
    one: 'Este servidor puede crear {count} imagen al día, no basta para esta petición. Pide menos o habla con la moderación.',
    many: 'Este servidor puede crear {count} de imágenes al día, no basta para esta petición. Pide menos o habla con la moderación.',
    other:
      'Este servidor puede crear {count} imágenes al día, no basta para esta petición. Pide menos o habla con la moderación.',
  },
  'quota.guildUsed': {
    one: 'En las últimas 24 horas este servidor ha usado {used} imagen de {count}. Habrá más disponibles {when}.',
    many: 'En las últimas 24 horas este servidor ha usado {used} de sus {count} de imágenes. Habrá más disponibles {when}.',
    other:
      'En las últimas 24 horas este servidor ha usado {used} de sus {count} imágenes. Habrá más disponibles {when}.',
  },
  'quota.queueFull': {
    one: 'La cola está llena: {count} trabajo en espera, lo máximo que admite. No se ha cobrado nada; vuelve a intentarlo dentro de unos minutos.',
    many: 'La cola está llena: {count} de trabajos en espera, lo máximo que admite. No se ha cobrado nada; vuelve a intentarlo dentro de unos minutos.',
    other:
      'La cola está llena: {count} trabajos en espera, lo máximo que admite. No se ha cobrado nada; vuelve a intentarlo dentro de unos minutos.',
  },
  'shape.uploads': 'Aquí está desactivado subir imágenes. Vuelve a pedirlo sin imagen o habla con la moderación.',
  'shape.width':
    'Un ancho de {value} px supera lo permitido aquí (como máximo {max} px). Pide un tamaño menor u otro formato.',
  'shape.height':
    'Un alto de {value} px supera lo permitido aquí (como máximo {max} px). Pide un tamaño menor u otro formato.',
  'shape.pixels':
    '{width}x{height} son {value} píxeles, más de lo permitido aquí (como máximo {max}). Pide un tamaño menor.',
  'shape.steps': '{value} pasos superan lo permitido aquí (como máximo {max}). Pide {max} pasos o menos.',
  'shape.images': '{value} imágenes a la vez superan lo permitido aquí (como máximo {max}). Pide menos.',

  'button.unknownJob':
    'Aquí no tengo constancia del trabajo #{job}, así que este botón no puede hacer nada. Crea una imagen nueva con /imagine.',
  'button.deletedJob': 'Estas imágenes se borraron, así que sus botones ya no funcionan.',
  'button.notDone':
    'Este trabajo aún no ha terminado, así que no tiene imágenes que usar. Vuelve a pulsar cuando esté listo.',
  'button.failedJob': 'Este trabajo falló, así que no tiene imágenes que usar. Crea una imagen nueva con /imagine.',
  'button.cancelledJob':
    'Este trabajo se canceló, así que no tiene imágenes que usar. Crea una imagen nueva con /imagine.',
  'button.imageGoneDerived':
    'La imagen {index} del trabajo #{job} ha caducado, y también la imagen de la que se hizo (es una variación o una edición), así que no se puede volver a hacer exactamente. **Volver a hacer el original** vuelve a pintar el trabajo #{origin} con el mismo prompt, los mismos ajustes y la misma semilla, es decir, las mismas imágenes; después varía o edita la nueva.',
  'button.imageGone':
    'La imagen {index} del trabajo #{job} ha caducado (las imágenes antiguas se borran pasado un tiempo para ahorrar espacio), así que este botón no puede usarla. Para hacerla de nuevo, usa /imagine con el mismo prompt, los mismos ajustes y `--seed {seed}` (el botón Info los muestra).',
  'button.notOwnerDelete': 'Solo quien pidió estas imágenes, o la moderación, puede borrarlas.',
  'button.notOwnerCancel': 'Solo quien pidió este trabajo, o la moderación, puede cancelarlo.',
  'button.alreadyFinished': 'Este trabajo ya ha terminado, así que no hay nada que cancelar.',
  'button.alreadyCancelled': 'Este trabajo ya se ha cancelado, así que no hay nada que cancelar.',
  'button.alreadyFailed': 'Este trabajo ya ha fallado, así que no hay nada que cancelar.',
  'button.alreadyGone': 'Este trabajo ya no existe, así que no hay nada que cancelar.',
  'job.noImg2img': 'El modelo cargado ({model}) no puede partir de una imagen. Pídelo sin imagen.',
  'job.badStrength': 'La intensidad solo cuenta si adjuntas una imagen de partida. Adjunta una o quita la intensidad.',
  'job.badScheduler': 'No hay ningún programador llamado «{name}»; elige uno de estos: {choices}.',
  'job.badModel': 'No hay ningún modelo instalado llamado «{name}»; elige uno de estos: {choices}.',
  'vary.noPicture':
    'Ese mensaje no tiene ninguna imagen adjunta. Usa «{command}» en un mensaje con una imagen PNG, JPEG o WebP.',
  'vary.notPicture':
    'El adjunto de ese mensaje (`{file}`) no es una imagen. Usa «{command}» en un mensaje con una imagen PNG, JPEG o WebP.',
  'vary.noImg2img':
    'El modelo cargado ({model}) no puede partir de una imagen, así que no puede hacer variaciones. Usa /imagine con un prompt.',
  'upload.pixels':
    'Esa imagen mide {width}x{height} píxeles ({megapixels} megapíxeles); acepto imágenes de hasta {max} megapíxeles y {side} píxeles por lado. Redúcela y vuelve a intentarlo.',
  'upload.type':
    '`{file}` es un archivo {type}, no una imagen de la que pueda partir. Adjunta una imagen PNG, JPEG o WebP.',
  'upload.unknownType':
    '`{file}` es un tipo de archivo que no conozco, no una imagen de la que pueda partir. Adjunta una imagen PNG, JPEG o WebP.',
  'upload.size':
    '`{file}` ocupa {size}; acepto imágenes de hasta {max}. Guárdala más pequeña (un JPEG o un WebP ocupa mucho menos que un PNG) y vuelve a intentarlo.',
  'upload.host':
    'Solo descargo imágenes subidas al propio Discord, y esta apunta a otro sitio. Sube la imagen a Discord (adjunta el archivo) y vuelve a intentarlo.',
  'upload.timeout':
    'Descargar tu imagen de Discord ha tardado más de {seconds} s, así que lo he dejado. Vuelve a intentarlo dentro de un momento o sube una imagen más pequeña.',
  'upload.failed':
    'La descarga de tu imagen desde Discord ha fallado (se rechazó o se cortó la conexión). Vuelve a intentarlo dentro de un momento o sube la imagen otra vez.',
  'upload.redirect':
    'Discord ha enviado la dirección de tu imagen a otro sitio (una redirección), y no las sigo. Sube la imagen otra vez.',
  'upload.http': 'No he podido descargar tu imagen de Discord (HTTP {status}). Vuelve a intentarlo o súbela otra vez.',
  'upload.tooBig': 'Esa imagen ocupa {size}; acepto imágenes de hasta {max}.',
  'upload.overMax': 'Esa imagen ocupa más de {max}, lo máximo que acepto.',
  'upload.notImage': 'Ese archivo no es una imagen PNG, JPEG o WebP (diga lo que diga su nombre). Adjunta una de esas.',
  'upload.damaged': 'No se puede leer esa imagen: el archivo parece dañado. Prueba a guardarla otra vez.',
  'upload.noSize': 'No se puede leer esa imagen: no tiene tamaño. Prueba a guardarla otra vez.',
  'queue.restarting':
    'El bot se está reiniciando y no acepta peticiones nuevas. Vuelve a intentarlo dentro de un minuto.',
  'queue.full': 'La cola está llena ({count} en espera). Vuelve a intentarlo dentro de unos minutos.',
  'queue.userFull': {
    one: 'Ya tienes {count} trabajo en la cola, el máximo por persona. Espera a que termine (o cancélalo) y vuelve a intentarlo.',
    many: 'Ya tienes {count} de trabajos en la cola, el máximo por persona. Espera a que termine uno (o cancela uno) y vuelve a intentarlo.',
    other:
      'Ya tienes {count} trabajos en la cola, el máximo por persona. Espera a que termine uno (o cancela uno) y vuelve a intentarlo.',
  },

  'info.cmd.banned': '**Tienes prohibido usar Atelier en este servidor**. {until}',
  'info.cmd.bannedReason': '**Tienes prohibido usar Atelier en este servidor** (motivo: {reason}). {until}',
  'info.cmd.imagesUnlimited': {
    one: '**Imágenes:** aquí no tienes límite diario ({count} imagen en las últimas 24 horas).',
    many: '**Imágenes:** aquí no tienes límite diario ({count} de imágenes en las últimas 24 horas).',
    other: '**Imágenes:** aquí no tienes límite diario ({count} imágenes en las últimas 24 horas).',
  },
  'info.cmd.imagesNone': '**Imágenes:** aquí no puedes crear imágenes (tu límite diario es 0).',
  'info.cmd.imagesLeft': '**Imágenes restantes:** {left} de {limit} en las últimas 24 horas (ventana móvil).',
  'info.cmd.imagesLeftNext':
    '**Imágenes restantes:** {left} de {limit} en las últimas 24 horas (ventana móvil); la siguiente se libera {when}.',
  'info.cmd.guildLeft': {
    one: '**Este servidor:** le queda {count} imagen en las últimas 24 horas.',
    many: '**Este servidor:** le quedan {count} de imágenes en las últimas 24 horas.',
    other: '**Este servidor:** le quedan {count} imágenes en las últimas 24 horas.',
  },
  'info.cmd.cooldownUntil': '**Espera:** puedes volver a pedir {when}.',
  'info.cmd.cooldown': '**Espera:** {duration} entre peticiones; ya puedes pedir.',
  'info.cmd.noCooldown': '**Espera:** ninguna.',
  'info.cmd.jobs': '**Tus trabajos:** {running} en curso, {waiting} en espera',
  'info.cmd.jobsMax': '**Tus trabajos:** {running} en curso, {waiting} en espera (puedes tener {max} a la vez)',
  'info.cmd.listFollows': ':',
  'info.cmd.end': '.',
  'info.cmd.runningJob': '• trabajo {job} «{prompt}»: en curso, listo {when}',
  'info.cmd.runningJobStep': '• trabajo {job} «{prompt}»: en curso, paso {step} de {total}, listo {when}',
  'info.cmd.queuedJob': '• trabajo {job} «{prompt}»: n.º {position} en la cola, empieza {when}',
  'info.cmd.more': '• y {count} más',
  'info.cmd.queue': '**Cola:** {waiting} en espera, {running} en curso.',
  'info.cmd.modelLoading': '**Modelo:** aún se está cargando; vuelve a preguntar en un momento.',
  'info.cmd.model': {
    one: '**Modelo:** {name} ({family}, {dtype}) en **{device}**{fallback}, {count} paso por defecto',
    many: '**Modelo:** {name} ({family}, {dtype}) en **{device}**{fallback}, {count} de pasos por defecto',
    other: '**Modelo:** {name} ({family}, {dtype}) en **{device}**{fallback}, {count} pasos por defecto',
  },
  'info.cmd.fallback':
    ' ({wanted} está configurado pero no disponible aquí; el registro de quien administra el bot explica cómo arreglarlo)',
  'info.cmd.demo':
    'Es el pequeño modelo de demostración que trae Atelier: solo pinta escenas sencillas. Quien administra el bot puede instalar uno de verdad con `{command}`.',

  'help.button.region':
    '**{region}**: rehace una parte de la imagen (una mitad, un tercio, una esquina) con un prompt que puedes cambiar',
  'help.button.zoom': '**{zoom2}** / **{zoom15}**: aleja el encuadre y pinta más alrededor de la imagen',
  'help.button.pan': '**⬅️ ➡️ ⬆️ ⬇️**: amplía la imagen en esa dirección',
  'help.button.upscaleMore':
    '**{subtle}**: una copia más grande, tal cual; **{creative}**: más grande y repintada con más detalle',
  'edit.regionLabel': 'Zona que rehacer',
  'edit.promptLabel': 'Prompt para la zona',
  'edit.negativeLabel': 'Prompt negativo',
  'edit.noVae': 'El modelo cargado ({model}) no tiene codificador VAE, así que no puede editar una imagen.',
  'edit.badRegion': 'Elige de la lista la zona que quieres rehacer.',
  'edit.region.left': 'Mitad izquierda',
  'edit.region.right': 'Mitad derecha',
  'edit.region.top': 'Mitad superior',
  'edit.region.bottom': 'Mitad inferior',
  'edit.region.left-third': 'Tercio izquierdo',
  'edit.region.middle-third': 'Tercio central',
  'edit.region.right-third': 'Tercio derecho',
  'edit.region.centre': 'Centro',
  'edit.region.top-left': 'Esquina superior izquierda',
  'edit.region.top-right': 'Esquina superior derecha',
  'edit.region.bottom-left': 'Esquina inferior izquierda',
  'edit.region.bottom-right': 'Esquina inferior derecha',

  'queue.view.empty':
    'La cola está vacía: no se está pintando nada ni hay nada en espera. `/imagine` empieza enseguida.',
  'queue.view.hereDm': 'aquí',
  'queue.view.hereGuild': 'en este servidor',
  'queue.view.summary':
    '**Cola {where}:** {running} en curso, {waiting} en espera. **Todos los servidores:** {allRunning} en curso, {allWaiting} en espera (caben {room}).',
  'queue.view.summaryMine':
    '**Cola {where}:** {running} en curso, {waiting} en espera (tuyos: {mine}). **Todos los servidores:** {allRunning} en curso, {allWaiting} en espera (caben {room}).',
  'queue.view.restarting': 'El bot se está reiniciando: los trabajos en espera seguirán cuando vuelva.',
  'queue.view.running': '**En curso**',
  'queue.view.waiting':
    '**En espera** (numerados por su puesto en la cola de todos los servidores; todos van por turnos)',
  'queue.view.more': '… {count} más',
  'queue.view.job': {
    one: 'trabajo {job}: {width}×{height}, {steps}, {count} imagen',
    many: 'trabajo {job}: {width}×{height}, {steps}, {count} de imágenes',
    other: 'trabajo {job}: {width}×{height}, {steps}, {count} imágenes',
  },
  'queue.view.step': 'paso {step}/{total}',
  'queue.view.doneIn': 'listo {when}',
  'queue.view.startsIn': 'empieza {when}',
  'queue.view.yours': 'tuyo ({mention})',
  'queue.view.moment': 'enseguida',
  'settings.title': '**Tus valores por defecto para /imagine**',
  'settings.never': ' (nunca cambiados)',
  'settings.hint': 'Cámbialos con `/settings set`; las opciones que das a /imagine siempre mandan.',
  'settings.saved': 'Guardado. Tus valores por defecto para /imagine son ahora:',
  'settings.forgotten': 'Tus valores por defecto se han olvidado: /imagine vuelve a usar los del bot.',
  'settings.none': 'No tenías valores guardados, así que no ha cambiado nada.',
  'settings.nothing':
    'Indica al menos uno de `aspect_ratio`, `steps` o `spoiler`/`remix` para cambiarlo. `/settings show` los muestra.',
  'settings.aspect': '• Formato: **{value}**',
  'settings.steps': '• Pasos: **{value}**',
  'settings.spoiler': '• Spoiler: **{value}**{note}',
  'settings.remix':
    '• Remix: **{value}** (activado: variaciones, rerolls, alejamientos, desplazamientos y Upscale (Creative) abren antes un formulario con el prompt)',
  'settings.botDefaultRatio': 'el del bot por defecto (1:1)',
  'settings.modelDefault': 'los del modelo por defecto',
  'settings.capped': '{steps} (este servidor permite como máximo {max}, así que aquí se usan {max})',
  'settings.yes': 'sí',
  'settings.no': 'no',
  'settings.spoilerForced': ' (este servidor publica igualmente cada imagen como spoiler)',

  'mod.notInGuild': 'Los comandos de moderación funcionan en un servidor, no en mensajes directos.',
  'mod.notModerator':
    'Lo siento, este comando es para la moderación: aquí necesita el permiso **Gestionar servidor**. No se ha cambiado nada.',
  'queue.remove.noJob': 'En este servidor no hay ningún trabajo {job}. `/queue` muestra los números de los trabajos.',
  'queue.remove.finished': 'El trabajo {job} ya ha terminado: no hay nada que quitar.',
  'queue.remove.failed': 'El trabajo {job} ya ha fallado: no hay nada que quitar.',
  'queue.remove.cancelled': 'El trabajo {job} ya se ha cancelado: no hay nada que quitar.',
  'queue.remove.justFinished': 'El trabajo {job} acaba de terminar: no hay nada que quitar.',
  'queue.remove.done':
    'Quitado el trabajo {job} de {user} ({where}). Se le han devuelto las imágenes{told}. Queda en el registro.',
  'queue.remove.wasRunning': 'estaba en curso y se ha detenido',
  'queue.remove.wasQueued': 'era el n.º {position} de la cola',
  'queue.remove.told': ' y se le ha dicho el motivo: {reason}',

  'fail.bug':
    'Algo ha fallado por nuestra parte al crear tus imágenes (id de error `{errorId}`). Vuelve a intentarlo; si sigue pasando, dale este id a quien administra el bot.',
  'fail.modelGone':
    'El modelo «{model}» para el que se hizo este trabajo ya no está instalado, así que no puede ejecutarse; no se ha descontado nada de tu cuota. Elige otro con /imagine model:.',
  'fail.crashed':
    'El generador de imágenes se ha bloqueado {count} veces con este trabajo, así que se ha detenido. Prueba un tamaño menor, menos pasos o menos imágenes.',
  'fail.timeout':
    'Este trabajo ha superado el límite de {seconds} s y se ha detenido. Prueba menos pasos, un tamaño menor o menos imágenes.',
  'fail.interrupted':
    'Este trabajo se ha interrumpido {count} veces (el bot o su generador de imágenes se detuvo mientras lo hacía), así que no se ha vuelto a intentar. Prueba un tamaño menor, menos pasos o menos imágenes.',

  'flag.noNeedsText': '`--no` necesita lo que hay que dejar fuera, p. ej. `--no cars, text`.',
  'flag.seed': '{label} admite un número entero de 0 a {max}{given}.',
  'flag.whole': '{label} admite un número entero de {min} a {max}{given}.',
  'flag.number': '{label} admite un número de {min} a {max}{given}.',
  'flag.tooManyJobs':
    'Eso da {jobs} trabajos ({permutations} prompt(s) de las opciones entre llaves, cada uno por su --repeat); un prompt puede iniciar como máximo {max}. Usa menos opciones o un --repeat menor.',
  'job.manyJobs':
    'Tu prompt da {jobs} trabajos: {images} imágenes de tu cuota{left}. Empiezan abajo, cada uno en su mensaje.',
  'job.manyJobsLeft': '; después quedan {n}',
  'job.confirmMany': 'Tu prompt genera {jobs} trabajos: {images} imágenes de tu cuota{left}. ¿Los ejecuto?',
  'button.runMany': 'Ejecutar {jobs} trabajos',
  'button.dropMany': 'Cancelar',
  'job.confirmGone':
    'Estos trabajos ya se iniciaron o se cancelaron, o la pregunta tiene más de 15 minutos: envía el prompt de nuevo.',
  'job.confirmCancelled': 'Cancelado: no se ha iniciado ni cobrado nada.',
  'flag.ratio': '{label} admite una proporción como 16:9, 3:2 o 1:1{given}.',
  'flag.extreme': '{label} {value} es demasiado extremo: como mucho 4:1 o 1:4.',
  'flag.given': ', no «{value}»',
  'vary.formGone': 'Este formulario ya no corresponde a ningún mensaje. Vuelve a usar «{command}».',
  'vary.messageGone': 'Ese mensaje ya no existe, así que no hay imagen que variar.',
  'vary.pickStrength': 'Elige una de las intensidades propuestas.',

  'button.cancel': 'Cancelar',
  'button.reroll': 'Repetir',
  'button.remake': 'Volver a hacerla',
  'button.remakeOrigin': 'Volver a hacer el original',
  'button.info': 'Info',
  'button.delete': 'Borrar',
  'button.subtle': 'Variar (sutil)',
  'button.region': 'Variar (región)',
  'button.paint': 'Pintar región (playground)',
  'button.zoom2': 'Alejar 2x',
  'button.zoom15': 'Alejar 1,5x',
  'button.upscaleSubtle': 'Ampliar (sutil)',
  'button.upscaleCreative': 'Ampliar (creativo)',
  'button.strong': 'Variar (fuerte)',

  'help.title': 'Atelier: ayuda',
  'help.intro':
    'Pinto imágenes a partir de una descripción, en el propio ordenador de quien administra este servidor. Escribe {imagine} con lo que quieras ver: respondo al momento con tu puesto en la cola, muestro la pintura mientras avanza y después publico las imágenes con botones para seguir trabajando en ellas.',
  'help.commands': 'Comandos',
  'help.cmd.imagine':
    'pinta una imagen a partir de una descripción; las opciones añaden un prompt negativo, el formato, una semilla, los pasos, la guía, cuántas imágenes o una imagen de partida',
  'help.cmd.info': 'las imágenes que te quedan hoy, tus trabajos en cola y el modelo en uso',
  'help.cmd.queue': 'qué se está pintando y qué espera, con tiempos estimados',
  'help.cmd.settings': 'tus propios valores por defecto para /imagine: formato, pasos, spoiler',
  'help.cmd.help': 'esta ayuda, solo para ti',
  'help.cmd.vary':
    'en cualquier imagen publicada en el canal: abre el menú del mensaje y luego Aplicaciones → **{name}**',
  'help.buttons': 'Los botones bajo una imagen',
  'help.button.upscale': '**U1, U2…**: esa imagen sola, a tamaño completo, con sus propios botones',
  'help.button.vary': '**V1, V2…**: nuevas variaciones de esa imagen',
  'help.button.subtle': '**{subtle}** / **{strong}**: una variación cercana o más libre de una sola imagen',
  'help.button.reroll': '**{reroll}**: la misma petición otra vez con semillas nuevas',
  'help.button.info':
    '**{info}**: cómo se hicieron las imágenes (prompt, semilla, tamaño, pasos, modelo), solo para ti',
  'help.button.delete': '**{delete}**: borra las imágenes (quien las pidió o la moderación)',
  'help.button.cancel':
    '**{cancel}**: detiene un trabajo en espera o en curso (quien lo pidió o la moderación); no se cobra nada',
  'help.flags': 'Flags en el prompt',
  'help.flagsText':
    'Añádelos al final del prompt: `--ar 16:9` el formato, `--seed 42` la misma imagen otra vez, `--no text` lo que hay que dejar fuera, `--steps 30` más pasos de eliminación de ruido, `--guidance 7` cuánto seguir el prompt.',
  'help.english':
    'El modelo solo lee inglés: escribe el prompt en inglés para obtener los mejores resultados. Todo lo demás (comandos, respuestas, botones) sigue el idioma de tu Discord.',
  'help.limits': 'Tus límites aquí',
  'help.limit.banned': 'Tienes prohibido usar Atelier en este servidor.',
  'help.limit.imagesUnlimited': 'Imágenes: no tienes límite diario.',
  'help.limit.imagesNone': 'Imágenes: aquí no puedes crear imágenes.',
  'help.limit.images': {
    one: 'Imágenes: te quedan {left} de {count} en las últimas 24 horas (ventana móvil).',
    other: 'Imágenes: te quedan {left} de {count} en las últimas 24 horas (ventana móvil).',
  },
  'help.limit.cooldown': 'Espera: {duration} entre dos peticiones.',
  'help.limit.noCooldown': 'Espera: ninguna.',
  'help.limit.queued': {
    one: 'Como máximo {count} trabajo en espera a la vez.',
    other: 'Como máximo {count} trabajos en espera a la vez.',
  },
  'help.limit.size':
    'Imagen más grande: {width}×{height} píxeles, hasta {steps} pasos, {images} imágenes por petición.',
  'help.limit.uploadsOff': 'Aquí no se puede partir de una imagen propia.',
  'help.model': 'Lo que sabe hacer el modelo',
  'help.modelLoading': 'El modelo todavía se está cargando; vuelve a preguntar dentro de un minuto.',
  'help.modelDemo':
    'Este bot usa el pequeño modelo de demostración que trae Atelier. Pinta una forma ({shapes}) de un color ({colours}) {positions}, sobre un fondo de otro color, por ejemplo «a red star on the left on a blue background». Solo conoce estas palabras en inglés e ignora todas las demás.',
  'help.modelReal':
    'El modelo es **{name}**. Sigue mejor las descripciones en inglés breves y concretas y solo lee los primeros 75 fragmentos de palabra, más o menos, de un prompt; el texto legible, las manos y los números exactos de objetos a menudo salen mal.',
  'help.moderators': 'Para la moderación (Gestionar servidor)',
  'help.mod.limits': 'ver o cambiar los límites del servidor, de un rol o de un miembro',
  'help.mod.ban': 'impedir que un miembro use Atelier aquí, por un tiempo o para siempre',
  'help.mod.unban': 'quitar un baneo',
  'help.mod.blocklist': 'palabras y patrones que los prompts no pueden contener aquí',
  'help.mod.usage': 'cuánto se ha usado Atelier: totales, usuarios más activos, rechazos, un gráfico',
  'help.mod.modlog': 'las últimas acciones de moderación',
  'help.mod.queueRemove': 'quitar de la cola el trabajo de alguien, con un motivo que verá',
  'help.mod.health': 'si el bot está bien: gateway, base de datos, generador de imágenes, modelo, cola',
  'help.mod.buttons': 'También puedes cancelar o borrar las imágenes de cualquiera con los botones que tienen debajo.',
  'mod.target.guildWithTarget':
    'Has elegido el nivel **servidor** pero también has indicado un rol o un miembro. Para ellos elige el nivel rol o usuario, o quítalos.',
  'mod.target.roleNeedsRole': 'El nivel **rol** necesita la opción `rol`: elige el rol al que se aplica el límite.',
  'mod.target.roleNotUser': 'El nivel **rol** admite un rol, no un miembro: quita la opción `usuario`.',
  'mod.target.everyone': '@everyone es todo el servidor: usa mejor el nivel **servidor**.',
  'mod.target.userNeedsUser':
    'El nivel **usuario** necesita la opción `usuario`: elige el miembro al que se aplica el límite.',
  'mod.target.userNotRole': 'El nivel **usuario** admite un miembro, no un rol: quita la opción `rol`.',
  'mod.target.level': '«{level}» no es un nivel: elige servidor, rol o usuario.',
  'mod.target.showOne': 'Una cosa cada vez: un rol o un miembro, no ambos.',
  'mod.target.guild': 'el servidor',
  'mod.target.role': 'el rol {role}',
  'mod.target.user': 'el usuario {user}',
  'limits.show.user': '**Límites de {user}** (con sus roles y excepciones):',
  'limits.show.userNoOwn': 'No tiene excepciones propias.',
  'limits.show.role': '**Excepciones del rol {role}:**',
  'limits.show.roleNone': 'Ninguna: los miembros con este rol tienen los límites del servidor.',
  'limits.show.roleRule':
    'Si un miembro tiene varios roles con excepciones, cuenta el valor más generoso; una excepción propia del miembro prevalece sobre todas.',
  'limits.show.guild': '**Límites en este servidor** (valores predeterminados y excepciones del servidor):',
  'limits.show.overrides': '**Excepciones:**',
  'limits.show.hint': 'Cambia uno con `/límites fijar`; consulta los de un miembro con `/límites ver usuario:`.',
  'limits.source.default': 'predeterminado',
  'limits.source.guild': 'servidor',
  'limits.source.role': 'rol {role}',
  'limits.source.user': 'usuario',
  'limits.overrides.none': 'No hay excepciones: todos los límites tienen su valor predeterminado.',
  'limits.overrides.guild': 'Servidor',
  'limits.overrides.role': 'Rol {role}',
  'limits.overrides.user': 'Usuario {user}',
  'limits.notSet': 'sin fijar',
  'limits.defaultWas': ' (el predeterminado era {value})',
  'limits.set':
    '`{key}` ({label}) fijado para {target}: {before}{default} → {after}. Se aplica desde la próxima petición, sin reiniciar.',
  'limits.resetNothing': 'No había nada que restablecer: {target} no tiene excepciones.',
  'limits.resetNothingKey': 'No había nada que restablecer: {target} no tiene ninguna excepción para `{key}`.',
  'limits.reset': {
    one: 'Quitada la excepción de {target}: {list}. {next}',
    other: 'Quitadas {count} excepciones de {target}: {list}. {next}',
  },
  'limits.resetWas': '`{key}` (era {value})',
  'limits.defaultsApply': 'Vuelven a aplicarse los valores predeterminados desde la próxima petición.',
  'limits.guildApplies': 'Vuelven a aplicarse los límites del servidor desde la próxima petición.',
  'ban.noReason': 'Indica un motivo: se guarda en el registro y se le muestra a la persona.',
  'ban.self': 'No puedes banearte a ti mismo.',
  'ban.bot': '{user} es un bot: los bots no pueden usar los comandos de Atelier de todos modos.',
  'ban.moderator':
    '{user} tiene aquí el permiso Gestionar servidor, así que un baneo no serviría (podría quitárselo). Si de verdad quieres hacerlo, retírale antes el permiso.',
  'ban.noEnd': 'sin fecha de fin (quítalo con `/desbanear`)',
  'ban.until': 'durante {duration}, hasta el {date} ({relative})',
  'ban.done': '{user} ya no puede usar Atelier en este servidor, {until}. Motivo: {reason}',
  'ban.cancelled': {
    one: 'Se ha cancelado (y reembolsado) {count} trabajo suyo en espera; un trabajo que ya está en marcha termina.',
    other:
      'Se han cancelado (y reembolsado) {count} trabajos suyos en espera; un trabajo que ya está en marcha termina.',
  },
  'ban.noJobs': 'No tenía trabajos en espera.',
  'unban.done': '{user} puede volver a usar Atelier en este servidor.',
  'unban.doneReason': '{user} puede volver a usar Atelier en este servidor. (Se le había baneado por: {reason})',
  'unban.notBanned': '{user} no está baneado aquí, así que no había nada que quitar.',
  'blocklist.added':
    'Añadido `{pattern}` a la lista negra del servidor. Desde ahora se rechazan los prompts que lo contengan (también con mayúsculas, tildes o trucos de espaciado).',
  'blocklist.already': '`{pattern}` ya está en la lista negra (lo añadió {user} {when}).',
  'blocklist.builtin':
    '`{pattern}` está en la lista integrada, que se aplica en los canales sin restricción de edad; no se puede quitar. Marca un canal con restricción de edad para permitirlo allí.',
  'blocklist.notFound':
    '`{pattern}` no está en la lista negra de este servidor. `/lista-negra lista` muestra las entradas tal como se escribieron.',
  'blocklist.removed': 'Quitado `{pattern}` de la lista negra de este servidor.',
  'blocklist.builtinList': '**Lista integrada**, aplicada en los canales sin restricción de edad: {words}.',
  'blocklist.serverList': {
    one: '**Lista negra de este servidor** ({count} entrada):',
    other: '**Lista negra de este servidor** ({count} entradas):',
  },
  'blocklist.empty': 'Vacía. Añade entradas con `/lista-negra añadir`.',
  'usage.head': '**Uso en este servidor: {period}**',
  'usage.headUser': '**Uso de {user} en este servidor: {period}**',
  'usage.period.day': 'últimas 24 horas',
  'usage.period.week': 'últimos 7 días',
  'usage.period.month': 'últimos 30 días',
  'usage.requests': {
    one: 'Peticiones: **{requests}** ({accepted} aceptadas, {refused} rechazadas) de {count} persona',
    other: 'Peticiones: **{requests}** ({accepted} aceptadas, {refused} rechazadas) de {count} personas',
  },
  'usage.images': 'Imágenes: **{made}** creadas ({asked} pedidas en peticiones aceptadas)',
  'usage.jobs': 'Trabajos: {done} terminados, {failed} fallidos, {cancelled} cancelados',
  'usage.times': 'Espera media {wait}, duración media {run}',
  'usage.na': 'n/d',
  'usage.top': '**Usuarios más activos**',
  'usage.nobody': 'Nadie.',
  'usage.topLine': {
    one: '{rank}. {user}: {count} imagen, {requests}{refused}',
    other: '{rank}. {user}: {count} imágenes, {requests}{refused}',
  },
  'usage.requestCount': { one: '{count} petición', other: '{count} peticiones' },
  'usage.refusedCount': ' ({refused} rechazadas)',
  'usage.refusals': '**Rechazos por motivo:** {list}',
  'usage.none': 'Ninguno.',
  'usage.latest': '**Últimos rechazos**',
  'usage.chartDescription': 'Imágenes por día en los últimos {days} días',
  'modlog.title': '**Acciones de moderación**, página {page}',
  'modlog.titleFiltered': '**Acciones de moderación {filters}**, página {page}',
  'modlog.by': 'de {user}',
  'modlog.about': 'sobre {user}',
  'modlog.newestFirst': ' (las más recientes primero)',
  'modlog.nothing': 'Todavía nada.',
  'modlog.tooFar': 'No hay entradas tan antiguas.',
  'modlog.more': 'Más con `/registro-mod página:{page}`.',
  'audit.limits.set': 'fijó un límite para',
  'audit.limits.reset': 'restableció los límites de',
  'audit.ban': 'baneó a',
  'audit.unban': 'desbaneó a',
  'audit.blocklist.add': 'añadió a la lista negra',
  'audit.blocklist.remove': 'quitó de la lista negra',
  'audit.queue.remove': 'quitó un trabajo de',
  'audit.until': ' hasta el {date}',
  'audit.noEnd': ' sin fin',
  'health.unavailable': 'El estado de salud no está disponible en este proceso.',
  'health.ready': '**Listo** (en marcha desde hace {seconds} s)',
  'health.notReady': '**No está listo** (en marcha desde hace {seconds} s)',
  'health.gatewayReady': 'Gateway: listo',
  'health.gatewayNotReady': 'Gateway: no está listo',
  'health.ping': ', ping {ms} ms',
  'health.gatewayUnused': 'Gateway: no se usa',
  'health.dbWritable': 'Base de datos: se puede escribir',
  'health.dbNotWritable': 'Base de datos: no se puede escribir',
  'health.inference': 'Inferencia: {model} en {provider}',
  'health.inferenceDown': 'Inferencia: parada o modelo sin cargar',
  'health.queue': 'Cola: {waiting} en espera, {running} en marcha',
  'health.notAccepting': ' (no acepta nada: se está deteniendo)',
  'duration.help':
    'Escribe una duración como 30m, 12h, 7d o 2w (minutos, horas, días, semanas), o déjala vacía para un baneo sin fin.',
  'duration.empty': 'La duración está vacía. {help}',
  'duration.unit': '«{unit}» no es una unidad que conozca en «{input}». {help}',
  'duration.bad': '«{input}» no es una duración que entienda. {help}',
  'duration.short': 'Un baneo debe durar al menos un minuto.',
  'duration.long': 'Eso es más de un año: deja vacía la duración para un baneo sin fin.',
  'editSize.editWidth': 'La imagen editada tendría {width} px de ancho, por encima del límite de ancho de {max} px.',
  'editSize.editHeight': 'La imagen editada tendría {height} px de alto, por encima del límite de alto de {max} px.',
  'editSize.editPixels':
    'La imagen editada tendría {width}x{height} ({pixels} píxeles), por encima del límite de {max} píxeles.',
  'editSize.upscaleWidth':
    'La imagen ampliada tendría {width} px de ancho, por encima del límite de ancho de {max} px.',
  'editSize.upscaleHeight':
    'La imagen ampliada tendría {height} px de alto, por encima del límite de alto de {max} px.',
  'editSize.upscalePixels':
    'La imagen ampliada tendría {width}x{height} ({pixels} píxeles), por encima del límite de {max} píxeles.',
  'editSize.panWidth':
    'Al extenderla {direction}, la imagen tendría {width} px de ancho, por encima del límite de ancho de {max} px.',
  'editSize.panHeight':
    'Al extenderla {direction}, la imagen tendría {height} px de alto, por encima del límite de alto de {max} px.',
  'editSize.panPixels':
    'Al extenderla {direction}, la imagen tendría {width}x{height} ({pixels} píxeles), por encima del límite de {max} píxeles.',
  'editSize.dir.left': 'hacia la izquierda',
  'editSize.dir.right': 'hacia la derecha',
  'editSize.dir.up': 'hacia arriba',
  'editSize.dir.down': 'hacia abajo',
  'request.promptTooLong': 'El prompt tiene {chars} caracteres; el máximo es {max}. Acórtalo y vuelve a intentarlo.',
  'request.prompt': 'El prompt tiene que ser texto.',
  'request.width': 'El ancho tiene que ser un número entero de píxeles.',
  'request.height': 'El alto tiene que ser un número entero de píxeles.',
  'request.steps': 'Los pasos tienen que ser un número entero, como mínimo 1.',
  'request.count': 'Pide al menos una imagen.',
  'request.seed': 'La semilla tiene que ser un número entero de 0 a {max}.',
  'request.guidanceScale': 'La guía tiene que estar entre 0 y {max}.',
  'request.strength': 'La intensidad tiene que ser mayor que 0 y como mucho 1 (cuánto alejarse de tu imagen).',
  'request.scheduler': 'El scheduler tiene que ser uno de estos: {choices}.',
  'remix.title': 'Remix: cambia el prompt',
  'remix.unknownForm': 'El bot ya no entiende este formulario.',
  'remix.emptyPrompt': 'El prompt está vacío: describe la imagen que quieres.',
  'limits.value.unlimited': 'ilimitado',
  'limits.value.none': 'ninguno',
  'limits.value.modelOwn': 'el del modelo',
  'limits.value.botModel': 'el del bot',
  'limitValue.guildOnlyRole': '{key} solo se puede fijar para todo el servidor, no para un rol.',
  'limitValue.guildOnlyUser': '{key} solo se puede fijar para todo el servidor, no para un usuario.',
  'limitValue.model':
    '{key} admite el nombre de un modelo instalado (/imagine model: los sugiere), o "default" para el del bot.',
  'limitValue.scheduler': '{key} admite un scheduler: uno de {choices}, o "default" para el del modelo.',
  'limitValue.switch': '{key} es un interruptor: usa yes o no.',
  'limitValue.secondsUnlimited': '{key} va en segundos: usa 0 para ninguna espera.',
  'limitValue.wholeSeconds': '{key} admite un número entero de segundos (0 para ninguna).',
  'limitValue.whole': '{key} admite un número entero ({label}) o "unlimited".',
  'limitValue.maxCooldown': '{key} puede ser como mucho {max} segundos (7 días).',
  'limitValue.maxQuota': '{key} puede ser como mucho {max}; o usa "unlimited".',
  'limitValue.atLeastOne': '{key} tiene que ser al menos 1.',
  'limitValue.ceiling': '{key} puede ser como mucho {max}, el tope que fijó el dueño del bot en su configuración.',
  'limitValue.multiple8':
    '{key} tiene que ser múltiplo de 8 (los modelos trabajan en bloques de 8 píxeles), por ejemplo {example}.',
  'limitValue.noSuchKey': 'No hay ningún límite llamado «{key}». Los límites son: {keys}.',
  'ban.endsBeforeStart': 'El baneo terminaría antes de empezar: indica una duración en el futuro.',
  'blocklistEntry.backreference':
    'Las referencias hacia atrás (como \\1) no se admiten: el motor de búsqueda (RE2) garantiza terminar en un tiempo proporcional al prompt, y las referencias hacia atrás lo hacen imposible. Enumera las alternativas.',
  'blocklistEntry.lookaround':
    'Lookahead y lookbehind ((?=…), (?!…), (?<=…), (?<!…)) no se admiten: el motor de búsqueda (RE2) garantiza terminar en un tiempo proporcional al prompt, y el lookaround lo hace imposible. Usa \\b para los límites de palabra o añade una entrada aparte.',
  'blocklistEntry.invalid': 'Esa no es una expresión regular que acepte el motor de búsqueda (RE2): {error}',
  'blocklistEntry.tooBig':
    'Esa expresión regular es demasiado grande: ocupa {size} pasos y una entrada puede tener como mucho {max}, para que comprobar un prompt siga siendo rápido. Las repeticiones contadas se multiplican ({repeat} son 30 pasos): acórtala o divídela en varias entradas.',
  'blocklistEntry.empty': 'La entrada está vacía: indica una palabra, una frase o /una expresión regular/.',
  'blocklistEntry.tooLong': 'La entrada es demasiado larga (como mucho {max} caracteres).',
  'blocklistEntry.flags': 'Tras la / de cierre solo se permiten los flags i, u y s, no «{flags}».',
  'blocklistEntry.noWords': 'La entrada no tiene letras ni dígitos; usa /regex/ para bloquear símbolos.',
  'blocklistEntry.guildTooBig':
    'Las entradas /regex/ de este servidor ocuparían juntas {size} pasos, y el límite es {max}, para que comprobar un prompt siga siendo rápido. Quita una regex que ya no necesites (`/lista-negra lista`) o usa palabras sueltas, que no cuentan para este límite.',
  'blocklistEntry.unusable': '«{input}» no se puede usar como entrada de la lista negra.',
  'blocklistEntry.matchesEmpty':
    '«{input}» coincide con un prompt vacío, así que bloquearía todas las peticiones. Haz que coincida con una palabra o frase concreta.',
  'blocklistEntry.matchesAll':
    '«{input}» coincide con casi todo (por ejemplo «{example}»), así que bloquearía prompts normales. Hazla más concreta.',
};

export const esES: Catalog<MessageKey> = { lang: 'es-ES', messages, commands };
