import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/notify/backoff.js';
import { orgCanSee } from '../../src/notify/recipients.js';
import { render, type RenderInput } from '../../src/notify/templates.js';
import { skillCheck } from '../../definitions/skill-check/index.js';
import { plannedNotices } from '../../src/engine/notifications.js';
import { ev, start } from '../machines/skill-check-fixtures.js';

/** The payload the engine writes for a skill-check event (texts from the definition). */
function eventPayload(type: string, data: object, to: string) {
  const notices = plannedNotices(
    skillCheck,
    { id: base.caseId, title: base.caseTitle, fromState: 'certifying', toState: 'applying', stateLabel: base.stateLabel, context: start().context, deadlines: [] },
    ev(type, data, '2027-02-12'),
  );
  const n = notices.find((x) => x.to === to);
  if (!n) throw new Error(`${type} sends nothing to ${to}`);
  return n.payload;
}

const base = {
  procedure: 'skill-check',
  procedureTitle: '技能照査',
  caseId: 'c0ffee00-0000-4000-8000-000000000001',
  caseTitle: '機械系 機械加工科 技能照査（普通課程）',
  state: 'applying',
  stateLabel: '合格証明申請前',
  at: '2027-02-12T00:00:00.000Z',
  facts: [['訓練科（系・科）', '機械系 機械加工科（普通課程）']],
};
const input = (template: string, payload: object, over: Partial<RenderInput> = {}): RenderInput => ({
  template,
  payload: { ...base, ...payload },
  recipientParty: 'school',
  orgName: '東京都機械職業訓練校',
  schoolName: '東京都機械職業訓練校',
  publicUrl: 'https://kunren.example.jp/',
  now: new Date('2027-02-12T00:00:00Z'),
  uidDomain: 'statutory-workflow.local',
  ...over,
});
const deadline = {
  name: 'certificationApplication',
  label: '技能照査合格証明申請',
  form: '様式20-1・20-2・20-3・21',
  enforcement: 'hard',
  party: 'school',
  anchorLabel: '合格証書交付予定日',
  nominal: '2027-02-28',
  effective: '2027-02-26',
};

