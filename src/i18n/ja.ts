/** 日本語. */
import { schedulerLabels } from '../diffusion/types.ts';
import type { MessageKey } from './index.ts';
import type { Catalog, CommandText } from './types.ts';

const level: Record<string, string> = {
  guild: 'サーバー（ここにいる全員）',
  role: 'ロール（そのロールを持つメンバー）',
  user: 'ユーザー（メンバー1人）',
};
const limitKey: Record<string, string> = {
  userImagesPerDay: 'userImagesPerDay：直近24時間の1人あたりの画像数',
  userCooldownSeconds: 'userCooldownSeconds：リクエスト間の待ち時間',
  userMaxQueued: 'userMaxQueued：1人が待機させられるジョブ数',
  guildImagesPerDay: 'guildImagesPerDay：直近24時間のサーバー全体の画像数',
  maxSteps: 'maxSteps：画像1枚あたりのステップ数',
  maxWidth: 'maxWidth：画像の幅',
  maxHeight: 'maxHeight：画像の高さ',
  maxPixels: 'maxPixels：画像1枚あたりのピクセル数（幅×高さ）',
  maxImagesPerRequest: 'maxImagesPerRequest：1回のリクエストの画像数',
  allowUploads: 'allowUploads：画像のアップロードを許可',
  spoilerRequired: 'spoilerRequired：画像をスポイラーとして投稿',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 正方形', '3:2': '3:2 横長', '2:3': '2:3 縦長', '16:9': '16:9 ワイド', '9:16': '9:16 縦長ワイド',
};
const role: CommandText = { name: 'ロール', description: '対象のロール（レベルがロールのとき）' };
const user: CommandText = { name: 'ユーザー', description: '対象のメンバー（レベルがユーザーのとき）' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: '描いて',
    description: '説明文から絵を描きます',
    options: {
      prompt: { name: 'プロンプト', description: '描く内容を英語で（フラグも使えます：--ar 16:9 --seed 42 --no text）' },
      negative: { name: 'ネガティブ', description: '絵に入れたくないもの' },
      aspect: { name: '縦横比', description: '絵の形', choices: aspect },
      seed: { name: 'シード', description: '同じシードなら同じ絵（省略するとランダム）' },
      steps: { name: 'ステップ', description: 'ノイズ除去のステップ数：多いほど遅く、たいてい細かくなります' },
      guidance: { name: 'ガイダンス', description: 'プロンプトにどれだけ忠実に従うか（0〜30）' },
      count: { name: '枚数', description: '画像の枚数' },
      image: { name: '画像', description: 'この画像から始める（PNG、JPEG、WebP）' },
      strength: { name: '強さ', description: '画像があるとき：元の画像からどれだけ離れるか（0.05〜1）' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: { name: 'スケジューラー', description: 'ノイズから絵にする方法（省略時はモデルの既定）', choices: schedulerLabels },
    },
  },
  info: { name: '情報', description: '今日の残り枚数、キュー内のあなたのジョブ、使用中のモデル' },
  help: { name: 'ヘルプ', description: 'Atelierでできること、コマンドとボタン、あなたの制限' },
  queue: {
    name: 'キュー',
    description: '描いているものと待っているもの、その予想時間',
    options: {
      remove: { name: '削除', description: 'モデレーター用：このジョブ（番号）をキューから外します' },
      reason: { name: '理由', description: 'モデレーター用：外した理由（依頼した人に表示されます）' },
    },
  },
  settings: {
    name: '設定',
    description: '/imagine のあなた専用のデフォルト',
    options: {
      show: { name: '表示', description: 'あなたのデフォルトを表示します' },
      set: {
        name: '変更',
        description: 'デフォルトを1つ以上変更します',
        options: {
          aspect_ratio: { name: '縦横比', description: 'あなたの画像の形', choices: { ...aspect, default: 'ボットのデフォルト' } },
          steps: { name: 'ステップ', description: 'ノイズ除去のステップ数（0：モデルのデフォルト）' },
          spoiler: { name: 'スポイラー', description: '画像をスポイラーとして投稿します' },
        },
      },
      reset: { name: 'リセット', description: 'あなたのデフォルトを消去します' },
    },
  },
  ban: {
    name: '利用禁止',
    description: 'このサーバーでメンバーがAtelierを使えないようにします（モデレーター）',
    options: {
      user: { name: 'ユーザー', description: 'ボットの利用を禁止する相手' },
      reason: { name: '理由', description: '理由（その人がボットを使おうとしたときに表示されます）' },
      duration: { name: '期間', description: '期間。例：1h、7d、2w（省略すると無期限）' },
    },
  },
  unban: {
    name: '利用禁止解除',
    description: '利用禁止にしたメンバーが再びAtelierを使えるようにします（モデレーター）',
    options: {
      user: { name: 'ユーザー', description: '禁止を解除する相手' },
      reason: { name: '理由', description: '理由（監査ログに残ります）' },
    },
  },
  blocklist: {
    name: '禁止ワード',
    description: 'このサーバーのプロンプトに含められない単語とパターン（モデレーター）',
    options: {
      add: { name: '追加', description: '単語、フレーズ、または /正規表現/ をブロックします', options: {
        pattern: { name: 'パターン', description: '例：gore、"blood bath"、/sk(u|e)ll?s?/' },
      } },
      remove: { name: '削除', description: '追加したときと同じ書き方でエントリのブロックを解除します', options: {
        pattern: { name: 'パターン', description: '削除するエントリ' },
      } },
      list: { name: '一覧', description: 'このサーバーのエントリと組み込みの一覧を表示します' },
    },
  },
  limits: {
    name: '制限',
    description: 'このサーバーでのAtelierの利用制限を確認・変更します（モデレーター）',
    options: {
      show: { name: '表示', description: '有効な制限：サーバー、ロール、メンバーごと', options: {
        role: { name: 'ロール', description: 'このロールの個別設定を表示します' },
        user: { name: 'ユーザー', description: 'このメンバーに適用される制限を表示します' },
      } },
      set: { name: '設定', description: 'サーバー、ロール、メンバーの制限を1つ変更します（すぐに反映）', options: {
        level: { name: 'レベル', description: '制限の対象', choices: level },
        key: { name: '項目', description: 'どの制限か', choices: limitKey },
        value: { name: '値', description: '数値、"unlimited"、0、またはスイッチなら yes/no' },
        role, user,
      } },
      reset: { name: 'リセット', description: '個別設定を外して、下のレベルの値に戻します', options: {
        level: { name: 'レベル', description: '誰の個別設定か', choices: level },
        key: { name: '項目', description: 'どの制限か（省略するとすべて）', choices: limitKey },
        role, user,
      } },
    },
  },
  usage: {
    name: '利用状況',
    description: 'このサーバーでのAtelierの利用状況：合計、上位ユーザー、拒否、グラフ（モデレーター）',
    options: {
      period: { name: '期間', description: 'どこまでさかのぼるか（省略すると1週間）', choices: {
        day: '日（直近24時間）', week: '週（直近7日間）', month: '月（直近30日間）',
      } },
      user: { name: 'ユーザー', description: 'このメンバーだけ' },
    },
  },
  modlog: {
    name: 'モデレーションログ',
    description: 'このサーバーでの最近のモデレーター操作（モデレーター）',
    options: {
      page: { name: 'ページ', description: '1が最新です' },
      moderator: { name: 'モデレーター', description: 'このモデレーターの操作だけ' },
      target: { name: '対象', description: 'このメンバーに関する操作だけ' },
    },
  },
  'Vary this image': { name: 'この画像のバリエーション' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand': 'このバージョンのボットはそのコマンドを知りません。/ と入力すると、今使えるコマンドが表示されます。',
  'router.unknownButton': 'このボタンはもう使えません。/imagine で新しい画像を作ってください。',
  'router.bug': 'こちら側で問題が発生しました（エラーID `{errorId}`）。もう一度お試しください。繰り返し起きる場合は、このIDをボットの管理者に伝えてください。',

  'job.modelLoading': '画像モデルをまだ読み込み中です。1分ほどしてからもう一度お試しください。',
  'job.dmOff': 'ここではサーバー内でのみ画像を作ります。ボットの管理者がダイレクトメッセージをオフにしています。',
  'job.blockedWord': 'プロンプトに「{word}」が含まれています。これは年齢制限のあるチャンネル以外では使えません。書き直してもう一度お試しください。消費はありません。',
  'job.blockedWordHere': 'プロンプトに「{word}」が含まれています。このサーバーでは使えません。書き直してもう一度お試しください。消費はありません。',
  'job.blockedPattern': 'プロンプトにブロックされたパターンが含まれています。これは年齢制限のあるチャンネル以外では使えません。書き直してもう一度お試しください。消費はありません。',
  'job.blockedPatternHere': 'プロンプトにブロックされたパターンが含まれています。このサーバーでは使えません。書き直してもう一度お試しください。消費はありません。',
  'job.refusedPublicNote': '-# このリクエストは開始されませんでした。理由はあなただけに送りました。',

  'job.noPrompt': '*（プロンプトなし）*',
  'job.variationOfImage': '#{job} の画像 {index} のバリエーション',
  'job.variationOfPosted': '投稿された画像のバリエーション',
  'job.variationOfUpload': 'アップロードされた画像のバリエーション',
  'job.rerollOf': '#{job} の再生成',
  'job.imageOf': '#{job} の画像 {index}',
  'job.fromUpload': 'アップロードされた画像から',
  'job.strength': '強さ {strength}',
  'job.waiting': '⏳ キューで待機中：**#{position}**、{when}',
  'job.startingNow': 'まもなく開始',
  'job.startsIn': '約 {duration} 後に開始（{relative}）',
  'job.restarted': '🔁 ボットが再起動しましたが、あなたのジョブは順番を保っています。',
  'job.restartedWhileRunning': '🔁 描画中にボットが再起動しました。あなたのジョブは列の先頭に戻りました。',
  'job.starting': '🎨 開始します…',
  'job.painting': '🎨 描画中：ステップ {step} / {total}（{percent}）',
  'job.interrupted': '⏸️ ボットを再起動しています。このジョブは列の先頭にあり、ボットが戻りしだい再開します。',
  'job.cancelledByAuthor': '🚫 ご依頼によりキャンセルしました。消費はありません。',
  'job.cancelledByAuthorReason': '🚫 ご依頼によりキャンセルしました（{reason}）。消費はありません。',
  'job.cancelledByModerator': '🚫 モデレーターがキャンセルしました。消費はありません。',
  'job.cancelledByModeratorReason': '🚫 モデレーターがキャンセルしました（{reason}）。消費はありません。',
  'job.prepareFailed': '画像はできましたが、Discord 用に準備できませんでした。もう一度お試しください。',
  'job.seed': 'シード {seed}',
  'job.seeds': 'シード {first}〜{last}',
  'job.steps': { other: '{count} ステップ' },
  'job.guidance': 'ガイダンス {guidance}',
  'job.previewDescription': '描画中',
  'job.imageDescription': '生成された画像',
  'job.reencodedWebp': 'PNG がこのチャンネルには大きすぎたため、WebP に変換しました。',
  'job.reencodedJpeg': 'PNG がこのチャンネルには大きすぎたため、JPEG に変換しました。',
  'job.reencodedJpegSmaller': 'PNG がこのチャンネルには大きすぎたため、{percent} のサイズの JPEG に変換しました。',
  'job.ignoredFlags': {
    other: '{flags} は理解できなかったため無視しました（使えるのは --ar、--seed、--no、--steps、--guidance です）。',
  },

  'info.title': 'この画像の作り方',
  'info.prompt': 'プロンプト',
  'info.negative': 'ネガティブプロンプト',
  'info.none': '*（なし）*',
  'info.seed': 'シード',
  'info.size': 'サイズ',
  'info.steps': 'ステップ',
  'info.guidance': 'ガイダンス',
  'info.images': '枚数',
  'info.model': 'モデル',
  'info.scheduler': 'スケジューラー',
  'info.strength': '強さ',
  'info.madeFrom': '元の画像',
  'info.fromJob': 'ジョブ #{job}',
  'info.fromJobImage': 'ジョブ #{job}、画像 {index}',
  'info.job': 'ジョブ',
  'info.waited': '待ち時間 {duration}',
  'info.ran': '処理時間 {duration}',
  'kind.imagine': '新規画像',
  'kind.variation': 'バリエーション',
  'kind.upscale': '単独画像',
  'kind.reroll': '再生成',
  'state.queued': '待機中',
  'state.running': '描画中',
  'state.done': '完了',
  'state.failed': '失敗',
  'state.cancelled': 'キャンセル済み',

  'quota.banned': 'あなたはこのサーバーでAtelierの利用を禁止されています。{until}',
  'quota.bannedReason': 'あなたはこのサーバーでAtelierの利用を禁止されています（理由：{reason}）。{until}',
  'quota.banNoEnd': '禁止に期限はありません。',
  'quota.banEnds': '{when}に解除されます。',
  'quota.noQueue': 'このサーバーではジョブをキューに入れられません（上限が0です）。間違いだと思う場合はモデレーターに相談してください。',
  'quota.maxQueued': {
    other: 'すでに {count} 件のジョブが待機中で、同時に持てる上限（{max} 件）に達しています。どれかが終わってからもう一度お試しください。',
  },
  'quota.cooldown': {
    other: '少し待ってください。このサーバーではリクエストの間隔を {count} 秒あける必要があります。{when}にまたリクエストできます。',
  },
  'quota.noImages': 'このサーバーでは画像を作れません（1日の上限が0です）。間違いだと思う場合はモデレーターに相談してください。',
  'quota.tooManyForDay': {
    other: '{count} 枚をリクエストしましたが、1日に作れるのは {limit} 枚までです。枚数を減らしてください。',
  },
  'quota.dayLeft': {
    other: '直近24時間で {count} 枚中 {used} 枚を使い、{asked} 枚をリクエストしました。今なら {left} 枚まで、それ以上は{when}にリクエストできます。',
  },
  'quota.dayUsed': {
    other: '直近24時間で {count} 枚中 {used} 枚を使いました。{when}にまた使えるようになります。',
  },
  'quota.later': 'しばらくしてから',
  'quota.guildTooSmall': {
    other: 'このサーバーで1日に作れるのは {count} 枚までで、このリクエストには足りません。枚数を減らすか、モデレーターに相談してください。',
  },
  'quota.guildUsed': {
    other: 'このサーバーは直近24時間で {count} 枚中 {used} 枚を使いました。{when}にまた使えるようになります。',
  },
  'quota.queueFull': {
    other: 'キューがいっぱいです（{count} 件が待機中で、これが上限です）。消費はありません。数分後にもう一度お試しください。',
  },
  'shape.uploads': 'このサーバーでは画像のアップロードがオフになっています。画像なしでもう一度リクエストするか、モデレーターに相談してください。',
  'shape.width': '幅 {value} px はこのサーバーの上限（{max} px）を超えています。小さいサイズか別の縦横比でリクエストしてください。',
  'shape.height': '高さ {value} px はこのサーバーの上限（{max} px）を超えています。小さいサイズか別の縦横比でリクエストしてください。',
  'shape.pixels': '{width}x{height} は {value} ピクセルで、このサーバーの上限（{max}）を超えています。小さいサイズでリクエストしてください。',
  'shape.steps': '{value} ステップはこのサーバーの上限（{max}）を超えています。{max} ステップ以下でリクエストしてください。',
  'shape.images': '一度に {value} 枚はこのサーバーの上限（{max} 枚）を超えています。枚数を減らしてください。',

  'button.cancel': 'キャンセル',
  'button.reroll': '再生成',
  'button.info': '情報',
  'button.delete': '削除',
  'button.subtle': 'バリエーション（弱）',
  'button.region': 'バリエーション（範囲）',
  'button.zoom2': 'ズームアウト 2x',
  'button.zoom15': 'ズームアウト 1.5x',
  'button.strong': 'バリエーション（強）',

  'help.title': 'Atelier：ヘルプ',
  'help.intro': '説明文から絵を描くボットです。描画はこのサーバーの管理者自身のコンピューターで行います。{imagine} に見たいものを書いてください。すぐにキューでの順番をお知らせし、描いている途中の様子を見せてから、続けて手を加えるためのボタン付きで画像を投稿します。',
  'help.commands': 'コマンド',
  'help.cmd.imagine': '説明文から絵を描きます。オプションでネガティブプロンプト、縦横比、シード、ステップ数、ガイダンス、枚数、元にする画像を指定できます',
  'help.cmd.info': '今日の残り枚数、キュー内のあなたのジョブ、使用中のモデル',
  'help.cmd.queue': '描いているものと待っているもの、その予想時間',
  'help.cmd.settings': '/imagine のあなた専用のデフォルト：縦横比、ステップ数、スポイラー',
  'help.cmd.help': 'このヘルプ（あなたにだけ表示されます）',
  'help.cmd.vary': 'チャンネルに投稿された画像ならどれでも：メッセージのメニューを開き、アプリ → **{name}**',
  'help.buttons': '画像の下のボタン',
  'help.button.upscale': '**U1、U2…**：その画像を単独でフルサイズ表示し、専用のボタンを付けます',
  'help.button.vary': '**V1、V2…**：その画像の新しいバリエーション',
  'help.button.subtle': '**{subtle}** / **{strong}**：1枚の画像から、近いバリエーションか自由なバリエーションを作ります',
  'help.button.reroll': '**{reroll}**：同じリクエストを新しいシードでもう一度',
  'help.button.info': '**{info}**：画像の作り方（プロンプト、シード、サイズ、ステップ数、モデル）をあなたにだけ表示します',
  'help.button.delete': '**{delete}**：画像を削除します（依頼した人かモデレーター）',
  'help.button.cancel': '**{cancel}**：待機中または描画中のジョブを止めます（依頼した人かモデレーター）。消費はありません',
  'help.flags': 'プロンプトのフラグ',
  'help.flagsText': 'プロンプトの最後に付けます：`--ar 16:9` 縦横比、`--seed 42` 同じ絵をもう一度、`--no text` 入れたくないもの、`--steps 30` ノイズ除去のステップを増やす、`--guidance 7` プロンプトにどれだけ従うか。',
  'help.english': 'モデルが読めるのは英語だけです。プロンプトは英語で書くといちばんよい結果になります。それ以外（コマンド、返答、ボタン）はあなたのDiscordの言語に合わせます。',
  'help.limits': 'このサーバーでのあなたの制限',
  'help.limit.banned': 'あなたはこのサーバーでAtelierの利用を禁止されています。',
  'help.limit.imagesUnlimited': '画像：1日の上限はありません。',
  'help.limit.imagesNone': '画像：このサーバーでは画像を作れません。',
  'help.limit.images': { other: '画像：直近24時間で {count} 枚中 残り {left} 枚（スライド式）。' },
  'help.limit.cooldown': '待ち時間：リクエストごとに {duration}。',
  'help.limit.noCooldown': '待ち時間：なし。',
  'help.limit.queued': { other: '同時に待機できるジョブは {count} 件まで。' },
  'help.limit.size': '最大サイズ：{width}×{height} ピクセル、最大 {steps} ステップ、1回につき {images} 枚。',
  'help.limit.uploadsOff': 'このサーバーでは自分の画像から始めることはできません。',
  'help.model': 'モデルにできること',
  'help.modelLoading': 'モデルをまだ読み込み中です。1分ほどしてからもう一度お試しください。',
  'help.modelDemo': 'このボットはAtelierに付属する小さなデモモデルを使っています。1つの図形（{shapes}）を1つの色（{colours}）で、位置（{positions}）を決めて、別の色の背景の上に描きます。例：「a red star on the left on a blue background」。知っているのはこれらの英単語だけで、ほかの言葉は無視します。',
  'help.modelReal': 'モデルは **{name}** です。短く具体的な英語の説明に最もよく従い、プロンプトの最初の約75トークン（単語の断片）までしか読みません。読める文字、手、物の正確な数はよく崩れます。',
  'help.moderators': 'モデレーター向け（サーバー管理）',
  'help.mod.limits': 'サーバー、ロール、メンバーの制限を確認・変更',
  'help.mod.ban': 'メンバーのAtelier利用を一定期間または無期限で禁止',
  'help.mod.unban': '利用禁止を解除',
  'help.mod.blocklist': 'このサーバーのプロンプトに含められない単語とパターン',
  'help.mod.usage': 'Atelierの利用状況：合計、上位ユーザー、拒否、グラフ',
  'help.mod.modlog': '最近のモデレーター操作',
  'help.mod.queueRemove': '誰かのジョブを理由付きでキューから外します（本人に理由が表示されます）',
  'help.mod.buttons': '画像の下のボタンで、誰の画像でもキャンセルや削除ができます。',
};

export const ja: Catalog<MessageKey> = { lang: 'ja', messages, commands };
