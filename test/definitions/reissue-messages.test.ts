/**
 * Every message of the reissue, rendered for its recipient from a realistic case: it names this procedure's
 * forms (様式22 and its papers for a skill-check certificate, 様式28 and its papers for a completion certificate)
 * and never another procedure's 様式.
 */
import { describe, expect, it } from 'vitest';
import { applicationFiled } from '../../definitions/reissue/forms.js';
import { reissue } from '../../definitions/reissue/index.js';
import { reissueRules } from '../../definitions/reissue/rules.js';
import { firstViolation } from '../../definitions/common/rules.js';
import { plannedNotices } from '../../src/engine/notifications.js';
import { render as renderMail } from '../../src/notify/templates.js';
import { ALL_BUT_RESIDENCE, E, INPUT, linkedSkillCheck, request, run, start, type Event, type Snapshot } from '../machines/reissue-fixtures.js';

/** The 様式 each certificate's reissue files or attaches (manual III (16), IV (13)). */
const OWN = {
  'skill-check': ['22', '21', '20-2', '20-3'],
  completion: ['28', '27-2', '26', '27-1'],
} as const;
const formsIn = (text: string) => [...text.matchAll(/様式\s*(\d+(?:-\d+)?)/g)].map((m) => m[1]!);

interface Rendered {
  type: string;
  to: string;
  template: string;
  text: string;
  /** The whole e-mail the engine plans and the dispatcher renders (facts, the submitted form, the todo). */
  mail: string;
}

/** Each event applied on its case, and every notify entry of it rendered from the case after the event. */
function render(first: Snapshot, withResidence: boolean): Rendered[] {
  const attachments = withResidence ? [...ALL_BUT_RESIDENCE, 'residenceCertificate'] : ALL_BUT_RESIDENCE;
  const numbered = run([E.numbers()], first);
  const filed = run([E.application(attachments)], numbered);
  const steps: [Snapshot, Event][] = [
    [first, E.numbers()],
    [numbered, E.application(attachments)],
    [filed, E.returned()],
    [filed, E.recertified()],
    [run([E.recertified()], filed), E.delivered()],
    [numbered, E.withdrawn('2027-06-15')],
  ];
  const out: Rendered[] = [];
  for (const [before, event] of steps) {
    const after = run([event], before);
    const def = reissue.events[event.type]!;
    const planned = plannedNotices(
      reissue,
      { id: 'c0ffee00-0000-4000-8000-000000000002', title: reissue.caseTitle(after.context), fromState: String(before.value), toState: String(after.value), stateLabel: String(after.value), context: after.context, deadlines: [] },
      event,
    );
    expect(planned.map((p) => [p.to, p.template])).toEqual((def.notify ?? []).map((n) => [n.to, n.template]));
    (def.notify ?? []).forEach((n, i) => {
      expect(n.todo, `${event.type} -> ${n.to} has a todo`).toBeTypeOf('function');
      const mail = renderMail({
        template: n.template,
        payload: planned[i]!.payload,
        recipientParty: n.to,
        orgName: n.to === 'school' ? '東京都機械職業訓練校' : '本庁',
        schoolName: '東京都機械職業訓練校',
        publicUrl: 'https://kunren.example.jp/',
        now: new Date(event.at),
        uidDomain: 'statutory-workflow.local',
      }).text;
      out.push({ type: event.type, to: n.to, template: n.template, text: n.todo!({ context: after.context, data: event.data }).join('\n'), mail });
    });
  }
  return out;
}

const skillCheckCase = () => start(INPUT());
const completionRenamed = () => start(INPUT({ certificateType: 'completion', request: request('nameChanged') }));