describe('message templates', () => {
  it('a reminder names the form, both dates in 和暦 and ISO, why they differ, what to do, and links the case', () => {
    const m = render(input('reminder', { deadline, kind: 'reminder' }));
    expect(m.subject).toBe('【期限まであと14日】技能照査合格証明申請（様式20-1・20-2・20-3・21） 令和9年2月26日まで — 機械系 機械加工科 技能照査（普通課程）');
    expect(m.text).toContain('令和9年2月28日 (2027-02-28)');
    expect(m.text).toContain('本来の期限日 令和9年2月28日 (2027-02-28) は閉庁日のため、前の開庁日 令和9年2月26日 (2027-02-26) が実際の提出期限です。');
    expect(m.text).toContain('法定の期限です。');
    expect(m.text).toContain('https://kunren.example.jp/cases/c0ffee00-0000-4000-8000-000000000001');
    expect(m.html).toContain('<a href="https://kunren.example.jp/cases/c0ffee00-0000-4000-8000-000000000001">');
    // iCalendar folds long lines; unfold before reading.
    const ics = m.ics!.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270226');
    expect(ics).toContain('UID:c0ffee00-0000-4000-8000-000000000001-certificationApplication-2027-02-26@statutory-workflow.local');
    expect(ics).toContain('DTSTAMP:20270212T000000Z');
  });

  it('a missed hard deadline says it will not be accepted; the escalation names the school to the supervising office', () => {
    const missed = render(input('missed', { deadline, kind: 'overdue' }));
    expect(missed.subject.startsWith('【期限超過】')).toBe(true);
    expect(missed.text).toContain('このままでは受理されません');
    expect(missed.ics).toBeNull();
    const esc = render(input('escalation', { deadline, kind: 'overdue' }, { recipientParty: 'hq', orgName: '産業労働局 雇用就業部 能力開発課' }));
    expect(esc.subject).toContain('【期限超過報告】東京都機械職業訓練校：技能照査合格証明申請');
    expect(esc.text).toContain('産業労働局 雇用就業部 能力開発課 ご担当者様');
    expect(esc.text).toContain('状況を確認し、必要な指導をお願いします。');
  });

  it('an HQ-side reminder asks HQ to act', () => {
    const hqDeadline = { ...deadline, name: 'reviewResult', label: '試験問題審査結果の通知', form: null, enforcement: 'soft', party: 'hq', nominal: '2026-11-16', effective: '2026-11-16' };
    const m = render(input('reminder', { deadline: hqDeadline, at: '2026-11-09T00:00:00Z' }, { recipientParty: 'hq', orgName: '能力開発課' }));
    expect(m.subject).toBe('【期限まであと7日】試験問題審査結果の通知 令和8年11月16日まで — 機械系 機械加工科 技能照査（普通課程）');
    expect(m.text).toContain('試験問題審査結果の通知を 令和8年11月16日 (2026-11-16) までに行ってください。');
  });

  it.each([
    ['REVIEW_APPROVED', '試験問題審査結果通知（適）', { note: '特になし' }, '適当と認められました'],
    ['REVIEW_GUIDANCE', '試験問題審査結果通知（指導）', { guidance: '問12を訂正' }, '問12を訂正'],
    ['CERT_NUMBERS_ISSUED', '知事証明番号の通知', { numbers: [{ traineeId: 'T1', tokyoNumber: '8-機-001' }] }, '訓練生番号: T1、知事証明番号: 8-機-001'],
    ['CERTIFIED', '知事証明', { certifiedOn: '2027-03-15' }, '令和9年3月15日 (2027-03-15)'],
    ['APPLICATION_RETURNED', '合格証明申請の差戻し', { reason: '様式21の記載漏れ' }, '様式21の記載漏れ'],
  ])('a %s decision tells the school what it means', (eventType, eventLabel, data, expected) => {
    const upcoming = [{ label: '技能照査合格証明申請', form: '様式20-1', party: 'school', nominal: '2027-02-28', effective: '2027-02-26' }];
    const m = render(input('decision', { ...eventPayload(eventType, data, 'school'), upcoming }));
    expect(m.subject).toBe(`【通知】${eventLabel} — 機械系 機械加工科 技能照査（普通課程）`);
    expect(m.text).toContain(expected);
    expect(m.text).toContain('技能照査合格証明申請（様式20-1）（訓練実施校）：期限 令和9年2月26日 (2027-02-26)（本来の期限日 令和9年2月28日 (2027-02-28)）');
  });

  it('a copy of a decision to the centre says it is a copy; HTML escapes what users typed', () => {
    const m = render(input('decision', eventPayload('REVIEW_GUIDANCE', { guidance: '<script>x</script>' }, 'center'), { recipientParty: 'center', orgName: '城南職業能力開発センター' }));
    expect(m.text).toContain('写しです');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
  });

  it('refuses an unknown template', () => {
    expect(() => render(input('telegram', {}))).toThrow(/unknown template/);
  });
});

describe('backoff and visibility', () => {
  it('doubles up to the cap, with jitter in the upper half', () => {
    const p = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, () => 0))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(3, p, () => 0.999999)).toBe(4000);
  });

  it('an organisation sees a case as its school, its centre or HQ', () => {
    const c = { schoolOrgId: 's1', centerOrgId: 'c1' };
    expect(orgCanSee({ id: 's1', kind: 'school' }, c)).toBe(true);
    expect(orgCanSee({ id: 's2', kind: 'school' }, c)).toBe(false);
    expect(orgCanSee({ id: 'c1', kind: 'center' }, c)).toBe(true);
    expect(orgCanSee({ id: 'c2', kind: 'center' }, c)).toBe(false);
    expect(orgCanSee({ id: 'h', kind: 'hq' }, c)).toBe(true);
  });
});
