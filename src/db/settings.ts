/** Members' own defaults for /imagine (/settings): aspect ratio, steps, whether to post as a spoiler, remix mode. */
import type { Database } from './database.ts';
import { UserError } from '../errors.ts';

export interface UserSettings {
  /** e.g. '1:1', '3:2', '9:16'; null: the bot's default. */
  aspectRatio: string | null;
  /** null: the model's default. */
  steps: number | null;
  spoiler: boolean;
  /** Remix mode: buttons that make a new job first open a form with the prompt to edit. */
  remix: boolean;
  /** null when never saved. */
  updatedAt: number | null;
}

export type SettingsPatch = Partial<Pick<UserSettings, 'aspectRatio' | 'steps' | 'spoiler' | 'remix'>>;

interface SettingsRow {
  user_id: string;
  aspect_ratio: string | null;
  steps: number | null;
  spoiler: number;
  remix: number;
  updated_at: number;
}

function toSettings(r: SettingsRow | undefined): UserSettings {
  if (!r) return { aspectRatio: null, steps: null, spoiler: false, remix: false, updatedAt: null };
  return {
    aspectRatio: r.aspect_ratio,
    steps: r.steps,
    spoiler: r.spoiler === 1,
    remix: r.remix === 1,
    updatedAt: r.updated_at,
  };
}

/** Checks a patch; the request limits (maxSteps) still apply when a job is made. */
function validate(p: SettingsPatch): void {
  if (p.aspectRatio != null) {
    const m = /^(\d{1,2}):(\d{1,2})$/.exec(p.aspectRatio);
    const [w, h] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (!m || w < 1 || h < 1 || w / h > 4 || h / w > 4) {
      throw new UserError(
        `"${p.aspectRatio}" is not an aspect ratio I can use: write it like 1:1, 3:2 or 9:16 ` +
          '(no wider or taller than 4:1).',
        'bad-setting',
      );
    }
  }
  if (p.steps != null && (!Number.isSafeInteger(p.steps) || p.steps < 1 || p.steps > 200)) {
    throw new UserError('Steps must be a whole number from 1 to 200.', 'bad-setting');
  }
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

export function createSettingsStore(database: Database) {
  const { sqlite: db, clock } = database;
  const get = db.prepare('SELECT * FROM user_settings WHERE user_id = ?');
  const upsert = db.prepare(`INSERT INTO user_settings (user_id, aspect_ratio, steps, spoiler, remix, updated_at)
    VALUES (@userId, @aspectRatio, @steps, @spoiler, @remix, @at)
    ON CONFLICT (user_id) DO UPDATE SET aspect_ratio = excluded.aspect_ratio, steps = excluded.steps,
      spoiler = excluded.spoiler, remix = excluded.remix, updated_at = excluded.updated_at
    RETURNING *`);
  const remove = db.prepare('DELETE FROM user_settings WHERE user_id = ?');
  const set = db.transaction((userId: string, patch: SettingsPatch, at: number): UserSettings => {
    const current = toSettings(get.get(userId) as SettingsRow | undefined);
    const next = { ...current, ...patch };
    return toSettings(
      upsert.get({
        userId,
        aspectRatio: next.aspectRatio,
        steps: next.steps,
        spoiler: next.spoiler ? 1 : 0,
        remix: next.remix ? 1 : 0,
        at,
      }) as SettingsRow,
    );
  });
  return {
    /** The member's settings, or the defaults (all null, no spoiler) if they never saved any. */
    get(userId: string): UserSettings {
      return toSettings(get.get(userId) as SettingsRow | undefined);
    },
    /** Changes the given fields (null clears one back to the default); a bad value throws a UserError. */
    set(userId: string, patch: SettingsPatch, at = clock()): UserSettings {
      validate(patch);
      return set(userId, patch, at);
    },
    reset(userId: string): boolean {
      return remove.run(userId).changes === 1;
    },
  };
}
