/**
 * Every message of the skill check, planned by the engine and rendered for its recipient from a realistic
 * case: it names this procedure's 様式 (18, 19, 20, 21) and rules, never another procedure's.
 */
import { describe, expect, it } from 'vitest';
import { skillCheck } from '../../definitions/skill-check/index.js';
import { plannedNotices } from '../../src/engine/notifications.js';
import { render } from '../../src/notify/templates.js';
import { E, reach, run, start, type Event, type Snapshot } from '../machines/skill-check-fixtures.js';

const OWN = ['18-1', '18-2', '18-3', '19-1', '19-2', '20-1', '20-2', '20-3', '21'];
const formsIn = (text: string) => [...text.matchAll(/様式\s*(\d+(?:-\d+)?)/g)].map((m) => m[1]!);

/** Each event applied where the timeline sends it. */
const steps = (): [Snapshot, Event][] => [
  [start(), E.questionsFiled()],
  [reach('questionReview'), E.reviewApproved()],
  [reach('questionReview'), E.reviewGuidance()],
  [reach('correctingQuestions'), E.correctedQuestionsSent()],
  [reach('preparing'), E.examDateChanged('2027-02-17')],
  [reach('preparing'), E.notice()],
  [reach('examScheduled'), E.results()],
  [reach('resultsRecorded'), E.makeupNotice()],
  [reach('makeupScheduled'), E.makeupResults()],
  [reach('resultsRecorded'), E.numbersRequested()],
  [reach('awaitingNumbers'), E.numbersIssued()],
  [reach('applying'), E.application()],
  [reach('certifying'), E.certified()],
  [reach('certifying'), E.returned()],
  [reach('delivering'), E.delivered()],
  [reach('delivered'), E.revoked()],
  [reach('preparing'), E.withdrawn()],
];

function messages() {
  return steps().flatMap(([before, event]) => {
    const after = run([event], before);
    const notices = plannedNotices(
      skillCheck,
      { id: 'c0ffee00-0000-4000-8000-000000000003', title: skillCheck.caseTitle(after.context), fromState: String(before.value), toState: String(after.value), stateLabel: String(after.value), context: after.context, deadlines: [] },
      event,
    );
    return notices.map((n) => ({
      type: event.type,
      to: n.to,
      todo: (n.payload.todo as string[] | null) ?? [],
      mail: render({ template: n.template, payload: n.payload, recipientParty: n.to, orgName: '受信者', schoolName: '東京都機械職業訓練校', publicUrl: 'https://kunren.example.jp/', now: new Date(event.at), uidDomain: 'example.test' }).text,
    }));
  });
}

describe('skill-check messages', () => {
  it('every event is covered, and every notify entry has its own todo', () => {
    const all = messages();
    expect(new Set(steps().map(([, e]) => e.type))).toEqual(new Set(Object.keys(skillCheck.events)));
    for (const def of Object.values(skillCheck.events)) for (const n of def.notify ?? []) expect(n.todo, `${def.type} -> ${n.to}`).toBeTypeOf('function');
    for (const m of all) expect(m.todo.length, `${m.type} -> ${m.to}`).toBeGreaterThan(0);
  });

  it('names only the skill check’s own 様式, and never another procedure', () => {
    for (const m of messages()) {
      for (const form of formsIn(m.mail)) expect(OWN, `${m.type} -> ${m.to}: 様式${form}`).toContain(form);
      expect(m.mail, m.type).not.toMatch(/修了時試験|休止|再交付/);
      expect(m.mail).toContain('技能照査');
    }
  });

  it('an approval tells the school the 1-month rule for 様式19 with the exam date; numbers lead to 様式20 two weeks before delivery', () => {
    const all = messages();
    const approved = all.find((m) => m.type === 'REVIEW_APPROVED' && m.to === 'school')!;
    expect(approved.todo.join('')).toMatch(/様式19-1・19-2.*令和9年2月10日.*1か月前/);
    const numbers = all.find((m) => m.type === 'CERT_NUMBERS_ISSUED')!;
    expect(numbers.todo.join('')).toMatch(/様式20-1・20-2・20-3・21.*2週間前/);
    const numbersMail = numbers.mail;
    expect(numbersMail).toContain('知事証明番号: 東京R8-0001');
  });
});
