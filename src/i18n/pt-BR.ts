/** Português do Brasil. */
import { schedulerLabels } from '../diffusion/types.ts';
import type { MessageKey } from './index.ts';
import type { Catalog, CommandText } from './types.ts';

const level: Record<string, string> = {
  guild: 'servidor (todo mundo aqui)',
  role: 'cargo (membros com um cargo)',
  user: 'usuário (um só membro)',
};
const limitKey: Record<string, string> = {
  userImagesPerDay: 'userImagesPerDay: imagens por usuário nas últimas 24 h',
  userCooldownSeconds: 'userCooldownSeconds: espera entre dois pedidos',
  userMaxQueued: 'userMaxQueued: trabalhos na fila por usuário',
  guildImagesPerDay: 'guildImagesPerDay: imagens por servidor nas últimas 24 h',
  maxSteps: 'maxSteps: passos por imagem',
  maxWidth: 'maxWidth: largura da imagem',
  maxHeight: 'maxHeight: altura da imagem',
  maxPixels: 'maxPixels: pixels por imagem (largura x altura)',
  maxImagesPerRequest: 'maxImagesPerRequest: imagens por pedido',
  allowUploads: 'allowUploads: envio de imagens permitido',
  spoilerRequired: 'spoilerRequired: imagens postadas como spoiler',
  defaultScheduler: 'defaultScheduler: agendador do /imagine quando nenhum é escolhido',
  defaultModel: 'defaultModel: modelo do /imagine quando nenhum é escolhido',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 quadrada',
  '3:2': '3:2 paisagem',
  '2:3': '2:3 retrato',
  '16:9': '16:9 panorâmica',
  '9:16': '9:16 retrato alongado',
};
const role: CommandText = { name: 'cargo', description: 'O cargo (para o nível cargo)' };
const user: CommandText = { name: 'usuário', description: 'O membro (para o nível usuário)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'imagine',
    description: 'Pinte uma imagem a partir de uma descrição',
    options: {
      prompt: {
        name: 'prompt',
        description: 'O que pintar, em inglês (flags também valem: --ar 16:9 --seed 42 --no text)',
      },
      negative: { name: 'negativo', description: 'O que deixar fora da imagem' },
      aspect: { name: 'formato', description: 'O formato da imagem', choices: aspect },
      seed: { name: 'semente', description: 'Mesma semente, mesma imagem (aleatória se não informada)' },
      steps: { name: 'passos', description: 'Passos de remoção de ruído: mais é mais lento e muitas vezes mais fino' },
      guidance: { name: 'orientação', description: 'O quanto seguir o prompt (0-30)' },
      count: { name: 'quantidade', description: 'Quantas imagens' },
      image: { name: 'imagem', description: 'Começar desta imagem (PNG, JPEG ou WebP)' },
      strength: { name: 'intensidade', description: 'Com uma imagem: o quanto se afastar dela (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: {
        name: 'agendador',
        description: 'Como ir do ruído à imagem (padrão: o do modelo)',
        choices: schedulerLabels,
      },
      model: { name: 'modelo', description: 'Qual modelo instalado pinta (padrão: o do servidor)' },
    },
  },
  info: { name: 'info', description: 'Suas imagens restantes hoje, seus trabalhos na fila e o modelo que o bot usa' },
  help: { name: 'ajuda', description: 'O que o Atelier faz, seus comandos e botões, e seus limites' },
  queue: {
    name: 'fila',
    description: 'O que está sendo pintado e o que está esperando, com tempos estimados',
    options: {
      remove: { name: 'remover', description: 'Moderação: tirar este trabalho (o número dele) da fila' },
      reason: { name: 'motivo', description: 'Moderação: por que foi removido (quem pediu vai ver)' },
    },
  },
  settings: {
    name: 'configurações',
    description: 'Seus próprios padrões para /imagine',
    options: {
      show: { name: 'ver', description: 'Ver seus padrões' },
      set: {
        name: 'alterar',
        description: 'Alterar um ou mais dos seus padrões',
        options: {
          aspect_ratio: {
            name: 'formato',
            description: 'O formato das suas imagens',
            choices: { ...aspect, default: 'o padrão do bot' },
          },
          steps: { name: 'passos', description: 'Passos de remoção de ruído (0: o padrão do modelo)' },
          spoiler: { name: 'spoiler', description: 'Postar suas imagens como spoiler' },
          remix: {
            name: 'remix',
            description: 'Editar o prompt antes de variações, novas tentativas, zooms e deslocamentos',
          },
        },
      },
      reset: { name: 'redefinir', description: 'Esquecer seus padrões' },
    },
  },
  ban: {
    name: 'banir',
    description: 'Impedir um membro de usar o Atelier neste servidor (moderação)',
    options: {
      user: { name: 'usuário', description: 'Quem banir do bot' },
      reason: { name: 'motivo', description: 'Por quê (mostrado quando a pessoa tentar usar o bot)' },
      duration: { name: 'duração', description: 'Por quanto tempo, ex.: 1h, 7d, 2w (sem fim se não informada)' },
    },
  },
  unban: {
    name: 'desbanir',
    description: 'Deixar um membro banido usar o Atelier aqui de novo (moderação)',
    options: {
      user: { name: 'usuário', description: 'De quem tirar o banimento' },
      reason: { name: 'motivo', description: 'Por quê (fica no registro)' },
    },
  },
  blocklist: {
    name: 'bloqueios',
    description: 'Palavras e padrões que os prompts daqui não podem conter (moderação)',
    options: {
      add: {
        name: 'adicionar',
        description: 'Bloquear uma palavra, uma frase ou uma /expressão regular/',
        options: {
          pattern: { name: 'entrada', description: 'ex.: gore, "blood bath" ou /sk(u|e)ll?s?/' },
        },
      },
      remove: {
        name: 'remover',
        description: 'Desbloquear uma entrada, escrita como foi adicionada',
        options: {
          pattern: { name: 'entrada', description: 'A entrada a remover' },
        },
      },
      list: { name: 'lista', description: 'Ver as entradas deste servidor e a lista embutida' },
    },
  },
  limits: {
    name: 'limites',
    description: 'Ver ou mudar o quanto o Atelier pode ser usado aqui (moderação)',
    options: {
      show: {
        name: 'ver',
        description: 'Os limites em vigor: do servidor, de um cargo ou de um membro',
        options: {
          role: { name: 'cargo', description: 'Ver as exceções deste cargo' },
          user: { name: 'usuário', description: 'Ver os limites que valem para este membro' },
        },
      },
      set: {
        name: 'definir',
        description: 'Mudar um limite do servidor, de um cargo ou de um membro (vale na hora)',
        options: {
          level: { name: 'nível', description: 'Para quem é o limite', choices: level },
          key: { name: 'limite', description: 'Qual limite', choices: limitKey },
          value: { name: 'valor', description: 'Um número, "unlimited", 0, ou yes/no para as chaves liga/desliga' },
          role,
          user,
        },
      },
      reset: {
        name: 'redefinir',
        description: 'Tirar uma exceção para que o nível abaixo volte a valer',
        options: {
          level: { name: 'nível', description: 'De quem é a exceção', choices: level },
          key: { name: 'limite', description: 'Qual limite (todos se não informado)', choices: limitKey },
          role,
          user,
        },
      },
    },
  },
  usage: {
    name: 'uso',
    description: 'Quanto o Atelier foi usado aqui: totais, quem mais usa, recusas, um gráfico (moderação)',
    options: {
      period: {
        name: 'período',
        description: 'Até quando olhar para trás (uma semana se não informado)',
        choices: {
          day: 'dia (últimas 24 horas)',
          week: 'semana (últimos 7 dias)',
          month: 'mês (últimos 30 dias)',
        },
      },
      user: { name: 'usuário', description: 'Só este membro' },
    },
  },
  modlog: {
    name: 'registro-mod',
    description: 'As últimas ações da moderação neste servidor (moderação)',
    options: {
      page: { name: 'página', description: '1 é a mais recente' },
      moderator: { name: 'moderador', description: 'Só as ações deste moderador' },
      target: { name: 'alvo', description: 'Só as ações sobre este membro' },
    },
  },
  health: {
    name: 'saúde',
    description: 'Moderação: o bot está bem? Gateway, banco de dados, inferência, modelo e dispositivo, fila',
  },
  'Vary this image': { name: 'Variar esta imagem' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand':
    'Esta versão do bot não conhece esse comando. Digite / para ver os comandos que ele tem agora.',
  'router.unknownButton': 'Este bot não entende mais este botão. Crie uma imagem nova com /imagine.',
  'router.bug':
    'Algo deu errado do nosso lado (id do erro `{errorId}`). Tente de novo; se continuar acontecendo, passe este id para quem administra o bot.',

  'job.notSaved':
    'Não foi possível salvar seu pedido, então ele não foi iniciado e nada foi cobrado (id do erro `{errorId}`). Tente de novo.',
  'job.modelLoading': 'O modelo de imagens ainda está carregando. Tente de novo daqui a um minuto.',
  'job.dmOff': 'Aqui eu só crio imagens em servidores: quem administra o bot desativou as mensagens diretas.',
  'job.blockedWord':
    'Seu prompt contém “{word}”, que não é permitido fora de canais com restrição de idade. Reescreva e tente de novo; nada foi cobrado.',
  'job.blockedWordHere':
    'Seu prompt contém “{word}”, que este servidor não permite. Reescreva e tente de novo; nada foi cobrado.',
  'job.blockedPattern':
    'Seu prompt contém um padrão bloqueado, que não é permitido fora de canais com restrição de idade. Reescreva e tente de novo; nada foi cobrado.',
  'job.blockedPatternHere':
    'Seu prompt contém um padrão bloqueado, que este servidor não permite. Reescreva e tente de novo; nada foi cobrado.',
  'job.refusedPublicNote': '-# Este pedido não foi iniciado; o motivo foi enviado para você em particular.',
  'job.uploadAccepted': 'Sua imagem está ok: o trabalho começa logo abaixo.',
  'job.acceptedBelow': 'Seu pedido entrou: o lugar dele na fila e as imagens aparecem logo abaixo.',

  'job.noPrompt': '*(sem prompt)*',
  'job.variationOfImage': 'variação da imagem {index} de #{job}',
  'job.variationOfPosted': 'variação de uma imagem postada',
  'job.variationOfUpload': 'variação de uma imagem enviada',
  'job.rerollOf': 'nova tentativa de #{job}',
  'job.imageOf': 'imagem {index} de #{job}',
  'job.fromUpload': 'a partir de uma imagem enviada',
  'job.strength': 'intensidade {strength}',
  'job.waiting': '⏳ Na fila: **#{position}**, {when}',
  'job.startingNow': 'começando agora',
  'job.noWorker': 'nenhum worker atende o modelo **{model}** agora: começa assim que algum atender',
  'job.workersUnreachable':
    'os workers de imagem estão inacessíveis agora: seu lugar está guardado, e começa assim que voltarem',
  'job.startsIn': 'começa em cerca de {duration} ({relative})',
  'job.restarted': '🔁 O bot reiniciou; seu trabalho manteve o lugar na fila.',
  'job.restartedWhileRunning': '🔁 O bot reiniciou no meio deste trabalho; ele voltou para o início da fila.',
  'job.starting': '🎨 Começando…',
  'job.loadingModel': '⏳ Carregando o modelo **{model}** (o primeiro trabalho com ele em um tempo)…',
  'job.painting': '🎨 Pintando: passo {step} de {total} ({percent})',
  'job.interrupted': '⏸️ O bot está reiniciando; este trabalho é o primeiro da fila e recomeça assim que ele voltar.',
  'job.cancelledByAuthor': '🚫 Cancelado a seu pedido. Nada foi cobrado.',
  'job.cancelledByAuthorReason': '🚫 Cancelado a seu pedido ({reason}). Nada foi cobrado.',
  'job.cancelledByModerator': '🚫 Cancelado pela moderação. Nada foi cobrado.',
  'job.cancelledByModeratorReason': '🚫 Cancelado pela moderação ({reason}). Nada foi cobrado.',
  'job.prepareFailed': 'As imagens foram feitas, mas não deu para prepará-las para o Discord. Tente de novo.',
  'job.seed': 'semente {seed}',
  'job.seeds': 'sementes {first}–{last}',
  'job.steps': { one: '{count} passo', many: '{count} de passos', other: '{count} passos' },
  'job.guidance': 'orientação {guidance}',
  'job.previewDescription': 'Em andamento',
  'job.imageDescription': 'Imagem gerada',
  'job.reencodedWebp': 'O PNG era grande demais para este canal, então foi convertido para WebP.',
  'job.reencodedJpeg': 'O PNG era grande demais para este canal, então foi convertido para JPEG.',
  'job.reencodedJpegSmaller':
    'O PNG era grande demais para este canal, então foi convertido para JPEG com {percent} do tamanho.',
  'job.ignoredFlags': {
    one: 'Não entendi {flags}, então ignorei (eu entendo --ar, --seed, --no, --steps, --repeat, --chaos e --guidance).',
    other:
      'Não entendi {flags}, então ignorei (eu entendo --ar, --seed, --no, --steps, --repeat, --chaos e --guidance).',
  },

  'info.title': 'Como estas imagens foram feitas',
  'info.prompt': 'Prompt',
  'info.negative': 'Prompt negativo',
  'info.none': '*(nenhum)*',
  'info.seed': 'Semente',
  'info.size': 'Tamanho',
  'info.steps': 'Passos',
  'info.guidance': 'Orientação',
  'info.images': 'Imagens',
  'info.model': 'Modelo',
  'info.scheduler': 'Agendador',
  'info.strength': 'Intensidade',
  'info.madeFrom': 'Feita a partir de',
  'info.fromJob': 'trabalho #{job}',
  'info.fromJobImage': 'trabalho #{job}, imagem {index}',
  'info.job': 'Trabalho',
  'info.waited': 'esperou {duration}',
  'info.ran': 'levou {duration}',
  'kind.imagine': 'imagem nova',
  'kind.variation': 'variação',
  'kind.upscale': 'imagem avulsa',
  'kind.reroll': 'nova tentativa',
  'kind.edit': 'edição',
  'state.queued': 'na fila',
  'state.running': 'pintando',
  'state.done': 'pronto',
  'state.failed': 'falhou',
  'state.cancelled': 'cancelado',

  'quota.banned': 'Você está banido do Atelier neste servidor. {until}',
  'quota.bannedReason': 'Você está banido do Atelier neste servidor (motivo: {reason}). {until}',
  'quota.banNoEnd': 'O banimento não tem data para acabar.',
  'quota.banEnds': 'Ele termina {when}.',
  'quota.noQueue':
    'Você não pode colocar trabalhos na fila aqui (seu limite é 0). Fale com a moderação se achar que é um engano.',
  'quota.maxQueued': {
    one: 'Você já tem {count} trabalho na fila, o máximo permitido por vez ({max}). Tente de novo quando ele terminar.',
    many: 'Você já tem {count} de trabalhos na fila, o máximo permitido por vez ({max}). Tente de novo quando um deles terminar.',
    other:
      'Você já tem {count} trabalhos na fila, o máximo permitido por vez ({max}). Tente de novo quando um deles terminar.',
  },
  'quota.cooldown': {
    one: 'Calma: aqui é preciso esperar {count} segundo entre dois pedidos. Você pode pedir de novo {when}.',
    many: 'Calma: aqui é preciso esperar {count} de segundos entre dois pedidos. Você pode pedir de novo {when}.',
    other: 'Calma: aqui é preciso esperar {count} segundos entre dois pedidos. Você pode pedir de novo {when}.',
  },
  'quota.noImages':
    'Você não pode criar imagens aqui (seu limite diário é 0). Fale com a moderação se achar que é um engano.',
  'quota.tooManyForDay': {
    one: 'Você pediu {count} imagem, mas pode criar {limit} por dia. Peça menos.',
    many: 'Você pediu {count} de imagens, mas pode criar {limit} por dia. Peça menos.',
    other: 'Você pediu {count} imagens, mas pode criar {limit} por dia. Peça menos.',
  },
  'quota.dayLeft': {
    one: 'Nas últimas 24 horas você usou {used} de {count} imagem e pediu {asked}; dá para pedir {left} agora, ou mais {when}.',
    many: 'Nas últimas 24 horas você usou {used} das suas {count} de imagens e pediu {asked}; dá para pedir {left} agora, ou mais {when}.',
    other:
      'Nas últimas 24 horas você usou {used} das suas {count} imagens e pediu {asked}; dá para pedir {left} agora, ou mais {when}.',
  },
  'quota.dayUsed': {
    one: 'Nas últimas 24 horas você usou {used} de {count} imagem; ela volta a ficar disponível {when}.',
    many: 'Nas últimas 24 horas você usou {used} das suas {count} de imagens; elas voltam a ficar disponíveis {when}.',
    other: 'Nas últimas 24 horas você usou {used} das suas {count} imagens; elas voltam a ficar disponíveis {when}.',
  },
  'quota.later': 'mais tarde',
  'quota.guildTooSmall': {
    one: 'Este servidor pode criar {count} imagem por dia, o que não basta para este pedido. Peça menos ou fale com a moderação.',
    many: 'Este servidor pode criar {count} de imagens por dia, o que não basta para este pedido. Peça menos ou fale com a moderação.',
    other:
      'Este servidor pode criar {count} imagens por dia, o que não basta para este pedido. Peça menos ou fale com a moderação.',
  },
  'quota.guildUsed': {
    one: 'Nas últimas 24 horas este servidor usou {used} de {count} imagem. Haverá mais disponíveis {when}.',
    many: 'Nas últimas 24 horas este servidor usou {used} das suas {count} de imagens. Haverá mais disponíveis {when}.',
    other: 'Nas últimas 24 horas este servidor usou {used} das suas {count} imagens. Haverá mais disponíveis {when}.',
  },
  'quota.queueFull': {
    one: 'A fila está cheia: {count} trabalho esperando, o máximo que ela comporta. Nada foi cobrado; tente de novo daqui a alguns minutos.',
    many: 'A fila está cheia: {count} de trabalhos esperando, o máximo que ela comporta. Nada foi cobrado; tente de novo daqui a alguns minutos.',
    other:
      'A fila está cheia: {count} trabalhos esperando, o máximo que ela comporta. Nada foi cobrado; tente de novo daqui a alguns minutos.',
  },
  'shape.uploads': 'O envio de imagens está desativado aqui. Peça de novo sem imagem ou fale com a moderação.',
  'shape.width':
    'Uma largura de {value} px passa do permitido aqui (no máximo {max} px). Peça um tamanho menor ou outro formato.',
  'shape.height':
    'Uma altura de {value} px passa do permitido aqui (no máximo {max} px). Peça um tamanho menor ou outro formato.',
  'shape.pixels':
    '{width}x{height} dá {value} pixels, mais do que o permitido aqui (no máximo {max}). Peça um tamanho menor.',
  'shape.steps': '{value} passos passam do permitido aqui (no máximo {max}). Peça {max} passos ou menos.',
  'shape.images': '{value} imagens de uma vez passam do permitido aqui (no máximo {max}). Peça menos.',

  'button.unknownJob':
    'Não tenho registro do trabalho #{job} aqui, então este botão não pode fazer nada. Crie uma imagem nova com /imagine.',
  'button.deletedJob': 'Estas imagens foram apagadas, então os botões delas não funcionam mais.',
  'button.notDone':
    'Este trabalho ainda não terminou, então não tem imagens para usar. Clique de novo quando estiver pronto.',
  'button.failedJob': 'Este trabalho falhou, então não tem imagens para usar. Crie uma imagem nova com /imagine.',
  'button.cancelledJob':
    'Este trabalho foi cancelado, então não tem imagens para usar. Crie uma imagem nova com /imagine.',
  'button.imageGoneDerived':
    'A imagem {index} do trabalho #{job} expirou, assim como a imagem da qual ela foi feita (é uma variação ou edição), então não dá para refazê-la exatamente. **Refazer o original** pinta de novo o trabalho #{origin} com o mesmo prompt, as mesmas configurações e a mesma seed, ou seja, as mesmas imagens; depois faça variações ou edições da nova.',
  'button.imageGone':
    'A imagem {index} do trabalho #{job} expirou (imagens antigas são apagadas depois de um tempo para economizar espaço), então este botão não pode usá-la. Para refazê-la, use /imagine com o mesmo prompt, as mesmas configurações e `--seed {seed}` (o botão Info mostra tudo).',
  'button.notOwnerDelete': 'Só quem pediu estas imagens, ou a moderação, pode apagá-las.',
  'button.notOwnerCancel': 'Só quem pediu este trabalho, ou a moderação, pode cancelá-lo.',
  'button.alreadyFinished': 'Este trabalho já terminou, então não há nada para cancelar.',
  'button.alreadyCancelled': 'Este trabalho já foi cancelado, então não há nada para cancelar.',
  'button.alreadyFailed': 'Este trabalho já falhou, então não há nada para cancelar.',
  'button.alreadyGone': 'Este trabalho não existe mais, então não há nada para cancelar.',
  'job.noImg2img': 'O modelo carregado ({model}) não consegue começar de uma imagem. Peça sem a imagem.',
  'job.badStrength':
    'A intensidade só importa quando você anexa uma imagem de partida. Anexe uma ou deixe a intensidade de fora.',
  'job.badScheduler': 'Não existe agendador chamado "{name}"; escolha um destes: {choices}.',
  'job.badModel': 'Não existe modelo instalado chamado "{name}"; escolha um destes: {choices}.',
  'vary.noPicture':
    'Essa mensagem não tem imagem anexada. Use "{command}" em uma mensagem com uma imagem PNG, JPEG ou WebP.',
  'vary.notPicture':
    'O anexo dessa mensagem (`{file}`) não é uma imagem. Use "{command}" em uma mensagem com uma imagem PNG, JPEG ou WebP.',
  'vary.noImg2img':
    'O modelo carregado ({model}) não consegue começar de uma imagem, então não faz variações. Use /imagine com um prompt.',
  'upload.pixels':
    'Essa imagem tem {width}x{height} pixels ({megapixels} megapixels); aceito imagens de até {max} megapixels e {side} pixels por lado. Diminua e tente de novo.',
  'upload.type':
    '`{file}` é um arquivo {type}, não uma imagem de onde eu possa começar. Anexe uma imagem PNG, JPEG ou WebP.',
  'upload.unknownType':
    '`{file}` é de um tipo de arquivo que não conheço, não uma imagem de onde eu possa começar. Anexe uma imagem PNG, JPEG ou WebP.',
  'upload.size':
    '`{file}` tem {size}; aceito imagens de até {max}. Salve menor (um JPEG ou WebP é bem menor que um PNG) e tente de novo.',
  'upload.host':
    'Só baixo imagens enviadas ao próprio Discord, e esta aponta para outro lugar. Envie a imagem ao Discord (anexe o arquivo) e tente de novo.',
  'upload.timeout':
    'Baixar sua imagem do Discord levou mais de {seconds} s, então parei. Tente de novo daqui a pouco ou envie uma imagem menor.',
  'upload.failed':
    'O download da sua imagem do Discord falhou (a conexão foi recusada ou caiu). Tente de novo daqui a pouco ou envie a imagem outra vez.',
  'upload.redirect':
    'O Discord mandou o endereço da sua imagem para outro lugar (um redirecionamento), e eu não sigo redirecionamentos. Envie a imagem outra vez.',
  'upload.http': 'Não consegui baixar sua imagem do Discord (HTTP {status}). Tente de novo ou envie outra vez.',
  'upload.tooBig': 'Essa imagem tem {size}; aceito imagens de até {max}.',
  'upload.overMax': 'Essa imagem tem mais de {max}, o máximo que aceito.',
  'upload.notImage': 'Esse arquivo não é uma imagem PNG, JPEG ou WebP (diga o nome o que disser). Anexe uma dessas.',
  'upload.damaged': 'Não deu para ler essa imagem: o arquivo parece danificado. Tente salvá-la de novo.',
  'upload.noSize': 'Não deu para ler essa imagem: ela não tem tamanho. Tente salvá-la de novo.',
  'queue.restarting': 'O bot está reiniciando e não está aceitando pedidos novos. Tente de novo daqui a um minuto.',
  'queue.full': 'A fila está cheia ({count} esperando). Tente de novo daqui a alguns minutos.',
  'queue.userFull': {
    one: 'Você já tem {count} trabalho na fila, o máximo por pessoa. Espere ele terminar (ou cancele) e tente de novo.',
    many: 'Você já tem {count} de trabalhos na fila, o máximo por pessoa. Espere um terminar (ou cancele um) e tente de novo.',
    other:
      'Você já tem {count} trabalhos na fila, o máximo por pessoa. Espere um terminar (ou cancele um) e tente de novo.',
  },

  'info.cmd.banned': '**Você está banido do Atelier neste servidor**. {until}',
  'info.cmd.bannedReason': '**Você está banido do Atelier neste servidor** (motivo: {reason}). {until}',
  'info.cmd.imagesUnlimited': {
    one: '**Imagens:** você não tem limite diário aqui ({count} imagem nas últimas 24 horas).',
    many: '**Imagens:** você não tem limite diário aqui ({count} de imagens nas últimas 24 horas).',
    other: '**Imagens:** você não tem limite diário aqui ({count} imagens nas últimas 24 horas).',
  },
  'info.cmd.imagesNone': '**Imagens:** você não pode criar imagens aqui (seu limite diário é 0).',
  'info.cmd.imagesLeft': '**Imagens restantes:** {left} de {limit} nas últimas 24 horas (janela móvel).',
  'info.cmd.imagesLeftNext':
    '**Imagens restantes:** {left} de {limit} nas últimas 24 horas (janela móvel); a próxima fica livre {when}.',
  'info.cmd.guildLeft': {
    one: '**Este servidor:** resta {count} imagem nas últimas 24 horas.',
    many: '**Este servidor:** restam {count} de imagens nas últimas 24 horas.',
    other: '**Este servidor:** restam {count} imagens nas últimas 24 horas.',
  },
  'info.cmd.cooldownUntil': '**Espera:** você pode pedir de novo {when}.',
  'info.cmd.cooldown': '**Espera:** {duration} entre pedidos; você já pode pedir.',
  'info.cmd.noCooldown': '**Espera:** nenhuma.',
  'info.cmd.jobs': '**Seus trabalhos:** {running} em andamento, {waiting} na fila',
  'info.cmd.jobsMax': '**Seus trabalhos:** {running} em andamento, {waiting} na fila (você pode ter {max} de uma vez)',
  'info.cmd.listFollows': ':',
  'info.cmd.end': '.',
  'info.cmd.runningJob': '• trabalho {job} “{prompt}”: em andamento, fica pronto {when}',
  'info.cmd.runningJobStep': '• trabalho {job} “{prompt}”: em andamento, passo {step} de {total}, fica pronto {when}',
  'info.cmd.queuedJob': '• trabalho {job} “{prompt}”: nº {position} na fila, começa {when}',
  'info.cmd.more': '• e mais {count}',
  'info.cmd.queue': '**Fila:** {waiting} esperando, {running} em andamento.',
  'info.cmd.modelLoading': '**Modelo:** ainda carregando; pergunte de novo daqui a pouco.',
  'info.cmd.model': {
    one: '**Modelo:** {name} ({family}, {dtype}) em **{device}**{fallback}, {count} passo por padrão',
    many: '**Modelo:** {name} ({family}, {dtype}) em **{device}**{fallback}, {count} de passos por padrão',
    other: '**Modelo:** {name} ({family}, {dtype}) em **{device}**{fallback}, {count} passos por padrão',
  },
  'info.cmd.fallback':
    ' ({wanted} está configurado mas não está disponível aqui; o log de quem administra o bot explica como resolver)',
  'info.cmd.demo':
    'Este é o pequeno modelo de demonstração que vem com o Atelier: ele só pinta cenas simples. Quem administra o bot pode instalar um de verdade com `{command}`.',

  'help.button.region':
    '**{region}**: refaz uma parte da imagem (uma metade, um terço, um canto) com um prompt que você pode mudar',
  'help.button.zoom': '**{zoom2}** / **{zoom15}**: afasta o enquadramento e pinta mais ao redor da imagem',
  'help.button.pan': '**⬅️ ➡️ ⬆️ ⬇️**: estende a imagem nessa direção',
  'help.button.upscaleMore':
    '**{subtle}**: uma cópia maior, do jeito que está; **{creative}**: maior e repintada com mais detalhes',
  'edit.regionLabel': 'Área a refazer',
  'edit.promptLabel': 'Prompt para a área',
  'edit.negativeLabel': 'Prompt negativo',
  'edit.noVae': 'O modelo carregado ({model}) não tem codificador VAE, então não consegue editar uma imagem.',
  'edit.badRegion': 'Escolha na lista a área a refazer.',
  'edit.region.left': 'Metade esquerda',
  'edit.region.right': 'Metade direita',
  'edit.region.top': 'Metade de cima',
  'edit.region.bottom': 'Metade de baixo',
  'edit.region.left-third': 'Terço esquerdo',
  'edit.region.middle-third': 'Terço do meio',
  'edit.region.right-third': 'Terço direito',
  'edit.region.centre': 'Centro',
  'edit.region.top-left': 'Canto superior esquerdo',
  'edit.region.top-right': 'Canto superior direito',
  'edit.region.bottom-left': 'Canto inferior esquerdo',
  'edit.region.bottom-right': 'Canto inferior direito',

  'queue.view.empty': 'A fila está vazia: nada está sendo pintado nem esperando. `/imagine` começa na hora.',
  'queue.view.hereDm': 'aqui',
  'queue.view.hereGuild': 'neste servidor',
  'queue.view.summary':
    '**Fila {where}:** {running} em andamento, {waiting} esperando. **Todos os servidores:** {allRunning} em andamento, {allWaiting} esperando (cabem {room}).',
  'queue.view.summaryMine':
    '**Fila {where}:** {running} em andamento, {waiting} esperando (seus: {mine}). **Todos os servidores:** {allRunning} em andamento, {allWaiting} esperando (cabem {room}).',
  'queue.view.restarting': 'O bot está reiniciando: os trabalhos na fila continuam quando ele voltar.',
  'queue.view.running': '**Em andamento**',
  'queue.view.waiting':
    '**Esperando** (numerados pelo lugar na fila de todos os servidores; todo mundo vai na sua vez)',
  'queue.view.more': '… mais {count}',
  'queue.view.job': {
    one: 'trabalho {job}: {width}×{height}, {steps}, {count} imagem',
    many: 'trabalho {job}: {width}×{height}, {steps}, {count} de imagens',
    other: 'trabalho {job}: {width}×{height}, {steps}, {count} imagens',
  },
  'queue.view.step': 'passo {step}/{total}',
  'queue.view.doneIn': 'pronto {when}',
  'queue.view.startsIn': 'começa {when}',
  'queue.view.yours': 'seu ({mention})',
  'queue.view.moment': 'daqui a pouco',
  'settings.title': '**Seus padrões para /imagine**',
  'settings.never': ' (nunca alterados)',
  'settings.hint': 'Mude com `/settings set`; as opções que você passa ao /imagine sempre valem mais.',
  'settings.saved': 'Salvo. Seus padrões para /imagine agora são:',
  'settings.forgotten': 'Seus padrões foram esquecidos: o /imagine volta a usar os do bot.',
  'settings.none': 'Você não tinha padrões salvos, então nada mudou.',
  'settings.nothing':
    'Informe pelo menos um entre `aspect_ratio`, `steps` ou `spoiler`/`remix` para mudar. `/settings show` mostra os atuais.',
  'settings.aspect': '• Formato: **{value}**',
  'settings.steps': '• Passos: **{value}**',
  'settings.spoiler': '• Spoiler: **{value}**{note}',
  'settings.remix':
    '• Remix: **{value}** (ligado: variações, rerolls, afastamentos, panorâmicas e Upscale (Creative) abrem antes um formulário com o prompt)',
  'settings.botDefaultRatio': 'o padrão do bot (1:1)',
  'settings.modelDefault': 'o padrão do modelo',
  'settings.capped': '{steps} (este servidor permite no máximo {max}, então aqui são usados {max})',
  'settings.yes': 'sim',
  'settings.no': 'não',
  'settings.spoilerForced': ' (este servidor posta toda imagem como spoiler de qualquer jeito)',

  'mod.notInGuild': 'Os comandos de moderação funcionam em um servidor, não em mensagens diretas.',
  'mod.notModerator':
    'Desculpe, este comando é para a moderação: aqui ele exige a permissão **Gerenciar servidor**. Nada foi alterado.',
  'queue.remove.noJob': 'Não há trabalho {job} neste servidor. `/queue` mostra os números dos trabalhos.',
  'queue.remove.finished': 'O trabalho {job} já terminou: não há nada para remover.',
  'queue.remove.failed': 'O trabalho {job} já falhou: não há nada para remover.',
  'queue.remove.cancelled': 'O trabalho {job} já foi cancelado: não há nada para remover.',
  'queue.remove.justFinished': 'O trabalho {job} acabou de terminar: não há nada para remover.',
  'queue.remove.done':
    'Trabalho {job} de {user} removido ({where}). As imagens foram devolvidas{told}. Isso fica no registro.',
  'queue.remove.wasRunning': 'estava em andamento e foi interrompido',
  'queue.remove.wasQueued': 'era o nº {position} da fila',
  'queue.remove.told': ' e a pessoa foi avisada do motivo: {reason}',

  'fail.bug':
    'Algo deu errado do nosso lado ao criar suas imagens (id do erro `{errorId}`). Tente de novo; se continuar acontecendo, passe este id para quem administra o bot.',
  'fail.modelGone':
    'O modelo "{model}" para o qual este trabalho foi feito não está mais instalado, então ele não pode ser executado; nada foi descontado da sua cota. Escolha outro com /imagine model:.',
  'fail.crashed':
    'O gerador de imagens travou {count} vezes durante este trabalho, então ele foi interrompido. Tente um tamanho menor, menos passos ou menos imagens.',
  'fail.timeout':
    'Este trabalho passou do limite de {seconds} s e foi interrompido. Tente menos passos, um tamanho menor ou menos imagens.',
  'fail.interrupted':
    'Este trabalho foi interrompido {count} vezes (o bot ou o gerador de imagens parou no meio), então não foi tentado de novo. Tente um tamanho menor, menos passos ou menos imagens.',

  'flag.noNeedsText': '`--no` precisa do que deixar de fora, ex.: `--no cars, text`.',
  'flag.seed': '{label} aceita um número inteiro de 0 a {max}{given}.',
  'flag.whole': '{label} aceita um número inteiro de {min} a {max}{given}.',
  'flag.number': '{label} aceita um número de {min} a {max}{given}.',
  'flag.tooManyJobs':
    'Isso dá {jobs} trabalhos ({permutations} prompt(s) das opções entre chaves, cada um vezes seu --repeat); um prompt pode iniciar no máximo {max}. Use menos opções ou um --repeat menor.',
  'job.manyJobs':
    'Seu prompt dá {jobs} trabalhos: {images} imagens da sua cota{left}. Eles começam abaixo, uma mensagem cada.',
  'job.manyJobsLeft': '; depois restam {n}',
  'job.confirmMany': 'Seu prompt gera {jobs} trabalhos: {images} imagens da sua cota{left}. Executar?',
  'button.runMany': 'Executar {jobs} trabalhos',
  'button.dropMany': 'Cancelar',
  'job.confirmGone':
    'Esses trabalhos já foram iniciados ou cancelados, ou a pergunta tem mais de 15 minutos: envie o prompt de novo.',
  'job.confirmCancelled': 'Cancelado: nada foi iniciado nem cobrado.',
  'flag.ratio': '{label} aceita uma proporção como 16:9, 3:2 ou 1:1{given}.',
  'flag.extreme': '{label} {value} é extremo demais: use no máximo 4:1 ou 1:4.',
  'flag.given': ', não "{value}"',
  'vary.formGone': 'Este formulário não corresponde mais a uma mensagem. Use "{command}" de novo.',
  'vary.messageGone': 'Essa mensagem não existe mais, então não há imagem para variar.',
  'vary.pickStrength': 'Escolha uma das intensidades oferecidas.',

  'button.cancel': 'Cancelar',
  'button.reroll': 'Refazer',
  'button.remake': 'Fazer de novo',
  'button.remakeOrigin': 'Refazer o original',
  'button.info': 'Info',
  'button.delete': 'Apagar',
  'button.subtle': 'Variar (sutil)',
  'button.region': 'Variar (região)',
  'button.paint': 'Pintar região (playground)',
  'button.zoom2': 'Afastar 2x',
  'button.zoom15': 'Afastar 1,5x',
  'button.upscaleSubtle': 'Ampliar (sutil)',
  'button.upscaleCreative': 'Ampliar (criativo)',
  'button.strong': 'Variar (forte)',

  'help.title': 'Atelier: ajuda',
  'help.intro':
    'Eu pinto imagens a partir de uma descrição, no próprio computador de quem administra este servidor. Digite {imagine} com o que você quer ver: respondo na hora com o seu lugar na fila, mostro a pintura enquanto ela avança e depois posto as imagens com botões para você ir além.',
  'help.commands': 'Comandos',
  'help.cmd.imagine':
    'pinte uma imagem a partir de uma descrição; as opções acrescentam um prompt negativo, o formato, uma semente, os passos, a orientação, quantas imagens ou uma imagem de partida',
  'help.cmd.info': 'suas imagens restantes hoje, seus trabalhos na fila e o modelo em uso',
  'help.cmd.queue': 'o que está sendo pintado e o que está esperando, com tempos estimados',
  'help.cmd.settings': 'seus próprios padrões para /imagine: formato, passos, spoiler',
  'help.cmd.help': 'esta ajuda, só para você',
  'help.cmd.vary': 'em qualquer imagem postada no canal: abra o menu da mensagem e depois Apps → **{name}**',
  'help.buttons': 'Os botões embaixo de uma imagem',
  'help.button.upscale': '**U1, U2…**: aquela imagem sozinha, em tamanho cheio, com botões próprios',
  'help.button.vary': '**V1, V2…**: novas variações daquela imagem',
  'help.button.subtle': '**{subtle}** / **{strong}**: uma variação próxima ou mais livre de uma imagem única',
  'help.button.reroll': '**{reroll}**: o mesmo pedido de novo, com sementes novas',
  'help.button.info':
    '**{info}**: como as imagens foram feitas (prompt, semente, tamanho, passos, modelo), só para você',
  'help.button.delete': '**{delete}**: apaga as imagens (quem pediu ou a moderação)',
  'help.button.cancel':
    '**{cancel}**: para um trabalho na fila ou em andamento (quem pediu ou a moderação); nada é cobrado',
  'help.flags': 'Flags no prompt',
  'help.flagsText':
    'Coloque no fim do prompt: `--ar 16:9` o formato, `--seed 42` a mesma imagem de novo, `--no text` o que deixar de fora, `--steps 30` mais passos de remoção de ruído, `--guidance 7` o quanto seguir o prompt.',
  'help.english':
    'O modelo só lê inglês: escreva o prompt em inglês para ter os melhores resultados. Todo o resto (comandos, respostas, botões) segue o idioma do seu Discord.',
  'help.limits': 'Seus limites aqui',
  'help.limit.banned': 'Você está banido do Atelier neste servidor.',
  'help.limit.imagesUnlimited': 'Imagens: você não tem limite diário.',
  'help.limit.imagesNone': 'Imagens: você não pode criar imagens aqui.',
  'help.limit.images': {
    one: 'Imagens: restam {left} de {count} nas últimas 24 horas (janela móvel).',
    other: 'Imagens: restam {left} de {count} nas últimas 24 horas (janela móvel).',
  },
  'help.limit.cooldown': 'Espera: {duration} entre dois pedidos.',
  'help.limit.noCooldown': 'Espera: nenhuma.',
  'help.limit.queued': {
    one: 'No máximo {count} trabalho na fila por vez.',
    other: 'No máximo {count} trabalhos na fila por vez.',
  },
  'help.limit.size': 'Maior imagem: {width}×{height} pixels, até {steps} passos, {images} imagens por pedido.',
  'help.limit.uploadsOff': 'Começar de uma imagem sua está desativado aqui.',
  'help.model': 'O que o modelo sabe fazer',
  'help.modelLoading': 'O modelo ainda está carregando; pergunte de novo daqui a um minuto.',
  'help.modelDemo':
    'Este bot usa o pequeno modelo de demonstração que vem com o Atelier. Ele pinta uma forma ({shapes}) de uma cor ({colours}) {positions}, sobre um fundo de outra cor, por exemplo “a red star on the left on a blue background”. Ele só conhece essas palavras em inglês e ignora todas as outras.',
  'help.modelReal':
    'O modelo é **{name}**. Ele segue melhor descrições em inglês curtas e concretas e só lê mais ou menos os primeiros 75 pedaços de palavra de um prompt; texto legível, mãos e quantidades exatas de objetos costumam sair errados.',
  'help.moderators': 'Para a moderação (Gerenciar servidor)',
  'help.mod.limits': 'ver ou mudar os limites do servidor, de um cargo ou de um membro',
  'help.mod.ban': 'impedir um membro de usar o Atelier aqui, por um tempo ou de vez',
  'help.mod.unban': 'tirar um banimento',
  'help.mod.blocklist': 'palavras e padrões que os prompts daqui não podem conter',
  'help.mod.usage': 'quanto o Atelier foi usado: totais, quem mais usa, recusas, um gráfico',
  'help.mod.modlog': 'as últimas ações da moderação',
  'help.mod.queueRemove': 'tirar o trabalho de alguém da fila, com um motivo que a pessoa vai ver',
  'help.mod.health': 'se o bot está bem: gateway, banco de dados, gerador de imagens, modelo, fila',
  'help.mod.buttons': 'Você também pode cancelar ou apagar as imagens de qualquer pessoa com os botões embaixo delas.',
  'mod.target.guildWithTarget':
    'Você escolheu o nível **servidor**, mas também indicou um cargo ou um membro. Para eles, escolha o nível cargo ou usuário, ou tire-os.',
  'mod.target.roleNeedsRole': 'O nível **cargo** precisa da opção `cargo`: escolha o cargo a que o limite se aplica.',
  'mod.target.roleNotUser': 'O nível **cargo** aceita um cargo, não um membro: tire a opção `usuário`.',
  'mod.target.everyone': '@everyone é o servidor inteiro: use o nível **servidor**.',
  'mod.target.userNeedsUser':
    'O nível **usuário** precisa da opção `usuário`: escolha o membro a que o limite se aplica.',
  'mod.target.userNotRole': 'O nível **usuário** aceita um membro, não um cargo: tire a opção `cargo`.',
  'mod.target.level': '"{level}" não é um nível: escolha servidor, cargo ou usuário.',
  'mod.target.showOne': 'Uma coisa de cada vez: um cargo ou um membro, não os dois.',
  'mod.target.guild': 'o servidor',
  'mod.target.role': 'o cargo {role}',
  'mod.target.user': 'o usuário {user}',
  'limits.show.user': '**Limites de {user}** (com seus cargos e exceções):',
  'limits.show.userNoOwn': 'Não tem exceções próprias.',
  'limits.show.role': '**Exceções do cargo {role}:**',
  'limits.show.roleNone': 'Nenhuma: membros com este cargo têm os limites do servidor.',
  'limits.show.roleRule':
    'Quando um membro tem vários cargos com exceções, vale o valor mais generoso; uma exceção do próprio membro vale mais que todas.',
  'limits.show.guild': '**Limites neste servidor** (padrões e exceções do servidor):',
  'limits.show.overrides': '**Exceções:**',
  'limits.show.hint': 'Mude um com `/limites definir`; veja os de um membro com `/limites ver usuário:`.',
  'limits.source.default': 'padrão',
  'limits.source.guild': 'servidor',
  'limits.source.role': 'cargo {role}',
  'limits.source.user': 'usuário',
  'limits.overrides.none': 'Nenhuma exceção: todos os limites estão no padrão.',
  'limits.overrides.guild': 'Servidor',
  'limits.overrides.role': 'Cargo {role}',
  'limits.overrides.user': 'Usuário {user}',
  'limits.notSet': 'não definido',
  'limits.defaultWas': ' (o padrão era {value})',
  'limits.set':
    '`{key}` ({label}) definido para {target}: {before}{default} → {after}. Vale a partir do próximo pedido, sem reiniciar.',
  'limits.resetNothing': 'Não havia nada para redefinir: {target} não tem exceções.',
  'limits.resetNothingKey': 'Não havia nada para redefinir: {target} não tem exceção para `{key}`.',
  'limits.reset': {
    one: 'Removida a exceção de {target}: {list}. {next}',
    other: 'Removidas {count} exceções de {target}: {list}. {next}',
  },
  'limits.resetWas': '`{key}` (era {value})',
  'limits.defaultsApply': 'Os padrões voltam a valer a partir do próximo pedido.',
  'limits.guildApplies': 'Os limites do servidor voltam a valer a partir do próximo pedido.',
  'ban.noReason': 'Informe um motivo: ele fica no registro e é mostrado à pessoa.',
  'ban.self': 'Você não pode banir a si mesmo.',
  'ban.bot': '{user} é um bot: bots não podem usar os comandos do Atelier de qualquer forma.',
  'ban.moderator':
    '{user} tem a permissão Gerenciar servidor aqui, então um banimento não se sustentaria (a pessoa poderia removê-lo). Se é isso mesmo que você quer, tire a permissão primeiro.',
  'ban.noEnd': 'sem data de término (remova com `/desbanir`)',
  'ban.until': 'por {duration}, até {date} ({relative})',
  'ban.done': '{user} não pode mais usar o Atelier neste servidor, {until}. Motivo: {reason}',
  'ban.cancelled': {
    one: '{count} trabalho dessa pessoa na fila foi cancelado (e reembolsado); um trabalho já em andamento termina.',
    other:
      '{count} trabalhos dessa pessoa na fila foram cancelados (e reembolsados); um trabalho já em andamento termina.',
  },
  'ban.noJobs': 'Não havia trabalhos na fila.',
  'unban.done': '{user} pode usar o Atelier neste servidor de novo.',
  'unban.doneReason': '{user} pode usar o Atelier neste servidor de novo. (O motivo do banimento era: {reason})',
  'unban.notBanned': '{user} não está banido aqui, então não havia nada para remover.',
  'blocklist.added':
    '`{pattern}` foi adicionado à lista de bloqueios do servidor. A partir de agora, prompts que o contenham são recusados (inclusive com maiúsculas, acentos ou truques de espaçamento).',
  'blocklist.already': '`{pattern}` já está na lista de bloqueios (adicionado por {user} {when}).',
  'blocklist.builtin':
    '`{pattern}` está na lista embutida, que vale em canais sem restrição de idade; não pode ser removido. Marque um canal com restrição de idade para permiti-lo lá.',
  'blocklist.notFound':
    '`{pattern}` não está na lista de bloqueios deste servidor. `/bloqueios lista` mostra as entradas como foram escritas.',
  'blocklist.removed': '`{pattern}` foi removido da lista de bloqueios deste servidor.',
  'blocklist.builtinList': '**Lista embutida**, aplicada em canais sem restrição de idade: {words}.',
  'blocklist.serverList': {
    one: '**Lista de bloqueios deste servidor** ({count} entrada):',
    other: '**Lista de bloqueios deste servidor** ({count} entradas):',
  },
  'blocklist.empty': 'Vazia. Adicione entradas com `/bloqueios adicionar`.',
  'usage.head': '**Uso neste servidor: {period}**',
  'usage.headUser': '**Uso de {user} neste servidor: {period}**',
  'usage.period.day': 'últimas 24 horas',
  'usage.period.week': 'últimos 7 dias',
  'usage.period.month': 'últimos 30 dias',
  'usage.requests': {
    one: 'Pedidos: **{requests}** ({accepted} aceitos, {refused} recusados) de {count} pessoa',
    other: 'Pedidos: **{requests}** ({accepted} aceitos, {refused} recusados) de {count} pessoas',
  },
  'usage.images': 'Imagens: **{made}** criadas ({asked} pedidas em pedidos aceitos)',
  'usage.jobs': 'Trabalhos: {done} concluídos, {failed} com falha, {cancelled} cancelados',
  'usage.times': 'Espera média {wait}, duração média {run}',
  'usage.na': 'n/d',
  'usage.top': '**Usuários mais ativos**',
  'usage.nobody': 'Ninguém.',
  'usage.topLine': {
    one: '{rank}. {user}: {count} imagem, {requests}{refused}',
    other: '{rank}. {user}: {count} imagens, {requests}{refused}',
  },
  'usage.requestCount': { one: '{count} pedido', other: '{count} pedidos' },
  'usage.refusedCount': ' ({refused} recusados)',
  'usage.refusals': '**Recusas por motivo:** {list}',
  'usage.none': 'Nenhuma.',
  'usage.latest': '**Últimas recusas**',
  'usage.chartDescription': 'Imagens por dia nos últimos {days} dias',
  'modlog.title': '**Ações de moderação**, página {page}',
  'modlog.titleFiltered': '**Ações de moderação {filters}**, página {page}',
  'modlog.by': 'de {user}',
  'modlog.about': 'sobre {user}',
  'modlog.newestFirst': ' (mais recentes primeiro)',
  'modlog.nothing': 'Nada ainda.',
  'modlog.tooFar': 'Não há entradas tão antigas.',
  'modlog.more': 'Mais com `/registro-mod página:{page}`.',
  'audit.limits.set': 'definiu um limite para',
  'audit.limits.reset': 'redefiniu os limites de',
  'audit.ban': 'baniu',
  'audit.unban': 'desbaniu',
  'audit.blocklist.add': 'adicionou à lista de bloqueios',
  'audit.blocklist.remove': 'removeu da lista de bloqueios',
  'audit.queue.remove': 'removeu um trabalho de',
  'audit.until': ' até {date}',
  'audit.noEnd': ' sem fim',
  'health.unavailable': 'O relatório de saúde não está disponível neste processo.',
  'health.ready': '**Pronto** (no ar há {seconds} s)',
  'health.notReady': '**Não está pronto** (no ar há {seconds} s)',
  'health.gatewayReady': 'Gateway: pronto',
  'health.gatewayNotReady': 'Gateway: não está pronto',
  'health.ping': ', ping {ms} ms',
  'health.gatewayUnused': 'Gateway: não usado',
  'health.dbWritable': 'Banco de dados: gravável',
  'health.dbNotWritable': 'Banco de dados: não gravável',
  'health.inference': 'Inferência: {model} em {provider}',
  'health.inferenceDown': 'Inferência: parada ou modelo não carregado',
  'health.queue': 'Fila: {waiting} aguardando, {running} em andamento',
  'health.notAccepting': ' (não aceita pedidos: encerrando)',
  'duration.help':
    'Escreva uma duração como 30m, 12h, 7d ou 2w (minutos, horas, dias, semanas), ou deixe em branco para um banimento sem fim.',
  'duration.empty': 'A duração está vazia. {help}',
  'duration.unit': '"{unit}" não é uma unidade que eu conheça em "{input}". {help}',
  'duration.bad': '"{input}" não é uma duração que eu entenda. {help}',
  'duration.short': 'Um banimento precisa durar pelo menos um minuto.',
  'duration.long': 'Isso é mais de um ano: deixe a duração em branco para um banimento sem fim.',
  'editSize.editWidth': 'A imagem editada teria {width} px de largura, acima do limite de largura de {max} px.',
  'editSize.editHeight': 'A imagem editada teria {height} px de altura, acima do limite de altura de {max} px.',
  'editSize.editPixels': 'A imagem editada teria {width}x{height} ({pixels} pixels), acima do limite de {max} pixels.',
  'editSize.upscaleWidth': 'A imagem ampliada teria {width} px de largura, acima do limite de largura de {max} px.',
  'editSize.upscaleHeight': 'A imagem ampliada teria {height} px de altura, acima do limite de altura de {max} px.',
  'editSize.upscalePixels':
    'A imagem ampliada teria {width}x{height} ({pixels} pixels), acima do limite de {max} pixels.',
  'editSize.panWidth':
    'Estendida {direction}, a imagem teria {width} px de largura, acima do limite de largura de {max} px.',
  'editSize.panHeight':
    'Estendida {direction}, a imagem teria {height} px de altura, acima do limite de altura de {max} px.',
  'editSize.panPixels':
    'Estendida {direction}, a imagem teria {width}x{height} ({pixels} pixels), acima do limite de {max} pixels.',
  'editSize.dir.left': 'para a esquerda',
  'editSize.dir.right': 'para a direita',
  'editSize.dir.up': 'para cima',
  'editSize.dir.down': 'para baixo',
  'request.promptTooLong': 'O prompt tem {chars} caracteres; o máximo é {max}. Encurte-o e tente de novo.',
  'request.prompt': 'O prompt precisa ser texto.',
  'request.width': 'A largura precisa ser um número inteiro de pixels.',
  'request.height': 'A altura precisa ser um número inteiro de pixels.',
  'request.steps': 'Os passos precisam ser um número inteiro de pelo menos 1.',
  'request.count': 'Peça pelo menos uma imagem.',
  'request.seed': 'A semente precisa ser um número inteiro de 0 a {max}.',
  'request.guidanceScale': 'A orientação precisa estar entre 0 e {max}.',
  'request.strength': 'A intensidade precisa ser maior que 0 e no máximo 1 (o quanto se afastar da sua imagem).',
  'request.scheduler': 'O scheduler precisa ser um destes: {choices}.',
  'remix.title': 'Remix: mude o prompt',
  'remix.unknownForm': 'O bot não entende mais este formulário.',
  'remix.emptyPrompt': 'O prompt está vazio: descreva a imagem que você quer.',
  'limits.value.unlimited': 'ilimitado',
  'limits.value.none': 'nenhum',
  'limits.value.modelOwn': 'o do próprio modelo',
  'limits.value.botModel': 'o do bot',
  'limitValue.guildOnlyRole': '{key} só pode ser definido para o servidor inteiro, não para um cargo.',
  'limitValue.guildOnlyUser': '{key} só pode ser definido para o servidor inteiro, não para um usuário.',
  'limitValue.model':
    '{key} aceita o nome de um modelo instalado (/imagine model: os sugere), ou "default" para o do bot.',
  'limitValue.scheduler': '{key} aceita um scheduler: um de {choices}, ou "default" para o do modelo.',
  'limitValue.switch': '{key} é um interruptor: use yes ou no.',
  'limitValue.secondsUnlimited': '{key} é em segundos: use 0 para nenhuma espera.',
  'limitValue.wholeSeconds': '{key} aceita um número inteiro de segundos (0 para nenhuma).',
  'limitValue.whole': '{key} aceita um número inteiro ({label}) ou "unlimited".',
  'limitValue.maxCooldown': '{key} pode ser no máximo {max} segundos (7 dias).',
  'limitValue.maxQuota': '{key} pode ser no máximo {max}; ou use "unlimited".',
  'limitValue.atLeastOne': '{key} precisa ser pelo menos 1.',
  'limitValue.ceiling': '{key} pode ser no máximo {max}, o teto que o dono do bot definiu na configuração.',
  'limitValue.multiple8':
    '{key} precisa ser múltiplo de 8 (os modelos trabalham em blocos de 8 pixels), por exemplo {example}.',
  'limitValue.noSuchKey': 'Não existe limite chamado "{key}". Os limites são: {keys}.',
  'ban.endsBeforeStart': 'O banimento terminaria antes de começar: informe uma duração no futuro.',
  'blocklistEntry.backreference':
    'Referências anteriores (como \\1) não são suportadas: o mecanismo de busca (RE2) garante terminar em tempo proporcional ao prompt, o que as referências anteriores tornam impossível. Liste as alternativas.',
  'blocklistEntry.lookaround':
    'Lookahead e lookbehind ((?=…), (?!…), (?<=…), (?<!…)) não são suportados: o mecanismo de busca (RE2) garante terminar em tempo proporcional ao prompt, o que o lookaround torna impossível. Use \\b para limites de palavra ou adicione uma entrada separada.',
  'blocklistEntry.invalid': 'Essa não é uma expressão regular que o mecanismo de busca (RE2) aceite: {error}',
  'blocklistEntry.tooBig':
    'Essa expressão regular é grande demais: ela vira {size} passos e uma entrada pode ter no máximo {max}, para que a checagem de um prompt continue rápida. Repetições contadas se multiplicam ({repeat} são 30 passos): encurte-a ou divida-a em várias entradas.',
  'blocklistEntry.empty': 'A entrada está vazia: informe uma palavra, uma frase ou /uma expressão regular/.',
  'blocklistEntry.tooLong': 'A entrada é longa demais (no máximo {max} caracteres).',
  'blocklistEntry.flags': 'Depois da / final só são permitidas as flags i, u e s, não "{flags}".',
  'blocklistEntry.noWords': 'A entrada não tem letras nem dígitos; use /regex/ para bloquear símbolos.',
  'blocklistEntry.guildTooBig':
    'As entradas /regex/ deste servidor virariam juntas {size} passos, e o limite é {max}, para que a checagem de um prompt continue rápida. Remova uma regex de que não precisa mais (`/bloqueios lista`) ou use palavras simples, que não contam para esse limite.',
  'blocklistEntry.unusable': '"{input}" não pode ser usado como entrada da lista de bloqueios.',
  'blocklistEntry.matchesEmpty':
    '"{input}" corresponde a um prompt vazio, então bloquearia todos os pedidos. Faça-o corresponder a uma palavra ou frase específica.',
  'blocklistEntry.matchesAll':
    '"{input}" corresponde a quase tudo (por exemplo "{example}"), então bloquearia prompts comuns. Deixe-o mais específico.',
};

export const ptBR: Catalog<MessageKey> = { lang: 'pt-BR', messages, commands };
