import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AllowList } from '../../../api/protection/allow-list.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe('allow-list', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await openTestServices();
  });
  afterAll(async () => {
    await services.close();
  });

  it('adds, re-notes, lists and removes entries, and mirrors them in memory', async () => {
    const list = new AllowList();
    const fp = 'a'.repeat(32);
    const tag = 'b'.repeat(64);
    expect(list.has(fp, tag)).toBe(false);
    await list.add(services.db, services.clock, 'fingerprint', fp, 'university crawler');
    await list.add(services.db, services.clock, 'fingerprint', fp, 'university crawler, agreed by mail');
    await list.add(services.db, services.clock, 'account', tag, '');
    expect(list.has(fp, null)).toBe(true);
    expect(list.has('c'.repeat(32), tag)).toBe(true);
    expect(list.has('c'.repeat(32), null)).toBe(false);
    const entries = await list.list(services.db);
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => e.kind === 'fingerprint')?.note).toBe('university crawler, agreed by mail');

    const elsewhere = new AllowList(); // another instance reloads from the table
    await elsewhere.reload(services.db);
    expect(elsewhere.has(fp, null)).toBe(true);

    expect(await list.remove(services.db, 'fingerprint', fp)).toBe(true);
    expect(await list.remove(services.db, 'fingerprint', fp)).toBe(false);
    expect(list.has(fp, null)).toBe(false);
  });
});
