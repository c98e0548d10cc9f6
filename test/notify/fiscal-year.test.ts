import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addUser } from '../../src/db/directory.js';
import { outbox, users } from '../../src/db/schema.js';
import { addDays, tokyoDate } from '../../src/domain/dates.js';
import type { MailTransport } from '../../src/notify/transport.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { notifier, smtpMailer } from './harness.js';
import { startSmtp, type Smtp } from './smtp.js';

let w: World;
let smtp: Smtp;
let mailer: MailTransport;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T08:00:00+09:00');
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
  // A second school contact, and a school user who is not a contact.
  await addUser(w.db, { role: 'school', email: 'clerk@example.test', orgId: w.orgs.school.id }, w.clock.now());
  const quiet = await addUser(w.db, { role: 'school', email: 'quiet@example.test', orgId: w.orgs.school.id }, w.clock.now());
  await w.db.update(users).set({ contact: false }).where(eq(users.id, quiet.id));
});
afterAll(async () => {
  await mailer.close();
  await smtp.stop();
  await w.database.close();
});

/** A skill check across fiscal year 2026: questions filed late, guidance, corrected questions, exam, certification, delivery. */
const script: Record<string, (caseId: string) => Promise<unknown>> = {
  '2026-10-09': (id) => w.engine.applyEvent(w.users.school.principal, id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }),
  '2026-11-12': (id) => w.engine.applyEvent(w.users.hq.principal, id, { type: 'REVIEW_GUIDANCE', data: { guidance: '学科問12の正答を訂正すること' } }),
  '2026-12-10': (id) => w.engine.applyEvent(w.users.school.principal, id, { type: 'CORRECTED_QUESTIONS_SENT', data: { summary: '学科問12を訂正' } }),
  '2027-01-12': (id) => w.engine.applyEvent(w.users.school.principal, id, { type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-02-15') }),
  '2027-02-16': async (id) => {
    await w.engine.applyEvent(w.users.school.principal, id, { type: 'RESULTS_RECORDED', data: pay.results() });
    await w.engine.applyEvent(w.users.school.principal, id, { type: 'CERT_NUMBERS_REQUESTED', data: {} });
  },
  '2027-02-18': (id) => w.engine.applyEvent(w.users.hq.principal, id, { type: 'CERT_NUMBERS_ISSUED', data: { numbers: [{ traineeId: 'T1', tokyoNumber: '8-機-001' }] } }),
  '2027-03-05': (id) =>
    w.engine.applyEvent(w.users.school.principal, id, {
      type: 'CERT_APPLICATION_FILED',
      data: { representative: '甲野 乙男', deliveryDate: '2027-03-25', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] },
    }),
  '2027-03-15': (id) => w.engine.applyEvent(w.users.hq.principal, id, { type: 'CERTIFIED', data: { certifiedOn: '2027-03-15' } }),
  '2027-03-25': (id) => w.engine.applyEvent(w.users.school.principal, id, { type: 'DELIVERED', data: { deliveredOn: '2027-03-25' } }),
};

