/**
 * A competitor in the quota race (tests/db/quota.test.ts), run as a child process or a worker thread: opens its
 * own connection to the shared file, waits for the start signal, then reserves as fast as it can.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData, isMainThread } from 'node:worker_threads';
import { openDatabase } from '../../src/db/database.ts';
import { createStores } from '../../src/db/stores.ts';
import { testOptions } from './helpers.ts';

interface Orders {
  dir: string;
  name: string;
  /** [userId, images] per call, made in this order. */
  calls: [string, number][];
  now: number;
}

const orders: Orders = isMainThread ? JSON.parse(process.argv[2] ?? '{}') : workerData;
const db = openDatabase(join(orders.dir, 'race.db'), { clock: () => orders.now });
const { quota } = createStores(db, testOptions);
writeFileSync(join(orders.dir, `ready-${orders.name}`), '');
const nap = new Int32Array(new SharedArrayBuffer(4));
// Never wait forever: if the test died, give up after 30 s.
const giveUpAt = Date.now() + 30_000;
while (!existsSync(join(orders.dir, 'go'))) {
  if (Date.now() > giveUpAt) throw new Error('quota-racer: no start signal within 30 s');
  Atomics.wait(nap, 0, 0, 1);
}
const results = orders.calls.map(([userId, images]) => {
  const r = quota.reserve({ userId, guildId: 'g-race', roleIds: [], images });
  return r.ok ? { userId, ok: true } : { userId, ok: false, limit: r.limit };
});
db.close();
writeFileSync(join(orders.dir, `result-${orders.name}.json`), JSON.stringify(results));
