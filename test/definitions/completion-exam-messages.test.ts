/**
 * Every message of the completion exam, rendered for its recipient with a realistic case: each names this
 * procedure's own forms (様式23-1・23-2・24, 25・26・27-1・27-2) and rules, never another procedure's 様式
 * (the skill check's 18–21, the reissue's 22/28).
 */
import { describe, expect, it } from 'vitest';
import { completionExam } from '../../definitions/completion-exam/index.js';
import type { CompletionExamContext } from '../../definitions/completion-exam/context.js';
import type { Party } from '../../definitions/types.js';
import { E, reach, run, start, type Event, type Snapshot } from '../machines/completion-exam-fixtures.js';

interface Scenario {
  name: string;
  from: () => Snapshot;
  event: Event;
}

/** One or more cases per event with messages: the state it is sent in and the event. */
const SCENARIOS: Scenario[] = [
  { name: 'filed', from: start, event: E.questionsFiled() },
  { name: 'date moved before filing', from: start, event: E.examDateChanged('2027-03-06') },
  { name: 'date moved after filing', from: () => reach('questionReview'), event: E.examDateChanged('2027-03-06', '2027-01-05') },
  { name: 'approved', from: () => reach('questionReview'), event: E.reviewApproved() },
  { name: 'guidance', from: () => reach('questionReview'), event: E.reviewGuidance() },
  { name: 'sent', from: () => reach('sendingQuestions'), event: E.questionsSent() },
  { name: 'sent corrected', from: () => reach('correctingQuestions'), event: E.questionsSent('2027-02-10', '問題12を訂正') },
  { name: 'makeup', from: () => reach('resultsRecorded'), event: E.makeup(['T3']) },
  { name: 'numbers requested', from: () => reach('resultsRecorded'), event: E.numbersRequested() },
  { name: 'numbers issued', from: () => reach('awaitingNumbers'), event: E.numbersIssued() },
  { name: 'application', from: () => reach('applying'), event: E.application() },
  { name: 'certified', from: () => reach('certifying'), event: E.certified() },
  { name: 'returned', from: () => reach('certifying'), event: E.returned() },
  { name: 'delivered', from: () => reach('delivering'), event: E.delivered() },
  { name: 'withdrawn', from: start, event: E.withdrawn() },
];

interface Rendered {
  scenario: string;
  event: string;
  to: Party;
  template: string;
  text: string;
}

function render(s: Scenario): Rendered[] {
  const after: CompletionExamContext = run([s.event], s.from()).context;
  const def = completionExam.events[s.event.type]!;
  return (def.notify ?? []).map((n) => ({
    scenario: s.name,
    event: s.event.type,
    to: n.to,
    template: n.template,
    text: (n.todo?.({ context: after, data: s.event.data }) ?? []).join('\n'),
  }));
}

const ALL = SCENARIOS.flatMap(render);
const OWN_FORMS = new Set(['23-1', '23-2', '24', '25', '26', '27-1', '27-2']);
const textOf = (event: string, to: Party, scenario?: string) =>
  ALL.filter((r) => r.event === event && r.to === to && (!scenario || r.scenario === scenario)).map((r) => r.text).join('\n');

describe('completion-exam messages', () => {
  it('every event that notifies is rendered, and every notify entry has a todo text', () => {
    const notifying = Object.values(completionExam.events).filter((e) => e.notify?.length).map((e) => e.type).sort();
    expect([...new Set(SCENARIOS.map((s) => s.event.type))].sort()).toEqual(notifying);
    for (const e of Object.values(completionExam.events)) for (const n of e.notify ?? []) expect(n.todo, `${e.type} -> ${n.to}`).toBeTypeOf('function');
    for (const r of ALL) expect(r.text.length, `${r.scenario} -> ${r.to}`).toBeGreaterThan(10);
  });

  it('names only this procedure’s 様式, never the skill check’s (18–21) or the reissue’s (22, 28)', () => {
    for (const r of ALL) {
      const forms = [...r.text.matchAll(/様式\s*([0-9]+(?:-[0-9]+)?(?:・[0-9]+(?:-[0-9]+)?)*)/g)].flatMap((m) => m[1]!.split('・'));
      for (const f of forms) expect(OWN_FORMS, `${r.scenario} -> ${r.to}: 様式${f} in「${r.text}」`).toContain(f);
      expect(r.text).not.toMatch(/様式\s*(18|19|20|21|22|28)/);
      expect(r.text).not.toContain('技能照査');
    }
  });

  it('speaks of the completion exam or its certificate in every message', () => {
    for (const r of ALL) expect(r.text, `${r.scenario} -> ${r.to}`).toMatch(/修了時試験|修了証書|様式2[3-7]|訓練最終日/);
  });

  it('an approval tells the school to send the questions of 様式24 to the centre 2 weeks before the exam, with the dates', () => {
    const t = textOf('REVIEW_APPROVED', 'school');
    expect(t).toContain('様式24');
    expect(t).toContain('2週間前');
    expect(t).toContain('管轄の職業能力開発センター');
    expect(t).toContain('令和9年2月27日'); // exam (last training day)
    expect(t).toContain('令和9年2月12日'); // 2 weeks before: Sat 13 Feb -> Fri 12 Feb
    expect(t).not.toContain('様式19');
    expect(t).not.toContain('1か月前');
  });

  it('guidance: the school corrects 様式23-2 and sends it 2 weeks before; the centre is told to expect it', () => {
    expect(textOf('REVIEW_GUIDANCE', 'school')).toMatch(/様式23-2.*2週間前/s);
    expect(textOf('REVIEW_GUIDANCE', 'center')).toContain('2週間前');
  });

  it('a filing asks HQ for its review result 7 days before the exam, and the centre (様式24 copy) for its attendance', () => {
    const hq = textOf('QUESTIONS_FILED', 'hq');
    expect(hq).toContain('様式23-1・23-2・24');
    expect(hq).toContain('7日前');
    expect(hq).toContain('令和9年2月19日'); // 7 days before: Sat 20 Feb -> Fri 19 Feb
    const center = textOf('QUESTIONS_FILED', 'center');
    expect(center).toContain('様式24');
    expect(center).toContain('立会い');
  });

  it('a date change before the filing reminds HQ of the 2-month rule; after it, of the 7-day review date', () => {
    expect(textOf('EXAM_DATE_CHANGED', 'hq', 'date moved before filing')).toMatch(/様式23-1・23-2・24.*2か月前/s);
    expect(textOf('EXAM_DATE_CHANGED', 'hq', 'date moved after filing')).toContain('7日前');
    expect(textOf('EXAM_DATE_CHANGED', 'center')).toContain('令和9年3月6日');
  });

  it('numbers issued: the school files 様式25・26・27-1・27-2 2 weeks before delivery', () => {
    const t = textOf('CERT_NUMBERS_ISSUED', 'school');
    expect(t).toContain('様式25・26・27-1・27-2');
    expect(t).toContain('2週間前');
    expect(t).toContain('令和9年3月19日'); // 2 weeks before 5 April: 22 March (振替休日) -> Fri 19 March
    expect(textOf('CERT_APPLICATION_FILED', 'hq')).toContain('様式25・26・27-1・27-2');
    expect(textOf('APPLICATION_RETURNED', 'school')).toContain('様式25・26・27-1・27-2');
    expect(textOf('CERTIFIED', 'school')).toContain('修了証書');
  });

  it('a makeup names its date and the remedial rule for the centre', () => {
    const t = textOf('MAKEUP_SCHEDULED', 'center');
    expect(t).toContain('令和9年3月6日');
    expect(t).toContain('12時間');
  });
});