describe('reissue messages', () => {
  it('every event of the definition has messages, each with a todo, and the renderer covers them all', () => {
    const rendered = render(skillCheckCase(), false);
    expect(new Set(rendered.map((r) => r.type))).toEqual(new Set(Object.keys(reissue.events)));
    for (const def of Object.values(reissue.events)) {
      expect(def.notify?.length, def.type).toBeGreaterThan(0);
      for (const n of def.notify!) expect(n.todo, `${def.type} -> ${n.to}`).toBeDefined();
    }
  });

  for (const [name, first, withResidence, type] of [
    ['skill-check certificate (様式22)', skillCheckCase, false, 'skill-check'],
    ['completion certificate after a name change (様式28)', completionRenamed, true, 'completion'],
  ] as const) {
    it(`${name}: every message names only this certificate's forms`, () => {
      for (const r of render(first(), withResidence)) {
        expect(r.text.length, `${r.type} -> ${r.to}`).toBeGreaterThan(0);
        for (const f of formsIn(r.text)) expect(OWN[type], `${r.type} -> ${r.to}: 様式${f} in «${r.text}»`).toContain(f);
        // Never another procedure's forms (skill check 18-20-1, completion exam 23-25, 27-1 only as a roster).
        expect(r.text).not.toMatch(/様式\s*(18|19|20-1|23|24|25)(?!\d)/);
        // The whole e-mail shows the todo and, around it, only the reissue's own forms (the event's form names both 22 and 28).
        for (const line of r.text.split('\n')) expect(r.mail).toContain(line);
        for (const f of formsIn(r.mail)) expect([...OWN['skill-check'], ...OWN.completion], `${r.type} -> ${r.to}: 様式${f} in the mail`).toContain(f);
        expect(r.mail).not.toMatch(/様式\s*(18|19|20-1|23|24|25)(?!\d)/);
      }
    });
  }

  it('skill-check certificate: HQ numbers tell the school to file 様式22 with the papers 20-2, 20-3 and the new 様式21', () => {
    const [numbers] = render(skillCheckCase(), false).filter((r) => r.type === 'NUMBERS_ASSIGNED');
    expect(numbers).toMatchObject({ to: 'school', template: 'decision' });
    expect(numbers!.text).toContain('技能照査合格証書再証明申請書（様式22）');
    expect(numbers!.text).toMatch(/本人からの再証明願.*様式20-2.*様式20-3.*様式21/);
    expect(numbers!.text).toContain('再1号');
    expect(numbers!.text).toContain('再東京R9-0001');
    expect(numbers!.text).toContain('東京R8-0001');
    expect(numbers!.text).toContain('「再」');
    expect(numbers!.text).not.toContain('住民票');
  });

  it('completion certificate after a name change: 様式28 with 26, 27-1, the new 27-2 and a residence certificate', () => {
    const rendered = render(completionRenamed(), true);
    const numbers = rendered.find((r) => r.type === 'NUMBERS_ASSIGNED')!;
    expect(numbers.text).toContain('修了証書再証明申請書（様式28）');
    expect(numbers.text).toMatch(/様式26.*修了者名簿の写し〔様式27-1〕.*様式27-2.*住民票/);
    const returned = rendered.find((r) => r.type === 'APPLICATION_RETURNED')!;
    expect(returned).toMatchObject({ to: 'school', template: 'decision' });
    expect(returned.text).toContain('様式28');
    expect(returned.text).toContain('添付書類の不備');
    expect(returned.text).toContain('住民票');
  });

  it('HQ is asked to re-certify by the reissue date; the school to deliver within a week of it', () => {
    const rendered = render(skillCheckCase(), false);
    const filed = rendered.find((r) => r.type === 'APPLICATION_FILED')!;
    expect(filed).toMatchObject({ to: 'hq', template: 'received' });
    expect(filed.text).toContain('様式22');
    expect(filed.text).toContain('2027-07-10');
    expect(filed.text).toContain('再証明');
    const recertified = rendered.find((r) => r.type === 'RECERTIFIED')!;
    expect(recertified).toMatchObject({ to: 'school', template: 'decision' });
    expect(recertified.text).toContain('再証明年月日');
    expect(recertified.text).toContain('技能照査合格証書（様式21）');
    expect(recertified.text).toContain('1週間');
    const delivered = rendered.find((r) => r.type === 'DELIVERED')!;
    expect(delivered).toMatchObject({ to: 'hq', template: 'received' });
    expect(delivered.text).toContain('2027-07-12');
    const withdrawn = rendered.find((r) => r.type === 'WITHDRAWN')!;
    expect(withdrawn).toMatchObject({ to: 'hq', template: 'received' });
    expect(withdrawn.text).toContain('再東京R9-0001');
  });

  it('facts name the certificate with its form, the holder, the course and the reason', () => {
    expect(reissue.facts(run([E.numbers()], completionRenamed()).context)).toEqual([
      ['証書の種類', '修了証書（様式27-2）'],
      ['氏名', '山田 花子（旧氏名 鈴木 花子）'],
      ['訓練科（系・科）', '機械系 機械加工科'],
      ['事由', '氏名変更'],
      ['旧証明番号', '東京R8-0001'],
      ['再交付証書に記載する日付', expect.stringContaining('2027-07-10')],
      ['再証明番号', '再東京R9-0001'],
    ]);
    expect(reissue.settings).toEqual([]);
  });
});

describe('reissue prefill', () => {
  it('the application is prefilled from the linked original and HQ numbers: with a representative it is accepted', () => {
    const linked = start({ request: request('nameChanged'), originalCaseId: linkedSkillCheck().id, traineeId: 'T1', fiscalYear: 2027, linkedCase: linkedSkillCheck() });
    const s = run([E.numbers()], linked);
    const filled = reissue.events.APPLICATION_FILED!.prefill!(s.context);
    expect(filled).toEqual({
      holder: { name: '山田 花子', formerName: '能力 太郎', birthDate: '2005-04-02' },
      course: { kei: '機械', ka: '機械加工' },
      examDate: '2027-02-10',
      oldTokyoNumber: '東京R8-0001',
      reissueSchoolNumber: '再1号',
      reissueTokyoNumber: '再東京R9-0001',
      attachments: ['request', 'resultsRoster', 'applicantsRoster', 'certificate'],
    });
    const data = applicationFiled.parse({ representative: '東京都機械職業訓練校 校長 甲野乙男', ...filled });
    const event = { ...E.application(), data };
    expect(firstViolation(reissueRules, ['linkConsistent', 'attachmentsComplete', 'numbersMatch'], s.context, event)).toBeNull();
    expect(run([event], s).value).toBe('certifying');
  });

  it('before HQ numbers and without a link, the prefill carries what the request and the given original say', () => {
    const filled = reissue.events.APPLICATION_FILED!.prefill!(completionRenamed().context);
    expect(filled).toEqual({
      holder: { name: '山田 花子', formerName: '鈴木 花子', birthDate: '2005-04-02' },
      course: { kei: '機械', ka: '機械加工' },
      examDate: '2027-02-10',
      oldTokyoNumber: '東京R8-0001',
      attachments: ['request', 'resultsRoster', 'applicantsRoster', 'certificate', 'residenceCertificate'],
    });
  });
});
