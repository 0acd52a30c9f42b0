/**
 * A consistent copy of the database and the image files while the bot runs (`npm run backup -- DIR`).
 *
 * The database goes first, through SQLite's online backup (better-sqlite3's `backup()`, on its own connection; it
 * starts over by itself when the bot writes meanwhile), so the copy is one consistent snapshot. Then the image files
 * that snapshot refers to are copied. Files are named by their content and never change, so a file already in DIR
 * is skipped (backing up into the same folder again copies only the new images), and one deleted by the retention
 * clean-up between the two steps is reported as missing, not fatal: its job had expired anyway.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { imagesDirFor } from './image-files.ts';

export interface BackupReport {
  database: string;
  databaseBytes: number;
  imagesDir: string;
  imagesCopied: number;
  imagesAlreadyThere: number;
  /** Referenced by the snapshot but deleted before they could be copied (expired meanwhile). */
  imagesMissing: number;
  bytesCopied: number;
}

export async function backup(databasePath: string, dir: string): Promise<BackupReport> {
  const source = imagesDirFor(databasePath);
  if (source === null) throw new Error('An in-memory database cannot be backed up.');
  await mkdir(dir, { recursive: true });
  const target = join(dir, basename(databasePath));
  const src = new BetterSqlite3(databasePath, { fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    await src.backup(target);
  } finally {
    src.close();
  }
  const copy = new BetterSqlite3(target, { readonly: true });
  let hashes: string[];
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`The copy of the database failed its check (${String(check)}); try again.`);
    hashes = copy
      .prepare('SELECT sha256 FROM job_image_files UNION SELECT sha256 FROM job_input_files')
      .pluck()
      .all() as string[];
  } finally {
    copy.close();
  }
  const imagesDir = join(dirname(target), 'images');
  const report: BackupReport = {
    database: target,
    databaseBytes: (await stat(target)).size,
    imagesDir,
    imagesCopied: 0,
    imagesAlreadyThere: 0,
    imagesMissing: 0,
    bytesCopied: 0,
  };
  for (const h of hashes) {
    const rel = join(h.slice(0, 2), `${h}.png`);
    const from = await stat(join(source, rel)).catch(() => undefined);
    if (!from) {
      report.imagesMissing++;
      continue;
    }
    const to = await stat(join(imagesDir, rel)).catch(() => undefined);
    if (to?.size === from.size) {
      report.imagesAlreadyThere++;
      continue;
    }
    await mkdir(join(imagesDir, h.slice(0, 2)), { recursive: true });
    await copyFile(join(source, rel), join(imagesDir, rel));
    report.imagesCopied++;
    report.bytesCopied += from.size;
  }
  return report;
}
