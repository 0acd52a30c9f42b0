/** Shared fixtures for the database tests: temp folders, a test clock, stores over a fresh database. */
import { join } from 'node:path';
import { after } from 'node:test';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createStores, type StoreOptions } from '../../src/db/stores.ts';
import type { JobRequest, RequestChanges } from '../../src/request/request.ts';
import { tempDir, testClock } from '../support/temp.ts';

export { tempDir, testClock };

export const testOptions: StoreOptions = {
  ceilings: { maxSteps: 50, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 4 },
  maxWaiting: 200,
};

export function setup(opts: { file?: boolean; storeOptions?: Partial<StoreOptions> } = {}) {
  const clock = testClock();
  const path = opts.file ? join(tempDir(), 'atelier.db') : ':memory:';
  const database: Database = openDatabase(path, { clock });
  after(() => database.close());
  const stores = createStores(database, { ...testOptions, ...opts.storeOptions });
  return { clock, path, ...stores };
}

export function params(over: RequestChanges = {}): JobRequest {
  return {
    kind: 'imagine',
    prompt: 'a red fox in the snow',
    width: 512,
    height: 512,
    steps: 20,
    guidanceScale: 7.5,
    seed: 42,
    count: 4,
    ...over,
  } as JobRequest;
}
