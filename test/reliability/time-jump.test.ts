/**
 * Time that jumps: no scheduler runs for 30 days of (injected) time, then one runs again. What reaches the SMTP
 * server: no stale reminder ("あと-29日"), every due and missed notice once and in order, and one catch-up
 * message per party and case listing the reminders it could not send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { timers } from '../../src/db/schema.js';
import { addDays } from '../../src/domain/dates.js';
import { updateSettings } from '../../src/engine/settings-update.js';
import type { MailTransport } from '../../src/notify/transport.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { notifier, smtpMailer } from '../notify/harness.js';
import { startSmtp, type Smtp, type Received } from '../notify/smtp.js';

let w: World;
let smtp: Smtp;
let mailer: MailTransport;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T10:00:00+09:00');
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterAll(async () => {
  await mailer.close();
  await smtp.stop();
  await w.database.close();
});

const header = (m: Received, name: string) => String(m.headers.get(name) ?? '');
const summary = (m: Received) => `${header(m, 'x-workflow-template')}→${m.to.join(',')}`;

describe('a 30-day scheduler outage on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('sends no stale reminder, every due/missed notice once in order, and one catch-up per party and case', async () => {
    // HQ's review date early in October, so HQ has a deadline inside the outage too.
    await updateSettings(w.db, w.registry, 2026, { skillCheckReviewResult: '2026-10-09' }, null, w.clock.now());
    const { dispatcher } = notifier(w, mailer);
    // A and B: two schools owing their questions by 2026-10-07 (reminders 9/23, 9/30, 10/6; due 10/7; missed 10/8).
    const a = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const b = await w.engine.createCase(w.users.neighbour.principal, 'skill-check', pay.skillCheckInput());
    // H: filed early, so it waits on HQ's review by 2026-10-09 (reminders 10/2, 10/8; due 10/9; missed 10/10).
    const h = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    w.clock.set('2026-09-10T10:00:00+09:00');
    await w.engine.applyEvent(w.users.school.principal, h.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });

    // The scheduler and dispatcher run every morning until 15 September...
    for (let day = '2026-09-01'; day <= '2026-09-15'; day = addDays(day, 1)) {
      w.clock.set(`${day}T09:00:00+09:00`);
      await w.scheduler.runOnce();
      await dispatcher.runOnce();
    }
    await smtp.settle();
    expect(smtp.received.map(summary)).toEqual(['received→hq@example.test']);
    smtp.clear();

    // ...then nothing runs for 30 days; on 15 October they start again.
    w.clock.set('2026-10-15T09:00:00+09:00');
    await w.scheduler.runOnce();
    while ((await dispatcher.runOnce()).sent > 0);
    // And keep running every morning for a week: nothing of these deadlines comes twice.
    for (let day = '2026-10-16'; day <= '2026-10-22'; day = addDays(day, 1)) {
      w.clock.set(`${day}T09:00:00+09:00`);
      await w.scheduler.runOnce();
      await dispatcher.runOnce();
    }
    await smtp.settle();
    const got = smtp.received;

    // No reminder at all: each one's day passed during the outage; no "あと-N日" anywhere.
    expect(got.filter((m) => header(m, 'x-workflow-template') === 'reminder')).toEqual([]);
    expect(got.filter((m) => /あと-|期限まであと/.test(m.subject + m.text))).toEqual([]);

    // Per case, in the order it happened: the catch-up, the due notice, then the missed notice and escalation.
    const ofCase = (id: string) => got.filter((m) => header(m, 'x-workflow-case') === id).map(summary);
    expect(ofCase(a.id)).toEqual(['catch-up→school@example.test', 'due→school@example.test', expect.stringMatching(/^(missed→school|escalation→hq)@example\.test$/), expect.stringMatching(/^(missed→school|escalation→hq)@example\.test$/)]);
    expect(ofCase(a.id).slice(2).sort()).toEqual(['escalation→hq@example.test', 'missed→school@example.test']);
    expect(ofCase(b.id).slice(0, 2)).toEqual(['catch-up→neighbour@example.test', 'due→neighbour@example.test']);
    expect(ofCase(b.id).slice(2).sort()).toEqual(['escalation→hq@example.test', 'missed→neighbour@example.test']);
    // HQ supervises its own review date: the escalation alone, no separate missed notice.
    expect(ofCase(h.id)).toEqual(['catch-up→hq@example.test', 'due→hq@example.test', 'escalation→hq@example.test']);
    expect(got).toHaveLength(11);

    // Exactly one catch-up per party and case, and each Message-ID once.
    const catchUps = got.filter((m) => header(m, 'x-workflow-template') === 'catch-up');
    expect(catchUps.map((m) => `${header(m, 'x-workflow-case')} ${m.to}`).sort()).toEqual(
      [`${a.id} school@example.test`, `${b.id} neighbour@example.test`, `${h.id} hq@example.test`].sort(),
    );
    expect(new Set(got.map((m) => m.messageId)).size).toBe(got.length);

    // The school's catch-up lists the deadline with both dates in 和暦 and ISO and the reminder days it missed.
    const schoolCatchUp = catchUps.find((m) => header(m, 'x-workflow-case') === a.id)!;
    expect(schoolCatchUp.subject).toBe('【送信できなかったリマインダーのまとめ】1件 — 機械系 機械加工科 技能照査（普通課程）');
    expect(schoolCatchUp.text).toContain('■ 技能照査試験問題等届出（様式18-1・18-2・18-3）');
    expect(schoolCatchUp.text).toContain('本来の期限日：令和8年10月7日 (2026-10-07)');
    expect(schoolCatchUp.text).toContain('提出期限（閉庁日を考慮）：令和8年10月7日 (2026-10-07)');
    expect(schoolCatchUp.text).toContain('状況：期限を8日過ぎています');
    expect(schoolCatchUp.text).toContain('お送りできなかったリマインダー：令和8年9月23日、令和8年9月30日、令和8年10月6日');
    expect(schoolCatchUp.html).toContain('令和8年10月7日');
    const hqCatchUp = catchUps.find((m) => header(m, 'x-workflow-case') === h.id)!;
    expect(hqCatchUp.text).toContain('■ 試験問題審査結果の通知');
    expect(hqCatchUp.text).toContain('お送りできなかったリマインダー：令和8年10月2日、令和8年10月8日');
    // A due notice sent late says so instead of "本日".
    const due = got.find((m) => header(m, 'x-workflow-case') === a.id && header(m, 'x-workflow-template') === 'due')!;
    expect(due.subject).toMatch(/^【期限日のお知らせ（遅延）】/);
    expect(due.text).toContain('提出期限は 令和8年10月7日 (2026-10-07) でした');

    // In the database: the reminders are 'skipped', the due and missed timers fired once.
    const rows = await w.db.select().from(timers).where(inArray(timers.caseId, [a.id, b.id, h.id]));
    const by = (caseId: string, deadline: string) =>
      rows.filter((t) => t.caseId === caseId && t.deadline === deadline).map((t) => `${t.kind}:${t.status}`).sort();
    expect(by(a.id, 'questionFiling')).toEqual(['due:fired', 'overdue:fired', 'reminder:skipped', 'reminder:skipped', 'reminder:skipped']);
    expect(by(h.id, 'reviewResult')).toEqual(['due:fired', 'overdue:fired', 'reminder:skipped', 'reminder:skipped']);
    const history = await w.engine.history(w.users.school.principal, a.id);
    expect(history.filter((e) => e.type === 'DEADLINE').map((e) => (e.payload as { kind: string }).kind)).toEqual(['due', 'overdue']);
    expect(rows.filter((t) => t.status === 'pending' && t.fireAt <= w.clock.now())).toEqual([]);
  });
});
