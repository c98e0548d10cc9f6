import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addUser } from '../../src/db/directory.js';
import { outbox, users } from '../../src/db/schema.js';
import { createDigest } from '../../src/notify/digest.js';
import type { MailTransport } from '../../src/notify/transport.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { notifier, smtpMailer } from './harness.js';
import { startSmtp, type Smtp } from './smtp.js';

let w: World;
let smtp: Smtp;
let mailer: MailTransport;
let clerkId: string;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T10:00:00+09:00');
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
  clerkId = (await addUser(w.db, { role: 'school', email: 'clerk@example.test', orgId: w.orgs.school.id }, w.clock.now())).id;
  await w.db.update(users).set({ digest: true }).where(eq(users.id, w.users.school.principal.userId));
});
afterAll(async () => {
  await mailer.close();
  await smtp.stop();
  await w.database.close();
});

describe('daily digest on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('replaces single reminders for a digest reader, once a day from the digest hour, only when something is due', async () => {
    const { dispatcher, digest } = notifier(w, mailer);
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    // 1 September: the question filing (7 October) is more than 14 days away: no digest.
    w.clock.set('2026-09-02T08:30:00+09:00');
    expect(await digest.runOnce()).toBe(0);

    // 23 September, 07:00: before the digest hour.
    w.clock.set('2026-09-23T07:00:00+09:00');
    expect(await digest.runOnce()).toBe(0);
    w.clock.set('2026-09-23T08:00:00+09:00');
    expect(await digest.runOnce()).toBe(1);
    expect(await digest.runOnce()).toBe(0);
    // Another server's digest the same day finds the row already there.
    expect(await createDigest({ db: w.db, clock: w.clock, registry: w.registry, hour: 8 }).runOnce()).toBe(0);
    await dispatcher.runOnce();
    w.clock.set('2026-09-23T09:00:00+09:00');
    await w.scheduler.runOnce();
    await dispatcher.runOnce();

    expect(smtp.received.map((m) => [m.to.join(','), m.subject])).toEqual([
      ['school@example.test', '【今後14日間の期限】1件（令和8年9月23日現在）'],
      ['clerk@example.test', '【期限まであと14日】技能照査試験問題等届出（様式18-1・18-2・18-3） 令和8年10月7日まで — 機械系 機械加工科 技能照査（普通課程）'],
    ]);
    const d = smtp.received[0]!;
    expect(d.messageId).toBe(`<digest-${w.users.school.principal.userId}-2026-09-23@statutory-workflow.local>`);
    expect(d.text).toContain(`令和8年10月7日 (2026-10-07)（あと14日）技能照査試験問題等届出（様式18-1・18-2・18-3） — 機械系 機械加工科 技能照査（普通課程）（東京都機械職業訓練校） https://kunren.example.jp/cases/${c.id}`);
  });

  it('a reminder whose every contact reads the digest is recorded as skipped, not sent; a missed notice still goes out', async () => {
    smtp.clear();
    await w.db.update(users).set({ digest: true }).where(eq(users.id, clerkId));
    w.clock.set('2026-09-30T09:00:00+09:00');
    await w.scheduler.runOnce();
    expect(await notifier(w, mailer).dispatcher.runOnce()).toMatchObject({ sent: 0, skipped: 1 });
    const [skipped] = await w.db.select().from(outbox).where(eq(outbox.template, 'reminder')).orderBy(outbox.nextAttemptAt).offset(1);
    expect(skipped).toMatchObject({ status: 'sent', lastError: 'every contact of the organisation reads the daily digest' });
    w.clock.set('2026-10-08T09:00:00+09:00');
    await w.scheduler.runOnce();
    await notifier(w, mailer).dispatcher.runOnce();
    expect(smtp.received.map((m) => m.subject.slice(0, 6))).toEqual(expect.arrayContaining(['【期限超過】', '【期限超過報']));
    expect(smtp.received.find((m) => m.subject.startsWith('【期限超過】'))!.to).toEqual(['clerk@example.test', 'school@example.test']);
  });
});
