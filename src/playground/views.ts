/**
 * A job as the playground page draws it: the text and buttons of the very message the bot would post for it (the
 * builders in src/discord/replies.ts, so the page and Discord never disagree), plus what a browser needs instead of
 * attachments: image URLs with alt text, the progress numbers, the place in the queue. Pure: a job and its live state
 * in, JSON out.
 */
import type { APIButtonComponent } from 'discord.js';
import type { Job } from '../db/jobs.ts';
import type { NoWorker } from '../queue/types.ts';
import {
  cancelledView,
  failedView,
  interruptedView,
  progressView,
  queuedView,
  resultView,
  startedView,
  type MessageView,
} from '../discord/replies.ts';

/** What the queue last said about a job that is not finished (the page shows it until the next event). */
export type LiveState =
  | {
      type: 'queued';
      position: number;
      etaMs: number;
      recovered?: { wasRunning: boolean } | undefined;
      /** Why no worker can take it now (none serves its model, or the workers cannot be reached). */
      noWorker?: NoWorker | undefined;
    }
  | { type: 'started'; recovered?: { wasRunning: boolean } | undefined }
  | { type: 'progress'; step: number; totalSteps: number; recovered?: { wasRunning: boolean } | undefined }
  | { type: 'interrupted' };

export interface ButtonView {
  /** The accessible name: the Discord button's label ("U1", "Vary (Subtle)"). */
  label: string;
  /** The Discord button's custom_id (`vary:12:2`); the page posts it back as it is. */
  customId: string;
  /** Decoration only (hidden from screen readers on the page). */
  emoji: string | null;
  style: 'primary' | 'secondary' | 'danger';
}

export interface ImageView {
  url: string;
  /** Starts with the prompt as parsed (flags removed). */
  alt: string;
  width: number;
  height: number;
  seed: number;
  index: number;
}

export interface JobView {
  id: number;
  kind: Job['kind'];
  state: Job['state'];
  /** The prompt as parsed (flags removed). */
  prompt: string;
  /** The bot's message text, in Discord's markdown (bold, `-#` small lines, `<t:…:R>` times, `<@user>`). */
  content: string;
  /** Rows of buttons, as the bot's message has them. */
  buttons: ButtonView[][];
  images: ImageView[];
  progress: { step: number; totalSteps: number } | null;
  queue: { position: number; etaMs: number } | null;
  error: string | null;
  queuedAt: number;
  width: number;
  height: number;
}

const styles: Record<number, ButtonView['style']> = { 1: 'primary', 2: 'secondary', 4: 'danger' };
/** Names for the buttons Discord shows as an emoji alone (the page hides emoji from screen readers). */
const unlabelled: Record<string, string> = {
  panleft: 'Pan left',
  panright: 'Pan right',
  panup: 'Pan up',
  pandown: 'Pan down',
};

function buttonsOf(view: MessageView): ButtonView[][] {
  return view.components.map((row) =>
    row.toJSON().components.flatMap((c) => {
      const b = c as APIButtonComponent;
      if (!('custom_id' in b)) return [];
      const action = b.custom_id.split(':')[0]!;
      return [
        {
          label: b.label || unlabelled[action] || action,
          customId: b.custom_id,
          emoji: b.emoji?.name ?? null,
          style: styles[b.style] ?? 'secondary',
        },
      ];
    }),
  );
}

const NO_FILE = { data: Buffer.alloc(0), name: 'grid.png' };

/**
 * The view of `job`. `images` are the stored images' seeds and sizes (in index order); `live` what the queue last
 * said about an unfinished job; `now` the clock for "starts in …".
 */
export function jobView(
  job: Job,
  o: {
    images: { idx: number; seed: number; width: number; height: number }[];
    live?: LiveState | undefined;
    now: number;
    imageUrl: (jobId: number, index: number) => string;
  },
): JobView {
  const p = job.params;
  let view: MessageView;
  let progress: JobView['progress'] = null;
  let queue: JobView['queue'] = null;
  const live = o.live;
  switch (job.state) {
    case 'done':
      view = resultView(job, { file: NO_FILE, imageCount: o.images.length });
      break;
    case 'failed':
      view = failedView(job, job.error ?? 'Something went wrong.');
      break;
    case 'cancelled':
      view = cancelledView(job, { byModerator: false, reason: null });
      break;
    case 'queued':
      if (live?.type === 'interrupted') {
        view = interruptedView(job);
      } else {
        const q = live?.type === 'queued' ? live : { position: 1, etaMs: 0 };
        queue = { position: q.position, etaMs: q.etaMs };
        view = queuedView(job, { ...q, now: o.now, recovered: live?.type === 'queued' ? live.recovered : undefined });
      }
      break;
    case 'running':
      if (live?.type === 'progress') {
        progress = { step: live.step, totalSteps: live.totalSteps };
        view = progressView(job, live);
      } else {
        progress = { step: 0, totalSteps: p.steps };
        view = startedView(job, { recovered: live && 'recovered' in live ? live.recovered : undefined });
      }
      break;
  }
  const n = o.images.length;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    prompt: p.prompt,
    content: view.content,
    buttons: buttonsOf(view),
    images:
      job.state === 'done'
        ? o.images.map((img) => ({
            url: o.imageUrl(job.id, img.idx),
            alt: `${p.prompt}${n > 1 ? ` (image ${img.idx + 1} of ${n}, seed ${img.seed})` : ` (seed ${img.seed})`}`,
            width: img.width,
            height: img.height,
            seed: img.seed,
            index: img.idx,
          }))
        : [],
    progress,
    queue,
    error: job.state === 'failed' ? job.error : null,
    queuedAt: job.queuedAt,
    width: p.width,
    height: p.height,
  };
}
