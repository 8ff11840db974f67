import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { outboxMailer } from '../../../api/mail/outbox.ts';

describe('the dev outbox mailer', () => {
  const root = mkdtempSync(join(tmpdir(), 'wc-outbox-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes one private JSON file per message, named in sending order even when the clock stands still', async () => {
    const dir = join(root, 'outbox');
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const lines: string[] = [];
    const mailer = outboxMailer(dir, clock, (line) => lines.push(line));
    for (let i = 1; i <= 12; i++)
      await mailer.send({ to: 'a@acme.example', subject: `n${i}`, text: `message ${i}` });

    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(12);
    const subjects = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).subject);
    expect(subjects).toEqual(Array.from({ length: 12 }, (_, i) => `n${i + 1}`));
    const first = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8'));
    expect(first).toEqual({
      to: 'a@acme.example',
      subject: 'n1',
      text: 'message 1',
      sentAt: '2026-03-02T10:00:00.000Z',
    });
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(lines[0]).toContain(join(dir, files[0]!));
  });
});
