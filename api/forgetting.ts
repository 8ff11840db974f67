// The scheduled forgetting job (P3, P4): steps every key chain past its dead keys, then clears
// the columns those keys guarded so even the ciphertexts go. Runs at start-up, hourly, and by
// `npm run keys -- forget`. Safe to run any number of times.
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import { PENDING_KEPT_AFTER_EXPIRY_MS } from './identity/signup-codes.ts';
import type { AdvanceReport, KeyStore } from './keys/keystore.ts';
import { addDays, periodEnd, periodIndex, periodLabel, periodStart } from './keys/periods.ts';

export interface ForgetReport {
  advanced: AdvanceReport[];
  postLinksCleared: number;
  salaryLinksCleared: number;
  networkKeysCleared: number;
  accountTagsCleared: number;
  botEventsDeleted: number;
  sessionsDeleted: number;
  codesDeleted: number;
}

export async function forgetExpired(deps: {
  db: Db;
  keys: KeyStore;
  clock: Clock;
  config: Config;
}): Promise<ForgetReport> {
  const { db, keys, clock, config } = deps;
  const advanced = keys.advance();
  const now = clock.now();

  // Author-chain day d dies at start(d) + AUTHOR_LINK_DAYS: every day up to (now − window) is dead.
  const lastDeadAuthorDay = periodLabel('day', periodIndex('day', addDays(now, -config.authorLinkDays)));
  const posts = await db.query(
    'UPDATE posts SET author_tag = NULL, author_box = NULL WHERE author_box IS NOT NULL AND author_day <= $1::date',
    [lastDeadAuthorDay],
  );

  // Salary-chain year Y dies 90 days after the year ends.
  let lastDeadSalaryYear = now.getUTCFullYear();
  while (addDays(periodEnd('year', lastDeadSalaryYear), 90) > now) lastDeadSalaryYear--;
  const salaries = await db.query(
    'UPDATE salaries SET reporter_box = NULL WHERE reporter_box IS NOT NULL AND submitted_year <= $1',
    [lastDeadSalaryYear],
  );

  // Network-chain day d dies at start(d) + 7 days; account-chain month keys die when the month ends.
  const networkCutoff = periodEnd('day', periodIndex('day', addDays(now, -7)));
  const network = await db.query(
    'UPDATE bot_events SET network_key = NULL WHERE network_key IS NOT NULL AND occurred_at < $1',
    [networkCutoff],
  );
  const monthStart = periodStart('month', periodIndex('month', now));
  const accounts = await db.query(
    'UPDATE bot_events SET account_tag = NULL WHERE account_tag IS NOT NULL AND occurred_at < $1',
    [monthStart],
  );
  const events = await db.query('DELETE FROM bot_events WHERE occurred_at < $1', [
    addDays(now, -config.botEventsDays),
  ]);
  const sessions = await db.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  // Expired sign-up and password-reset codes stay a day so "expired, register again" keeps its answer.
  const codeCutoff = new Date(now.getTime() - PENDING_KEPT_AFTER_EXPIRY_MS);
  const codes = await db.query('DELETE FROM email_codes WHERE expires_at <= $1', [codeCutoff]);
  const resetCodes = await db.query('DELETE FROM password_resets WHERE expires_at <= $1', [codeCutoff]);

  return {
    advanced,
    postLinksCleared: posts.rowCount,
    salaryLinksCleared: salaries.rowCount,
    networkKeysCleared: network.rowCount,
    accountTagsCleared: accounts.rowCount,
    botEventsDeleted: events.rowCount,
    sessionsDeleted: sessions.rowCount,
    codesDeleted: codes.rowCount + resetCodes.rowCount,
  };
}
