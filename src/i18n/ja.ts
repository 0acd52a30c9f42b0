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
  defaultScheduler: 'defaultScheduler: 指定がないときの /imagine のスケジューラー',
  defaultModel: 'defaultModel: 指定がないときの /imagine のモデル',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 正方形',
  '3:2': '3:2 横長',
  '2:3': '2:3 縦長',
  '16:9': '16:9 ワイド',
  '9:16': '9:16 縦長ワイド',
};
const role: CommandText = { name: 'ロール', description: '対象のロール（レベルがロールのとき）' };
const user: CommandText = { name: 'ユーザー', description: '対象のメンバー（レベルがユーザーのとき）' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: '描いて',
    description: '説明文から絵を描きます',
    options: {
      prompt: {
        name: 'プロンプト',
        description: '描く内容を英語で（フラグも使えます：--ar 16:9 --seed 42 --no text）',
      },
      negative: { name: 'ネガティブ', description: '絵に入れたくないもの' },
      aspect: { name: '縦横比', description: '絵の形', choices: aspect },
      seed: { name: 'シード', description: '同じシードなら同じ絵（省略するとランダム）' },
      steps: { name: 'ステップ', description: 'ノイズ除去のステップ数：多いほど遅く、たいてい細かくなります' },
      guidance: { name: 'ガイダンス', description: 'プロンプトにどれだけ忠実に従うか（0〜30）' },
      count: { name: '枚数', description: '画像の枚数' },
      image: { name: '画像', description: 'この画像から始める（PNG、JPEG、WebP）' },
      strength: { name: '強さ', description: '画像があるとき：元の画像からどれだけ離れるか（0.05〜1）' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: {
        name: 'スケジューラー',
        description: 'ノイズから絵にする方法（省略時はモデルの既定）',
        choices: schedulerLabels,
      },
      model: { name: 'モデル', description: '描くのに使うインストール済みモデル（既定：サーバーの設定）' },
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
          aspect_ratio: {
            name: '縦横比',
            description: 'あなたの画像の形',
            choices: { ...aspect, default: 'ボットのデフォルト' },
          },
          steps: { name: 'ステップ', description: 'ノイズ除去のステップ数（0：モデルのデフォルト）' },
          spoiler: { name: 'スポイラー', description: '画像をスポイラーとして投稿します' },
          remix: {
            name: 'リミックス',
            description: 'バリエーション、再生成、ズーム、パンの前にプロンプトを編集します',
          },
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
      add: {
        name: '追加',
        description: '単語、フレーズ、または /正規表現/ をブロックします',
        options: {
          pattern: { name: 'パターン', description: '例：gore、"blood bath"、/sk(u|e)ll?s?/' },
        },
      },
      remove: {
        name: '削除',
        description: '追加したときと同じ書き方でエントリのブロックを解除します',
        options: {
          pattern: { name: 'パターン', description: '削除するエントリ' },
        },
      },
      list: { name: '一覧', description: 'このサーバーのエントリと組み込みの一覧を表示します' },
    },
  },
  limits: {
    name: '制限',
    description: 'このサーバーでのAtelierの利用制限を確認・変更します（モデレーター）',
    options: {
      show: {
        name: '表示',
        description: '有効な制限：サーバー、ロール、メンバーごと',
        options: {
          role: { name: 'ロール', description: 'このロールの個別設定を表示します' },
          user: { name: 'ユーザー', description: 'このメンバーに適用される制限を表示します' },
        },
      },
      set: {
        name: '設定',
        description: 'サーバー、ロール、メンバーの制限を1つ変更します（すぐに反映）',
        options: {
          level: { name: 'レベル', description: '制限の対象', choices: level },
          key: { name: '項目', description: 'どの制限か', choices: limitKey },
          value: { name: '値', description: '数値、"unlimited"、0、またはスイッチなら yes/no' },
          role,
          user,
        },
      },
      reset: {
        name: 'リセット',
        description: '個別設定を外して、下のレベルの値に戻します',
        options: {
          level: { name: 'レベル', description: '誰の個別設定か', choices: level },
          key: { name: '項目', description: 'どの制限か（省略するとすべて）', choices: limitKey },
          role,
          user,
        },
      },
    },
  },
  usage: {
    name: '利用状況',
    description: 'このサーバーでのAtelierの利用状況：合計、上位ユーザー、拒否、グラフ（モデレーター）',
    options: {
      period: {
        name: '期間',
        description: 'どこまでさかのぼるか（省略すると1週間）',
        choices: {
          day: '日（直近24時間）',
          week: '週（直近7日間）',
          month: '月（直近30日間）',
        },
      },
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
  health: {
    name: '状態',
    description: 'モデレーター用：ボットは正常？ゲートウェイ、データベース、推論プロセス、モデルとデバイス、キュー',
  },
  'Vary this image': { name: 'この画像のバリエーション' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand':
    'このバージョンのボットはそのコマンドを知りません。/ と入力すると、今使えるコマンドが表示されます。',
  'router.unknownButton': 'このボタンはもう使えません。/imagine で新しい画像を作ってください。',
  'router.bug':
    'こちら側で問題が発生しました（エラーID `{errorId}`）。もう一度お試しください。繰り返し起きる場合は、このIDをボットの管理者に伝えてください。',

  'job.notSaved':
    'リクエストを保存できなかったため、開始されず、何も消費されていません（エラーID `{errorId}`）。もう一度お試しください。',
  'job.modelLoading': '画像モデルをまだ読み込み中です。1分ほどしてからもう一度お試しください。',
  'job.dmOff': 'ここではサーバー内でのみ画像を作ります。ボットの管理者がダイレクトメッセージをオフにしています。',
  'job.blockedWord':
    'プロンプトに「{word}」が含まれています。これは年齢制限のあるチャンネル以外では使えません。書き直してもう一度お試しください。消費はありません。',
  'job.blockedWordHere':
    'プロンプトに「{word}」が含まれています。このサーバーでは使えません。書き直してもう一度お試しください。消費はありません。',
  'job.blockedPattern':
    'プロンプトにブロックされたパターンが含まれています。これは年齢制限のあるチャンネル以外では使えません。書き直してもう一度お試しください。消費はありません。',
  'job.blockedPatternHere':
    'プロンプトにブロックされたパターンが含まれています。このサーバーでは使えません。書き直してもう一度お試しください。消費はありません。',
  'job.refusedPublicNote': '-# このリクエストは開始されませんでした。理由はあなただけに送りました。',
  'job.uploadAccepted': '画像を確認しました。ジョブは下で始まります。',
  'job.acceptedBelow': 'リクエストを受け付けました。順番と画像は下に表示されます。',

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
  'job.noWorker': '現在、モデル **{model}** を扱うワーカーがいません。ワーカーが接続されしだい開始します',
  'job.workersUnreachable': '現在、画像ワーカーに接続できません。順番はそのまま保たれ、復旧しだい開始します',
  'job.startsIn': '約 {duration} 後に開始（{relative}）',
  'job.restarted': '🔁 ボットが再起動しましたが、あなたのジョブは順番を保っています。',
  'job.restartedWhileRunning': '🔁 描画中にボットが再起動しました。あなたのジョブは列の先頭に戻りました。',
  'job.starting': '🎨 開始します…',
  'job.loadingModel': '⏳ モデル **{model}** を読み込み中です（しばらくぶりの、このモデルでの最初のジョブです）…',
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
    other:
      '{flags} は理解できなかったため無視しました（使えるのは --ar、--seed、--no、--steps、--repeat、--chaos、--guidance です）。',
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
  'kind.edit': '編集',
  'state.queued': '待機中',
  'state.running': '描画中',
  'state.done': '完了',
  'state.failed': '失敗',
  'state.cancelled': 'キャンセル済み',

  'quota.banned': 'あなたはこのサーバーでAtelierの利用を禁止されています。{until}',
  'quota.bannedReason': 'あなたはこのサーバーでAtelierの利用を禁止されています（理由：{reason}）。{until}',
  'quota.banNoEnd': '禁止に期限はありません。',
  'quota.banEnds': '{when}に解除されます。',
  'quota.noQueue':
    'このサーバーではジョブをキューに入れられません（上限が0です）。間違いだと思う場合はモデレーターに相談してください。',
  'quota.maxQueued': {
    other:
      'すでに {count} 件のジョブが待機中で、同時に持てる上限（{max} 件）に達しています。どれかが終わってからもう一度お試しください。',
  },
  'quota.cooldown': {
    other:
      '少し待ってください。このサーバーではリクエストの間隔を {count} 秒あける必要があります。{when}にまたリクエストできます。',
  },
  'quota.noImages':
    'このサーバーでは画像を作れません（1日の上限が0です）。間違いだと思う場合はモデレーターに相談してください。',
  'quota.tooManyForDay': {
    other: '{count} 枚をリクエストしましたが、1日に作れるのは {limit} 枚までです。枚数を減らしてください。',
  },
  'quota.dayLeft': {
    other:
      '直近24時間で {count} 枚中 {used} 枚を使い、{asked} 枚をリクエストしました。今なら {left} 枚まで、それ以上は{when}にリクエストできます。',
  },
  'quota.dayUsed': {
    other: '直近24時間で {count} 枚中 {used} 枚を使いました。{when}にまた使えるようになります。',
  },
  'quota.later': 'しばらくしてから',
  'quota.guildTooSmall': {
    other:
      'このサーバーで1日に作れるのは {count} 枚までで、このリクエストには足りません。枚数を減らすか、モデレーターに相談してください。',
  },
  'quota.guildUsed': {
    other: 'このサーバーは直近24時間で {count} 枚中 {used} 枚を使いました。{when}にまた使えるようになります。',
  },
  'quota.queueFull': {
    other:
      'キューがいっぱいです（{count} 件が待機中で、これが上限です）。消費はありません。数分後にもう一度お試しください。',
  },
  'shape.uploads':
    'このサーバーでは画像のアップロードがオフになっています。画像なしでもう一度リクエストするか、モデレーターに相談してください。',
  'shape.width':
    '幅 {value} px はこのサーバーの上限（{max} px）を超えています。小さいサイズか別の縦横比でリクエストしてください。',
  'shape.height':
    '高さ {value} px はこのサーバーの上限（{max} px）を超えています。小さいサイズか別の縦横比でリクエストしてください。',
  'shape.pixels':
    '{width}x{height} は {value} ピクセルで、このサーバーの上限（{max}）を超えています。小さいサイズでリクエストしてください。',
  'shape.steps':
    '{value} ステップはこのサーバーの上限（{max}）を超えています。{max} ステップ以下でリクエストしてください。',
  'shape.images': '一度に {value} 枚はこのサーバーの上限（{max} 枚）を超えています。枚数を減らしてください。',

  'button.unknownJob':
    'このサーバーにはジョブ #{job} の記録がないため、このボタンでは何もできません。/imagine で新しい画像を作ってください。',
  'button.deletedJob': 'これらの画像は削除されたため、ボタンはもう使えません。',
  'button.notDone':
    'このジョブはまだ終わっていないため、使える画像がありません。完了してからもう一度クリックしてください。',
  'button.failedJob': 'このジョブは失敗したため、使える画像がありません。/imagine で新しい画像を作ってください。',
  'button.cancelledJob':
    'このジョブはキャンセルされたため、使える画像がありません。/imagine で新しい画像を作ってください。',
  'button.imageGoneDerived':
    'ジョブ #{job} の画像 {index} は保存期間が過ぎました。元になった画像も同様に期限切れのため（バリエーションまたは編集です）、まったく同じものは作り直せません。**元の画像をもう一度作る** を押すと、ジョブ #{origin} を同じプロンプト・設定・シードで描き直すので、同じ画像になります。そこから改めてバリエーションや編集をしてください。',
  'button.imageGone':
    'ジョブ #{job} の画像 {index} は保存期間が過ぎました（容量節約のため古い画像は一定期間後に削除されます）。このボタンでは使えません。同じプロンプトと設定に `--seed {seed}` を付けて /imagine を実行すると、同じ画像を作り直せます（設定は Info ボタンで確認できます）。',
  'button.notOwnerDelete': 'これらの画像を削除できるのは、依頼した人かモデレーターだけです。',
  'button.notOwnerCancel': 'このジョブをキャンセルできるのは、依頼した人かモデレーターだけです。',
  'button.alreadyFinished': 'このジョブはすでに完了しているため、キャンセルするものはありません。',
  'button.alreadyCancelled': 'このジョブはすでにキャンセルされています。',
  'button.alreadyFailed': 'このジョブはすでに失敗しているため、キャンセルするものはありません。',
  'button.alreadyGone': 'このジョブはもう存在しないため、キャンセルするものはありません。',
  'job.noImg2img':
    '読み込まれているモデル（{model}）は画像から始めることができません。画像なしでリクエストしてください。',
  'job.badStrength': '強さは元にする画像を添付したときだけ意味があります。画像を添付するか、強さを外してください。',
  'job.badScheduler': '「{name}」というスケジューラーはありません。次から選んでください：{choices}。',
  'job.badModel': '「{name}」というインストール済みのモデルはありません。次から選んでください：{choices}。',
  'vary.noPicture':
    'そのメッセージには画像が添付されていません。PNG、JPEG、WebP の画像があるメッセージで「{command}」を使ってください。',
  'vary.notPicture':
    'そのメッセージの添付ファイル（`{file}`）は画像ではありません。PNG、JPEG、WebP の画像があるメッセージで「{command}」を使ってください。',
  'vary.noImg2img':
    '読み込まれているモデル（{model}）は画像から始めることができないため、バリエーションを作れません。代わりにプロンプトを付けて /imagine を使ってください。',
  'upload.pixels':
    'その画像は {width}x{height} ピクセル（{megapixels} メガピクセル）です。受け付けるのは {max} メガピクセル、1辺 {side} ピクセルまでです。縮小してからもう一度お試しください。',
  'upload.type':
    '`{file}` は {type} ファイルで、元にできる画像ではありません。PNG、JPEG、WebP の画像を添付してください。',
  'upload.unknownType':
    '`{file}` は知らない種類のファイルで、元にできる画像ではありません。PNG、JPEG、WebP の画像を添付してください。',
  'upload.size':
    '`{file}` は {size} です。受け付けるのは {max} までです。小さく保存して（JPEG や WebP は PNG よりずっと小さくなります）もう一度お試しください。',
  'upload.host':
    'ダウンロードするのは Discord にアップロードされた画像だけですが、これは別の場所を指しています。画像を Discord に添付してもう一度お試しください。',
  'upload.timeout':
    'Discord から画像をダウンロードするのに {seconds} 秒以上かかったため中止しました。少ししてからもう一度試すか、小さい画像をアップロードしてください。',
  'upload.failed':
    'Discord からの画像のダウンロードに失敗しました（接続が拒否されたか切れました）。少ししてからもう一度試すか、画像をアップロードし直してください。',
  'upload.redirect':
    'Discord が画像のアドレスを別の場所へリダイレクトしましたが、リダイレクトには従いません。画像をアップロードし直してください。',
  'upload.http':
    'Discord から画像をダウンロードできませんでした（HTTP {status}）。もう一度試すか、アップロードし直してください。',
  'upload.tooBig': 'その画像は {size} です。受け付けるのは {max} までです。',
  'upload.overMax': 'その画像は {max} を超えています。これが受け付ける上限です。',
  'upload.notImage':
    'そのファイルは（名前に関係なく）PNG、JPEG、WebP の画像ではありません。これらのいずれかを添付してください。',
  'upload.damaged': 'その画像を読み込めませんでした。ファイルが壊れているようです。保存し直してみてください。',
  'upload.noSize': 'その画像を読み込めませんでした。サイズがありません。保存し直してみてください。',
  'queue.restarting':
    'ボットを再起動中のため、新しいリクエストは受け付けていません。1分ほどしてからもう一度お試しください。',
  'queue.full': 'キューがいっぱいです（{count} 件待機中）。数分後にもう一度お試しください。',
  'queue.userFull': {
    other:
      'すでに {count} 件のジョブがキューにあり、1人あたりの上限です。どれかが終わるのを待つか、キャンセルしてからもう一度お試しください。',
  },

  'info.cmd.banned': '**あなたはこのサーバーでAtelierの利用を禁止されています**。{until}',
  'info.cmd.bannedReason': '**あなたはこのサーバーでAtelierの利用を禁止されています**（理由：{reason}）。{until}',
  'info.cmd.imagesUnlimited': {
    other: '**画像：** 1日の上限はありません（直近24時間で {count} 枚）。',
  },
  'info.cmd.imagesNone': '**画像：** このサーバーでは画像を作れません（1日の上限が0です）。',
  'info.cmd.imagesLeft': '**残り枚数：** 直近24時間で {limit} 枚中 {left} 枚（スライド式）。',
  'info.cmd.imagesLeftNext':
    '**残り枚数：** 直近24時間で {limit} 枚中 {left} 枚（スライド式）。次の1枚は{when}に使えるようになります。',
  'info.cmd.guildLeft': {
    other: '**このサーバー：** 直近24時間の残りは {count} 枚です。',
  },
  'info.cmd.cooldownUntil': '**待ち時間：** {when}にまたリクエストできます。',
  'info.cmd.cooldown': '**待ち時間：** リクエストごとに {duration}。今すぐリクエストできます。',
  'info.cmd.noCooldown': '**待ち時間：** なし。',
  'info.cmd.jobs': '**あなたのジョブ：** 実行中 {running} 件、待機中 {waiting} 件',
  'info.cmd.jobsMax': '**あなたのジョブ：** 実行中 {running} 件、待機中 {waiting} 件（同時に {max} 件まで）',
  'info.cmd.listFollows': '：',
  'info.cmd.end': '。',
  'info.cmd.runningJob': '• ジョブ {job}「{prompt}」：実行中、{when}に完了予定',
  'info.cmd.runningJobStep': '• ジョブ {job}「{prompt}」：実行中、ステップ {step} / {total}、{when}に完了予定',
  'info.cmd.queuedJob': '• ジョブ {job}「{prompt}」：キューの #{position}、{when}に開始予定',
  'info.cmd.more': '• ほか {count} 件',
  'info.cmd.queue': '**キュー：** 待機中 {waiting} 件、実行中 {running} 件。',
  'info.cmd.modelLoading': '**モデル：** まだ読み込み中です。少ししてからもう一度お試しください。',
  'info.cmd.model': {
    other: '**モデル：** {name}（{family}、{dtype}）、**{device}** で実行{fallback}、デフォルト {count} ステップ',
  },
  'info.cmd.fallback': '（{wanted} が設定されていますがここでは使えません。直し方は管理者のログにあります）',
  'info.cmd.demo':
    'これはAtelierに付属する小さなデモモデルで、簡単な場面しか描けません。ボットの管理者は `{command}` で本物のモデルをインストールできます。',

  'help.button.region': '**{region}**：絵の一部（半分、3分の1、角）を、書き換えられるプロンプトで描き直します',
  'help.button.zoom': '**{zoom2}** / **{zoom15}**：引きの構図にして、絵の周りを描き足します',
  'help.button.pan': '**⬅️ ➡️ ⬆️ ⬇️**：その方向に絵を広げます',
  'help.button.upscaleMore': '**{subtle}**：そのまま大きくしたコピー。**{creative}**：大きくして細部を描き直します',
  'edit.regionLabel': '描き直す範囲',
  'edit.promptLabel': 'その範囲のプロンプト',
  'edit.negativeLabel': 'ネガティブプロンプト',
  'edit.noVae': '読み込まれているモデル（{model}）には VAE エンコーダーがないため、画像を編集できません。',
  'edit.badRegion': '描き直す範囲を一覧から選んでください。',
  'edit.region.left': '左半分',
  'edit.region.right': '右半分',
  'edit.region.top': '上半分',
  'edit.region.bottom': '下半分',
  'edit.region.left-third': '左の3分の1',
  'edit.region.middle-third': '中央の3分の1',
  'edit.region.right-third': '右の3分の1',
  'edit.region.centre': '中央',
  'edit.region.top-left': '左上の角',
  'edit.region.top-right': '右上の角',
  'edit.region.bottom-left': '左下の角',
  'edit.region.bottom-right': '右下の角',

  'queue.view.empty': 'キューは空です。描いているものも待っているものもありません。`/imagine` はすぐに始まります。',
  'queue.view.hereDm': 'ここ',
  'queue.view.hereGuild': 'このサーバー',
  'queue.view.summary':
    '**{where}のキュー：** 実行中 {running} 件、待機中 {waiting} 件。**全サーバー：** 実行中 {allRunning} 件、待機中 {allWaiting} 件（上限 {room} 件）。',
  'queue.view.summaryMine':
    '**{where}のキュー：** 実行中 {running} 件、待機中 {waiting} 件（うちあなたの分 {mine} 件）。**全サーバー：** 実行中 {allRunning} 件、待機中 {allWaiting} 件（上限 {room} 件）。',
  'queue.view.restarting': 'ボットを再起動中です。待機中のジョブはボットが戻ると再開します。',
  'queue.view.running': '**実行中**',
  'queue.view.waiting': '**待機中**（全サーバー共通のキューでの順番。全員が交代で進みます）',
  'queue.view.more': '… ほか {count} 件',
  'queue.view.job': { other: 'ジョブ {job}：{width}×{height}、{steps}、{count} 枚' },
  'queue.view.step': 'ステップ {step}/{total}',
  'queue.view.doneIn': '{when}に完了予定',
  'queue.view.startsIn': '{when}に開始予定',
  'queue.view.yours': 'あなたのジョブ（{mention}）',
  'queue.view.moment': 'まもなく',
  'settings.title': '**/imagine のあなたのデフォルト**',
  'settings.never': '（未変更）',
  'settings.hint': '`/settings set` で変更できます。/imagine に指定したオプションが常に優先されます。',
  'settings.saved': '保存しました。/imagine のデフォルトは次のとおりです：',
  'settings.forgotten': 'デフォルトを消去しました。/imagine は再びボットの設定を使います。',
  'settings.none': '保存されたデフォルトはなかったので、何も変わっていません。',
  'settings.nothing':
    '変更する項目として `aspect_ratio`、`steps`、`spoiler`/`remix` のいずれかを指定してください。`/settings show` で確認できます。',
  'settings.aspect': '• 縦横比：**{value}**',
  'settings.steps': '• ステップ数：**{value}**',
  'settings.spoiler': '• スポイラー：**{value}**{note}',
  'settings.remix':
    '• リミックス：**{value}**（オン：バリエーション、リロール、ズーム、パン、Upscale (Creative) の前にプロンプトを編集するフォームが開きます）',
  'settings.botDefaultRatio': 'ボットのデフォルト（1:1）',
  'settings.modelDefault': 'モデルのデフォルト',
  'settings.capped': '{steps}（このサーバーの上限は {max} なので、ここでは {max} を使います）',
  'settings.yes': 'はい',
  'settings.no': 'いいえ',
  'settings.spoilerForced': '（このサーバーではどのみちすべての画像がスポイラーになります）',

  'mod.notInGuild': 'モデレーター用コマンドはサーバー内で使えます。ダイレクトメッセージでは使えません。',
  'mod.notModerator':
    '申し訳ありませんが、このコマンドはモデレーター用です。このサーバーでの **サーバー管理** 権限が必要です。何も変更していません。',
  'queue.remove.noJob': 'このサーバーにジョブ {job} はありません。ジョブ番号は `/queue` で確認できます。',
  'queue.remove.finished': 'ジョブ {job} はすでに完了しているため、外すものはありません。',
  'queue.remove.failed': 'ジョブ {job} はすでに失敗しているため、外すものはありません。',
  'queue.remove.cancelled': 'ジョブ {job} はすでにキャンセルされているため、外すものはありません。',
  'queue.remove.justFinished': 'ジョブ {job} はたった今完了したため、外すものはありません。',
  'queue.remove.done':
    '{user} のジョブ {job} を外しました（{where}）。画像の分は返却しました{told}。監査ログに記録されています。',
  'queue.remove.wasRunning': '実行中だったので停止しました',
  'queue.remove.wasQueued': 'キューの #{position} でした',
  'queue.remove.told': '。理由も本人に伝えました：{reason}',

  'fail.bug':
    '画像の作成中にこちら側で問題が発生しました（エラーID `{errorId}`）。もう一度お試しください。繰り返し起きる場合は、このIDをボットの管理者に伝えてください。',
  'fail.modelGone':
    'このジョブ用のモデル「{model}」はもうインストールされていないため実行できません。クォータは消費されていません。/imagine model: で別のモデルを選んでください。',
  'fail.crashed':
    'このジョブの処理中に画像生成プロセスが {count} 回クラッシュしたため、停止しました。サイズを小さくするか、ステップ数や枚数を減らしてみてください。',
  'fail.timeout':
    'このジョブは制限時間の {seconds} 秒を超えたため、停止しました。ステップ数を減らすか、サイズを小さくするか、枚数を減らしてみてください。',
  'fail.interrupted':
    'このジョブは {count} 回中断された（作成中にボットか画像生成プロセスが止まった）ため、再試行しませんでした。サイズを小さくするか、ステップ数や枚数を減らしてみてください。',

  'flag.noNeedsText': '`--no` には入れたくないものを指定してください。例：`--no cars, text`。',
  'flag.seed': '{label} には 0〜{max} の整数を指定してください{given}。',
  'flag.whole': '{label} には {min}〜{max} の整数を指定してください{given}。',
  'flag.number': '{label} には {min}〜{max} の数値を指定してください{given}。',
  'flag.tooManyJobs':
    '{jobs} 件のジョブになります（波括弧の選択肢から {permutations} 件のプロンプト、それぞれ --repeat 回）。1 つのプロンプトで始められるのは最大 {max} 件です。選択肢を減らすか --repeat を小さくしてください。',
  'job.manyJobs':
    'このプロンプトは {jobs} 件のジョブになります。クォータから {images} 枚{left}。下でそれぞれのメッセージとして始まります。',
  'job.manyJobsLeft': '（残り {n} 枚）',
  'job.confirmMany': 'このプロンプトは {jobs} 件のジョブになります。クォータから {images} 枚{left}。実行しますか？',
  'button.runMany': '{jobs} 件を実行',
  'button.dropMany': 'キャンセル',
  'job.confirmGone':
    'これらのジョブはすでに開始またはキャンセルされたか、質問から 15 分以上たっています。プロンプトをもう一度送ってください。',
  'job.confirmCancelled': 'キャンセルしました。何も開始されず、消費もありません。',
  'flag.ratio': '{label} には 16:9、3:2、1:1 のような比率を指定してください{given}。',
  'flag.extreme': '{label} {value} は極端すぎます。4:1 から 1:4 の範囲にしてください。',
  'flag.given': '（「{value}」ではなく）',
  'vary.formGone': 'このフォームはもうどのメッセージにも対応していません。もう一度「{command}」を使ってください。',
  'vary.messageGone': 'そのメッセージはもうないため、バリエーションを作る画像がありません。',
  'vary.pickStrength': '用意された強さから選んでください。',

  'button.cancel': 'キャンセル',
  'button.reroll': '再生成',
  'button.remake': 'もう一度作る',
  'button.remakeOrigin': '元の画像をもう一度作る',
  'button.info': '情報',
  'button.delete': '削除',
  'button.subtle': 'バリエーション（弱）',
  'button.region': 'バリエーション（範囲）',
  'button.paint': '範囲を塗る（プレイグラウンド）',
  'button.zoom2': 'ズームアウト 2x',
  'button.zoom15': 'ズームアウト 1.5x',
  'button.upscaleSubtle': 'アップスケール（控えめ）',
  'button.upscaleCreative': 'アップスケール（創造的）',
  'button.strong': 'バリエーション（強）',

  'help.title': 'Atelier：ヘルプ',
  'help.intro':
    '説明文から絵を描くボットです。描画はこのサーバーの管理者自身のコンピューターで行います。{imagine} に見たいものを書いてください。すぐにキューでの順番をお知らせし、描いている途中の様子を見せてから、続けて手を加えるためのボタン付きで画像を投稿します。',
  'help.commands': 'コマンド',
  'help.cmd.imagine':
    '説明文から絵を描きます。オプションでネガティブプロンプト、縦横比、シード、ステップ数、ガイダンス、枚数、元にする画像を指定できます',
  'help.cmd.info': '今日の残り枚数、キュー内のあなたのジョブ、使用中のモデル',
  'help.cmd.queue': '描いているものと待っているもの、その予想時間',
  'help.cmd.settings': '/imagine のあなた専用のデフォルト：縦横比、ステップ数、スポイラー',
  'help.cmd.help': 'このヘルプ（あなたにだけ表示されます）',
  'help.cmd.vary': 'チャンネルに投稿された画像ならどれでも：メッセージのメニューを開き、アプリ → **{name}**',
  'help.buttons': '画像の下のボタン',
  'help.button.upscale': '**U1、U2…**：その画像を単独でフルサイズ表示し、専用のボタンを付けます',
  'help.button.vary': '**V1、V2…**：その画像の新しいバリエーション',
  'help.button.subtle':
    '**{subtle}** / **{strong}**：1枚の画像から、近いバリエーションか自由なバリエーションを作ります',
  'help.button.reroll': '**{reroll}**：同じリクエストを新しいシードでもう一度',
  'help.button.info':
    '**{info}**：画像の作り方（プロンプト、シード、サイズ、ステップ数、モデル）をあなたにだけ表示します',
  'help.button.delete': '**{delete}**：画像を削除します（依頼した人かモデレーター）',
  'help.button.cancel':
    '**{cancel}**：待機中または描画中のジョブを止めます（依頼した人かモデレーター）。消費はありません',
  'help.flags': 'プロンプトのフラグ',
  'help.flagsText':
    'プロンプトの最後に付けます：`--ar 16:9` 縦横比、`--seed 42` 同じ絵をもう一度、`--no text` 入れたくないもの、`--steps 30` ノイズ除去のステップを増やす、`--guidance 7` プロンプトにどれだけ従うか。',
  'help.english':
    'モデルが読めるのは英語だけです。プロンプトは英語で書くといちばんよい結果になります。それ以外（コマンド、返答、ボタン）はあなたのDiscordの言語に合わせます。',
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
  'help.modelDemo':
    'このボットはAtelierに付属する小さなデモモデルを使っています。1つの図形（{shapes}）を1つの色（{colours}）で、位置（{positions}）を決めて、別の色の背景の上に描きます。例：「a red star on the left on a blue background」。知っているのはこれらの英単語だけで、ほかの言葉は無視します。',
  'help.modelReal':
    'モデルは **{name}** です。短く具体的な英語の説明に最もよく従い、プロンプトの最初の約75トークン（単語の断片）までしか読みません。読める文字、手、物の正確な数はよく崩れます。',
  'help.moderators': 'モデレーター向け（サーバー管理）',
  'help.mod.limits': 'サーバー、ロール、メンバーの制限を確認・変更',
  'help.mod.ban': 'メンバーのAtelier利用を一定期間または無期限で禁止',
  'help.mod.unban': '利用禁止を解除',
  'help.mod.blocklist': 'このサーバーのプロンプトに含められない単語とパターン',
  'help.mod.usage': 'Atelierの利用状況：合計、上位ユーザー、拒否、グラフ',
  'help.mod.modlog': '最近のモデレーター操作',
  'help.mod.queueRemove': '誰かのジョブを理由付きでキューから外します（本人に理由が表示されます）',
  'help.mod.health': 'ボットが正常かどうか：ゲートウェイ、データベース、画像生成プロセス、モデル、キュー',
  'help.mod.buttons': '画像の下のボタンで、誰の画像でもキャンセルや削除ができます。',
  'mod.target.guildWithTarget':
    'レベル **サーバー** を選びましたが、ロールかメンバーも指定されています。それらにはレベル「ロール」か「ユーザー」を選ぶか、指定を外してください。',
  'mod.target.roleNeedsRole':
    'レベル **ロール** には `ロール` オプションが必要です。制限を適用するロールを選んでください。',
  'mod.target.roleNotUser':
    'レベル **ロール** にはメンバーではなくロールを指定します。`ユーザー` オプションを外してください。',
  'mod.target.everyone': '@everyone はサーバー全体です。代わりにレベル **サーバー** を使ってください。',
  'mod.target.userNeedsUser':
    'レベル **ユーザー** には `ユーザー` オプションが必要です。制限を適用するメンバーを選んでください。',
  'mod.target.userNotRole':
    'レベル **ユーザー** にはロールではなくメンバーを指定します。`ロール` オプションを外してください。',
  'mod.target.level': '「{level}」はレベルではありません。サーバー、ロール、ユーザーのいずれかを選んでください。',
  'mod.target.showOne': '一度に表示できるのは一つです。ロールかメンバーのどちらかを指定してください。',
  'mod.target.guild': 'サーバー全体',
  'mod.target.role': 'ロール {role}',
  'mod.target.user': 'ユーザー {user}',
  'limits.show.user': '**{user} の制限**（ロールと個別設定を含む）:',
  'limits.show.userNoOwn': 'このメンバー自身の個別設定はありません。',
  'limits.show.role': '**ロール {role} の個別設定:**',
  'limits.show.roleNone': 'なし。このロールのメンバーにはサーバーの制限が適用されます。',
  'limits.show.roleRule':
    '個別設定のあるロールを複数持つメンバーには、最も緩い値が適用されます。メンバー自身の個別設定はそれらすべてに優先します。',
  'limits.show.guild': '**このサーバーの制限**（既定値とサーバーの個別設定）:',
  'limits.show.overrides': '**個別設定:**',
  'limits.show.hint': '変更は `/制限 設定`、メンバーの制限は `/制限 表示 ユーザー:` で確認できます。',
  'limits.source.default': '既定値',
  'limits.source.guild': 'サーバー',
  'limits.source.role': 'ロール {role}',
  'limits.source.user': 'ユーザー',
  'limits.overrides.none': '個別設定はありません。すべての制限が既定値です。',
  'limits.overrides.guild': 'サーバー',
  'limits.overrides.role': 'ロール {role}',
  'limits.overrides.user': 'ユーザー {user}',
  'limits.notSet': '未設定',
  'limits.defaultWas': '（既定値は {value}）',
  'limits.set':
    '{target} の `{key}`（{label}）を設定しました: {before}{default} → {after}。次のリクエストから適用され、再起動は不要です。',
  'limits.resetNothing': 'リセットするものはありません。{target} には個別設定がありません。',
  'limits.resetNothingKey': 'リセットするものはありません。{target} には `{key}` の個別設定がありません。',
  'limits.reset': {
    other: '{target} の個別設定を {count} 件削除しました: {list}。{next}',
  },
  'limits.resetWas': '`{key}`（以前は {value}）',
  'limits.defaultsApply': '次のリクエストから再び既定値が適用されます。',
  'limits.guildApplies': '次のリクエストから再びサーバーの制限が適用されます。',
  'ban.noReason': '理由を入力してください。監査ログに残り、本人にも表示されます。',
  'ban.self': '自分自身を利用禁止にすることはできません。',
  'ban.bot': '{user} はボットです。ボットはもともと Atelier のコマンドを使えません。',
  'ban.moderator':
    '{user} はここで「サーバー管理」権限を持っているため、利用禁止にしても本人が解除できてしまいます。本当に行う場合は、先にその権限を外してください。',
  'ban.noEnd': '期限なしで（解除は `/利用禁止解除`）',
  'ban.until': '{duration}の間、{date}まで（{relative}）',
  'ban.done': '{user} はこのサーバーで Atelier を使えなくなりました（{until}）。理由: {reason}',
  'ban.cancelled': {
    other: '待機中だったジョブ {count} 件をキャンセルしました（返却済み）。すでに実行中のジョブは最後まで続きます。',
  },
  'ban.noJobs': '待機中のジョブはありませんでした。',
  'unban.done': '{user} はこのサーバーで再び Atelier を使えます。',
  'unban.doneReason': '{user} はこのサーバーで再び Atelier を使えます。（利用禁止の理由: {reason}）',
  'unban.notBanned': '{user} はここで利用禁止になっていないため、解除するものはありません。',
  'blocklist.added':
    '`{pattern}` をこのサーバーの禁止ワードに追加しました。これを含むプロンプトは今後拒否されます（大文字小文字、アクセント、スペースを使ったごまかしも含む）。',
  'blocklist.already': '`{pattern}` はすでに禁止ワードに入っています（{user} が {when} に追加）。',
  'blocklist.builtin':
    '`{pattern}` は組み込みリストにあり、年齢制限のないチャンネルで適用されます。削除はできません。そこで許可するには、チャンネルを年齢制限付きにしてください。',
  'blocklist.notFound':
    '`{pattern}` はこのサーバーの禁止ワードにありません。`/禁止ワード 一覧` で登録どおりの表記を確認できます。',
  'blocklist.removed': '`{pattern}` をこのサーバーの禁止ワードから削除しました。',
  'blocklist.builtinList': '**組み込みリスト**（年齢制限のないチャンネルで適用）: {words}。',
  'blocklist.serverList': { other: '**このサーバーの禁止ワード**（{count} 件）:' },
  'blocklist.empty': '空です。`/禁止ワード 追加` で追加できます。',
  'usage.head': '**このサーバーの利用状況（{period}）**',
  'usage.headUser': '**このサーバーでの {user} の利用状況（{period}）**',
  'usage.period.day': '過去24時間',
  'usage.period.week': '過去7日間',
  'usage.period.month': '過去30日間',
  'usage.requests': {
    other: 'リクエスト: **{requests}** 件（受理 {accepted}、拒否 {refused}）、{count} 人から',
  },
  'usage.images': '画像: **{made}** 枚生成（受理されたリクエストで {asked} 枚を要求）',
  'usage.jobs': 'ジョブ: 完了 {done}、失敗 {failed}、キャンセル {cancelled}',
  'usage.times': '平均待ち時間 {wait}、平均実行時間 {run}',
  'usage.na': 'なし',
  'usage.top': '**よく使ったメンバー**',
  'usage.nobody': 'いません。',
  'usage.topLine': { other: '{rank}. {user}: 画像 {count} 枚、{requests}{refused}' },
  'usage.requestCount': { other: 'リクエスト {count} 件' },
  'usage.refusedCount': '（拒否 {refused}）',
  'usage.refusals': '**理由別の拒否:** {list}',
  'usage.none': 'なし。',
  'usage.latest': '**最近の拒否**',
  'usage.chartDescription': '過去 {days} 日間の1日あたりの画像数',
  'modlog.title': '**モデレーター操作**、{page} ページ目',
  'modlog.titleFiltered': '**モデレーター操作（{filters}）**、{page} ページ目',
  'modlog.by': '実行者 {user}',
  'modlog.about': '対象 {user}',
  'modlog.newestFirst': '（新しい順）',
  'modlog.nothing': 'まだありません。',
  'modlog.tooFar': 'そこまで古い記録はありません。',
  'modlog.more': '続きは `/モデレーションログ ページ:{page}` で。',
  'audit.limits.set': 'が制限を設定:',
  'audit.limits.reset': 'が制限をリセット:',
  'audit.ban': 'が利用禁止に:',
  'audit.unban': 'が利用禁止を解除:',
  'audit.blocklist.add': 'が禁止ワードに追加:',
  'audit.blocklist.remove': 'が禁止ワードから削除:',
  'audit.queue.remove': 'がジョブを削除:',
  'audit.until': '（{date}まで）',
  'audit.noEnd': '（期限なし）',
  'health.unavailable': 'このプロセスではヘルス情報を取得できません。',
  'health.ready': '**準備完了**（稼働 {seconds} 秒）',
  'health.notReady': '**準備未完了**（稼働 {seconds} 秒）',
  'health.gatewayReady': 'ゲートウェイ: 準備完了',
  'health.gatewayNotReady': 'ゲートウェイ: 準備未完了',
  'health.ping': '、ping {ms} ms',
  'health.gatewayUnused': 'ゲートウェイ: 未使用',
  'health.dbWritable': 'データベース: 書き込み可能',
  'health.dbNotWritable': 'データベース: 書き込み不可',
  'health.inference': '推論: {model}（{provider}）',
  'health.inferenceDown': '推論: 停止中、またはモデル未読み込み',
  'health.queue': 'キュー: 待機 {waiting}、実行中 {running}',
  'health.notAccepting': '（停止中のため受付停止）',
  'duration.help':
    '30m、12h、7d、2w（分、時間、日、週）のように期間を入力してください。期限なしの利用禁止にするなら空欄のままにします。',
  'duration.empty': '期間が空です。{help}',
  'duration.unit': '「{input}」の「{unit}」は知らない単位です。{help}',
  'duration.bad': '「{input}」は期間として解釈できません。{help}',
  'duration.short': '利用禁止は1分以上にしてください。',
  'duration.long': '1年を超えています。期限なしの利用禁止にするなら期間を空欄にしてください。',
  'editSize.editWidth': '編集後の画像は幅 {width} px になり、幅の上限 {max} px を超えます。',
  'editSize.editHeight': '編集後の画像は高さ {height} px になり、高さの上限 {max} px を超えます。',
  'editSize.editPixels':
    '編集後の画像は {width}x{height}（{pixels} ピクセル）になり、上限の {max} ピクセルを超えます。',
  'editSize.upscaleWidth': '拡大後の画像は幅 {width} px になり、幅の上限 {max} px を超えます。',
  'editSize.upscaleHeight': '拡大後の画像は高さ {height} px になり、高さの上限 {max} px を超えます。',
  'editSize.upscalePixels':
    '拡大後の画像は {width}x{height}（{pixels} ピクセル）になり、上限の {max} ピクセルを超えます。',
  'editSize.panWidth': '{direction}に広げると画像の幅が {width} px になり、幅の上限 {max} px を超えます。',
  'editSize.panHeight': '{direction}に広げると画像の高さが {height} px になり、高さの上限 {max} px を超えます。',
  'editSize.panPixels':
    '{direction}に広げると画像が {width}x{height}（{pixels} ピクセル）になり、上限の {max} ピクセルを超えます。',
  'editSize.dir.left': '左',
  'editSize.dir.right': '右',
  'editSize.dir.up': '上',
  'editSize.dir.down': '下',
  'request.promptTooLong': 'プロンプトが {chars} 文字あります。上限は {max} 文字です。短くしてもう一度お試しください。',
  'request.prompt': 'プロンプトはテキストで入力してください。',
  'request.width': '幅はピクセル単位の整数で指定してください。',
  'request.height': '高さはピクセル単位の整数で指定してください。',
  'request.steps': 'ステップ数は1以上の整数で指定してください。',
  'request.count': '画像は1枚以上を指定してください。',
  'request.seed': 'シードは0から{max}までの整数で指定してください。',
  'request.guidanceScale': 'ガイダンスは0から{max}の範囲で指定してください。',
  'request.strength': '強さは0より大きく1以下で指定してください（元の画像からどれだけ離れるか）。',
  'request.scheduler': 'スケジューラーは次のいずれかにしてください: {choices}。',
  'remix.title': 'リミックス: プロンプトを変更',
  'remix.unknownForm': 'このフォームはもうボットが扱えないものです。',
  'remix.emptyPrompt': 'プロンプトが空です。描いてほしい画像を説明してください。',
  'limits.value.unlimited': '無制限',
  'limits.value.none': 'なし',
  'limits.value.modelOwn': 'モデル既定',
  'limits.value.botModel': 'ボット既定',
  'limitValue.guildOnlyRole': '{key} はサーバー全体にのみ設定でき、ロールには設定できません。',
  'limitValue.guildOnlyUser': '{key} はサーバー全体にのみ設定でき、ユーザーには設定できません。',
  'limitValue.model':
    '{key} にはインストール済みモデルの名前（/imagine model: で候補が出ます）か、ボット既定にする "default" を指定してください。',
  'limitValue.scheduler':
    '{key} にはスケジューラーを指定します: {choices} のいずれか、またはモデル既定なら "default"。',
  'limitValue.switch': '{key} はオン/オフの設定です: yes か no を指定してください。',
  'limitValue.secondsUnlimited': '{key} は秒単位です: 待ち時間なしなら 0 を指定してください。',
  'limitValue.wholeSeconds': '{key} には秒数を整数で指定してください（なしは 0）。',
  'limitValue.whole': '{key} には整数（{label}）か "unlimited" を指定してください。',
  'limitValue.maxCooldown': '{key} は最大 {max} 秒（7日）です。',
  'limitValue.maxQuota': '{key} は最大 {max} です。または "unlimited" を指定してください。',
  'limitValue.atLeastOne': '{key} は1以上にしてください。',
  'limitValue.ceiling': '{key} は最大 {max} です。これはボットの管理者が設定で決めた上限です。',
  'limitValue.multiple8': '{key} は8の倍数にしてください（モデルは8ピクセル単位で処理します）。例: {example}。',
  'limitValue.noSuchKey': '「{key}」という制限はありません。制限は次のとおりです: {keys}。',
  'ban.endsBeforeStart': '利用禁止が始まる前に終わってしまいます。未来に終わる期間を指定してください。',
  'blocklistEntry.backreference':
    '後方参照（\\1 など）には対応していません。照合エンジン（RE2）はプロンプトの長さに比例した時間で終わることを保証しますが、後方参照があるとそれができません。代わりに候補を列挙してください。',
  'blocklistEntry.lookaround':
    '先読み・後読み（(?=…)、(?!…)、(?<=…)、(?<!…)）には対応していません。照合エンジン（RE2）はプロンプトの長さに比例した時間で終わることを保証しますが、先読み・後読みがあるとそれができません。単語の境界には \\b を使うか、別のエントリーを追加してください。',
  'blocklistEntry.invalid': '照合エンジン（RE2）が受け付ける正規表現ではありません: {error}',
  'blocklistEntry.tooBig':
    'この正規表現は大きすぎます。{size} ステップになりますが、プロンプトの確認を速く保つため、1エントリーは最大 {max} ステップです。回数指定の繰り返しは掛け算になります（{repeat} は30ステップ）。短くするか、複数のエントリーに分けてください。',
  'blocklistEntry.empty': 'エントリーが空です。単語、フレーズ、または /正規表現/ を指定してください。',
  'blocklistEntry.tooLong': 'エントリーが長すぎます（最大 {max} 文字）。',
  'blocklistEntry.flags': '末尾の / の後に付けられるフラグは i、u、s だけです（「{flags}」は使えません）。',
  'blocklistEntry.noWords': 'エントリーに文字も数字もありません。記号をブロックするには /regex/ を使ってください。',
  'blocklistEntry.guildTooBig':
    'このサーバーの /regex/ エントリーを合わせると {size} ステップになり、上限の {max} を超えます（プロンプトの確認を速く保つための上限です）。不要になった正規表現を削除する（`/禁止ワード 一覧`）か、この上限に影響しない普通の単語を使ってください。',
  'blocklistEntry.unusable': '「{input}」は禁止ワードのエントリーとして使えません。',
  'blocklistEntry.matchesEmpty':
    '「{input}」は空のプロンプトにも一致するため、すべてのリクエストをブロックしてしまいます。特定の単語やフレーズに一致するようにしてください。',
  'blocklistEntry.matchesAll':
    '「{input}」はほぼすべてに一致する（例:「{example}」）ため、普通のプロンプトまでブロックしてしまいます。もっと限定してください。',
};

export const ja: Catalog<MessageKey> = { lang: 'ja', messages, commands };
