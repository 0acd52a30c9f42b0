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
};
const aspect: Record<string, string> = {
  '1:1': '1:1 quadrada', '3:2': '3:2 paisagem', '2:3': '2:3 retrato', '16:9': '16:9 panorâmica', '9:16': '9:16 retrato alongado',
};
const role: CommandText = { name: 'cargo', description: 'O cargo (para o nível cargo)' };
const user: CommandText = { name: 'usuário', description: 'O membro (para o nível usuário)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'imagine',
    description: 'Pinte uma imagem a partir de uma descrição',
    options: {
      prompt: { name: 'prompt', description: 'O que pintar, em inglês (flags também valem: --ar 16:9 --seed 42 --no text)' },
      negative: { name: 'negativo', description: 'O que deixar fora da imagem' },
      aspect: { name: 'formato', description: 'O formato da imagem', choices: aspect },
      seed: { name: 'semente', description: 'Mesma semente, mesma imagem (aleatória se não informada)' },
      steps: { name: 'passos', description: 'Passos de remoção de ruído: mais é mais lento e muitas vezes mais fino' },
      guidance: { name: 'orientação', description: 'O quanto seguir o prompt (0-30)' },
      count: { name: 'quantidade', description: 'Quantas imagens' },
      image: { name: 'imagem', description: 'Começar desta imagem (PNG, JPEG ou WebP)' },
      strength: { name: 'intensidade', description: 'Com uma imagem: o quanto se afastar dela (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: { name: 'agendador', description: 'Como ir do ruído à imagem (padrão: o do modelo)', choices: schedulerLabels },
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
          aspect_ratio: { name: 'formato', description: 'O formato das suas imagens', choices: { ...aspect, default: 'o padrão do bot' } },
          steps: { name: 'passos', description: 'Passos de remoção de ruído (0: o padrão do modelo)' },
          spoiler: { name: 'spoiler', description: 'Postar suas imagens como spoiler' },
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
      add: { name: 'adicionar', description: 'Bloquear uma palavra, uma frase ou uma /expressão regular/', options: {
        pattern: { name: 'entrada', description: 'ex.: gore, "blood bath" ou /sk(u|e)ll?s?/' },
      } },
      remove: { name: 'remover', description: 'Desbloquear uma entrada, escrita como foi adicionada', options: {
        pattern: { name: 'entrada', description: 'A entrada a remover' },
      } },
      list: { name: 'lista', description: 'Ver as entradas deste servidor e a lista embutida' },
    },
  },
  limits: {
    name: 'limites',
    description: 'Ver ou mudar o quanto o Atelier pode ser usado aqui (moderação)',
    options: {
      show: { name: 'ver', description: 'Os limites em vigor: do servidor, de um cargo ou de um membro', options: {
        role: { name: 'cargo', description: 'Ver as exceções deste cargo' },
        user: { name: 'usuário', description: 'Ver os limites que valem para este membro' },
      } },
      set: { name: 'definir', description: 'Mudar um limite do servidor, de um cargo ou de um membro (vale na hora)', options: {
        level: { name: 'nível', description: 'Para quem é o limite', choices: level },
        key: { name: 'limite', description: 'Qual limite', choices: limitKey },
        value: { name: 'valor', description: 'Um número, "unlimited", 0, ou yes/no para as chaves liga/desliga' },
        role, user,
      } },
      reset: { name: 'redefinir', description: 'Tirar uma exceção para que o nível abaixo volte a valer', options: {
        level: { name: 'nível', description: 'De quem é a exceção', choices: level },
        key: { name: 'limite', description: 'Qual limite (todos se não informado)', choices: limitKey },
        role, user,
      } },
    },
  },
  usage: {
    name: 'uso',
    description: 'Quanto o Atelier foi usado aqui: totais, quem mais usa, recusas, um gráfico (moderação)',
    options: {
      period: { name: 'período', description: 'Até quando olhar para trás (uma semana se não informado)', choices: {
        day: 'dia (últimas 24 horas)', week: 'semana (últimos 7 dias)', month: 'mês (últimos 30 dias)',
      } },
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
  'Vary this image': { name: 'Variar esta imagem' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand': 'Esta versão do bot não conhece esse comando. Digite / para ver os comandos que ele tem agora.',
  'router.unknownButton': 'Este bot não entende mais este botão. Crie uma imagem nova com /imagine.',
  'router.bug': 'Algo deu errado do nosso lado (id do erro `{errorId}`). Tente de novo; se continuar acontecendo, passe este id para quem administra o bot.',

  'job.modelLoading': 'O modelo de imagens ainda está carregando. Tente de novo daqui a um minuto.',
  'job.dmOff': 'Aqui eu só crio imagens em servidores: quem administra o bot desativou as mensagens diretas.',
  'job.blockedWord': 'Seu prompt contém “{word}”, que não é permitido fora de canais com restrição de idade. Reescreva e tente de novo; nada foi cobrado.',
  'job.blockedWordHere': 'Seu prompt contém “{word}”, que este servidor não permite. Reescreva e tente de novo; nada foi cobrado.',
  'job.blockedPattern': 'Seu prompt contém um padrão bloqueado, que não é permitido fora de canais com restrição de idade. Reescreva e tente de novo; nada foi cobrado.',
  'job.blockedPatternHere': 'Seu prompt contém um padrão bloqueado, que este servidor não permite. Reescreva e tente de novo; nada foi cobrado.',
  'job.refusedPublicNote': '-# Este pedido não foi iniciado; o motivo foi enviado para você em particular.',

  'button.cancel': 'Cancelar',
  'button.reroll': 'Refazer',
  'button.info': 'Info',
  'button.delete': 'Apagar',
  'button.subtle': 'Variar (sutil)',
  'button.strong': 'Variar (forte)',

  'help.title': 'Atelier: ajuda',
  'help.intro': 'Eu pinto imagens a partir de uma descrição, no próprio computador de quem administra este servidor. Digite {imagine} com o que você quer ver: respondo na hora com o seu lugar na fila, mostro a pintura enquanto ela avança e depois posto as imagens com botões para você ir além.',
  'help.commands': 'Comandos',
  'help.cmd.imagine': 'pinte uma imagem a partir de uma descrição; as opções acrescentam um prompt negativo, o formato, uma semente, os passos, a orientação, quantas imagens ou uma imagem de partida',
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
  'help.button.info': '**{info}**: como as imagens foram feitas (prompt, semente, tamanho, passos, modelo), só para você',
  'help.button.delete': '**{delete}**: apaga as imagens (quem pediu ou a moderação)',
  'help.button.cancel': '**{cancel}**: para um trabalho na fila ou em andamento (quem pediu ou a moderação); nada é cobrado',
  'help.flags': 'Flags no prompt',
  'help.flagsText': 'Coloque no fim do prompt: `--ar 16:9` o formato, `--seed 42` a mesma imagem de novo, `--no text` o que deixar de fora, `--steps 30` mais passos de remoção de ruído, `--guidance 7` o quanto seguir o prompt.',
  'help.english': 'O modelo só lê inglês: escreva o prompt em inglês para ter os melhores resultados. Todo o resto (comandos, respostas, botões) segue o idioma do seu Discord.',
  'help.limits': 'Seus limites aqui',
  'help.limit.banned': 'Você está banido do Atelier neste servidor.',
  'help.limit.imagesUnlimited': 'Imagens: você não tem limite diário.',
  'help.limit.imagesNone': 'Imagens: você não pode criar imagens aqui.',
  'help.limit.images': { one: 'Imagens: restam {left} de {count} nas últimas 24 horas (janela móvel).', other: 'Imagens: restam {left} de {count} nas últimas 24 horas (janela móvel).' },
  'help.limit.cooldown': 'Espera: {duration} entre dois pedidos.',
  'help.limit.noCooldown': 'Espera: nenhuma.',
  'help.limit.queued': { one: 'No máximo {count} trabalho na fila por vez.', other: 'No máximo {count} trabalhos na fila por vez.' },
  'help.limit.size': 'Maior imagem: {width}×{height} pixels, até {steps} passos, {images} imagens por pedido.',
  'help.limit.uploadsOff': 'Começar de uma imagem sua está desativado aqui.',
  'help.model': 'O que o modelo sabe fazer',
  'help.modelLoading': 'O modelo ainda está carregando; pergunte de novo daqui a um minuto.',
  'help.modelDemo': 'Este bot usa o pequeno modelo de demonstração que vem com o Atelier. Ele pinta uma forma ({shapes}) de uma cor ({colours}) {positions}, sobre um fundo de outra cor, por exemplo “a red star on the left on a blue background”. Ele só conhece essas palavras em inglês e ignora todas as outras.',
  'help.modelReal': 'O modelo é **{name}**. Ele segue melhor descrições em inglês curtas e concretas e só lê mais ou menos os primeiros 75 pedaços de palavra de um prompt; texto legível, mãos e quantidades exatas de objetos costumam sair errados.',
  'help.moderators': 'Para a moderação (Gerenciar servidor)',
  'help.mod.limits': 'ver ou mudar os limites do servidor, de um cargo ou de um membro',
  'help.mod.ban': 'impedir um membro de usar o Atelier aqui, por um tempo ou de vez',
  'help.mod.unban': 'tirar um banimento',
  'help.mod.blocklist': 'palavras e padrões que os prompts daqui não podem conter',
  'help.mod.usage': 'quanto o Atelier foi usado: totais, quem mais usa, recusas, um gráfico',
  'help.mod.modlog': 'as últimas ações da moderação',
  'help.mod.queueRemove': 'tirar o trabalho de alguém da fila, com um motivo que a pessoa vai ver',
  'help.mod.buttons': 'Você também pode cancelar ou apagar as imagens de qualquer pessoa com os botões embaixo delas.',
};

export const ptBR: Catalog<MessageKey> = { lang: 'pt-BR', messages, commands };