const EXPECTED = [
  '2026-09-23 clerk@example.test,school@example.test 【期限まであと14日】技能照査試験問題等届出（様式18-1・18-2・18-3） 令和8年10月7日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2026-09-30 clerk@example.test,school@example.test 【期限まであと7日】技能照査試験問題等届出（様式18-1・18-2・18-3） 令和8年10月7日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2026-10-06 clerk@example.test,school@example.test 【期限まであと1日】技能照査試験問題等届出（様式18-1・18-2・18-3） 令和8年10月7日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2026-10-07 clerk@example.test,school@example.test 【本日期限】技能照査試験問題等届出（様式18-1・18-2・18-3） 令和8年10月7日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2026-10-08 clerk@example.test,school@example.test 【期限超過】技能照査試験問題等届出（様式18-1・18-2・18-3） 令和8年10月7日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2026-10-08 hq@example.test 【期限超過報告】東京都機械職業訓練校：技能照査試験問題等届出（様式18-1・18-2・18-3） 令和8年10月7日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2026-10-09 hq@example.test 【受付】技能照査試験問題等届出（様式18-1・18-2・18-3） — 機械系 機械加工科 技能照査（普通課程）（東京都機械職業訓練校）',
  '2026-11-09 hq@example.test 【期限まであと7日】試験問題審査結果の通知 令和8年11月16日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2026-11-12 center@example.test 【通知】試験問題審査結果通知（指導） — 機械系 機械加工科 技能照査（普通課程）',
  '2026-11-12 clerk@example.test,school@example.test 【通知】試験問題審査結果通知（指導） — 機械系 機械加工科 技能照査（普通課程）',
  '2026-12-10 center@example.test 【受付】訂正後の試験問題の提出 — 機械系 機械加工科 技能照査（普通課程）（東京都機械職業訓練校）',
  '2027-01-01 clerk@example.test,school@example.test 【期限まであと14日】技能照査実施届出（様式19-1・19-2） 令和9年1月15日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2027-01-08 clerk@example.test,school@example.test 【期限まであと7日】技能照査実施届出（様式19-1・19-2） 令和9年1月15日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2027-01-12 center@example.test 【受付】技能照査実施届出（様式19-1・19-2） — 機械系 機械加工科 技能照査（普通課程）（東京都機械職業訓練校）',
  '2027-02-16 hq@example.test 【受付】合格証明番号問い合わせ — 機械系 機械加工科 技能照査（普通課程）（東京都機械職業訓練校）',
  '2027-02-18 clerk@example.test,school@example.test 【通知】知事証明番号の通知 — 機械系 機械加工科 技能照査（普通課程）',
  '2027-02-25 clerk@example.test,school@example.test 【期限まであと14日】技能照査合格証明申請（様式20-1・20-2・20-3・21） 令和9年3月11日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2027-03-04 clerk@example.test,school@example.test 【期限まであと7日】技能照査合格証明申請（様式20-1・20-2・20-3・21） 令和9年3月11日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2027-03-05 hq@example.test 【受付】技能照査合格証明申請（様式20-1・20-2・20-3・21） — 機械系 機械加工科 技能照査（普通課程）（東京都機械職業訓練校）',
  '2027-03-15 clerk@example.test,school@example.test 【通知】知事証明 — 機械系 機械加工科 技能照査（普通課程）',
  '2027-03-24 clerk@example.test,school@example.test 【期限まであと1日】合格証書の交付 令和9年3月25日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2027-03-25 clerk@example.test,school@example.test 【本日期限】合格証書の交付 令和9年3月25日まで — 機械系 機械加工科 技能照査（普通課程）',
  '2027-03-25 hq@example.test 【受付】合格証書の交付 — 機械系 機械加工科 技能照査（普通課程）（東京都機械職業訓練校）',
];

describe('a skill check across a fiscal year on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('every party receives exactly the messages it should, once each', async () => {
    const { dispatcher } = notifier(w, mailer);
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    // Each day: timers at 09:00 and what they wrote is dispatched; officers and the school act at 10:00.
    for (let day = '2026-09-01'; day <= '2027-03-31'; day = addDays(day, 1)) {
      w.clock.set(`${day}T09:00:00+09:00`);
      await w.scheduler.runOnce();
      await dispatcher.runOnce();
      if (script[day]) {
        w.clock.set(`${day}T10:00:00+09:00`);
        await script[day]!(c.id);
        await dispatcher.runOnce();
      }
    }
    const lines = smtp.received
      .map((m) => `${tokyoDate(m.date)} ${m.to.join(',')} ${m.subject}`)
      .sort();
    expect(lines).toEqual(EXPECTED);
    // Nobody else hears about the case: not the neighbour schools, not the other centre, not a non-contact.
    const everyone = new Set(smtp.received.flatMap((m) => m.to));
    expect([...everyone].sort()).toEqual(['center@example.test', 'clerk@example.test', 'hq@example.test', 'school@example.test']);
    // Reminders and due notices carry the date as an all-day calendar entry.
    const withIcs = smtp.received.filter((m) => m.attachments.some((a) => a.contentType.startsWith('text/calendar')));
    expect(withIcs.map((m) => m.subject).every((s) => /【期限まであと|【本日期限】/.test(s))).toBe(true);
    expect(withIcs).toHaveLength(11);
    const first = smtp.received.find((m) => m.subject.startsWith('【期限まであと14日】技能照査実施届出'))!;
    expect(first.attachments[0]!.content).toContain('DTSTART;VALUE=DATE:20270115');
    expect(first.text).toContain('提出期限（閉庁日を考慮）：令和9年1月15日 (2027-01-15)');
    expect(first.text).toMatch(/本来の期限日　*：令和9年1月15日 \(2027-01-15\)/);
    const rows = await w.db.select().from(outbox).where(eq(outbox.caseId, c.id));
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
    expect(smtp.received).toHaveLength(rows.length);
  });
});
