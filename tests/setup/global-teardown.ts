import type { Database } from '../../lib/database';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __hubTestDb?: Database }).__hubTestDb?.stop();
}
