/**
 * `npm run backup -- DIR`: a consistent copy of the database (DATABASE_PATH) and its image files into DIR, safe
 * while the bot runs. DIR then holds atelier.db and images/, laid out as the data directory is: to restore, stop the
 * bot and copy both back (see the README's Deploy section).
 */
import { ConfigError, loadConfig } from '../config.ts';
import { backup } from '../db/backup.ts';

const [dir, ...extra] = process.argv.slice(2);
if (!dir || extra.length || dir.startsWith('-')) {
  console.error('Usage: npm run backup -- DIR   (copies the database and its images into DIR, while the bot runs)');
  process.exit(2);
}
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
try {
  const r = await backup(config.databasePath, dir);
  console.log(
    `Backed up ${config.databasePath} to ${r.database} (${(r.databaseBytes / 1e6).toFixed(1)} MB) and ` +
      `${r.imagesCopied} new image file(s) (${(r.bytesCopied / 1e6).toFixed(1)} MB) to ${r.imagesDir}` +
      `${r.imagesAlreadyThere ? `; ${r.imagesAlreadyThere} were already there` : ''}` +
      `${r.imagesMissing ? `; ${r.imagesMissing} expired while copying and were skipped` : ''}.`,
  );
} catch (err) {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOENT' || code === 'EACCES') {
    console.error(
      `Cannot back up ${config.databasePath} to ${dir}: ${(err as Error).message}. Check DATABASE_PATH and that DIR is writable.`,
    );
    process.exit(1);
  }
  throw err;
}
