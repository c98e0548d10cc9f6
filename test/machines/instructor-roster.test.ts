/** The instructor-roster statechart (manual II-6(1), 様式5-1・5-2・5-3): roster, consents per instructor, changes. */
import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from '@xstate/graph';
import { firstViolation } from '../../definitions/common/rules.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { consents, roster as rosterRule } from '../../definitions/instructor-roster/deadlines.js';
import { instructorRoster } from '../../definitions/instructor-roster/index.js';
import { missingConsents } from '../../definitions/instructor-roster/consents.js';
import { definitionProblems } from '../../definitions/validate.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { instructorRosterMachine } from '../../machines/instructor-roster.js';
import { coverage } from './graph-coverage.js';
import {
  E, HOLIDAY, INPUT, SETTINGS, SINGLE, changed, deadlineEvent, ev, holidaySettingsOf, roster, row, run, send, settingsOf, start, type Event,
} from './instructor-roster-fixtures.js';

const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');
const EVENTS = () => [E.filed(), E.consents(), E.consents('2026-04-22', '甲野 一郎'), E.changed(), E.consents('2026-06-10', '己野 六郎'), E.withdrawn(), deadlineEvent('reminder', '2026-04-17')];

describe('instructor-roster definition', () => {
  it('passes the registration checks and handles exactly its declared events', () => {
    expect(definitionProblems(instructorRoster)).toEqual([]);
    const graph = toDirectedGraph(instructorRosterMachine);
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].filter((t) => t && !t.startsWith('xstate.')).sort()).toEqual([...Object.keys(instructorRoster.events), DEADLINE_EVENT].sort());
  });

  it('reaches every state at rest, each shortest path replays, and the paths plus one step exercise every edge and event', () => {
    const c = coverage(instructorRosterMachine, INPUT, EVENTS());
    expect(c.states).toEqual(['"collectingConsents"', '"complete"', '"drafting"', '"withdrawn"']);
    for (const p of c.paths) expect(run(eventsOf(p.steps)).value).toEqual(p.state.value);
    expect(c.exercised).toEqual(c.edges.filter((e) => !e.endsWith(' ')));
    expect(c.events).toEqual([...Object.keys(instructorRoster.events), DEADLINE_EVENT].sort());
  });

  it('both dates are HQ\'s fiscal-year setting (default 30 April, assumed); a holiday moves them back', () => {
    expect(instructorRoster.settings.map((s) => [s.key, s.default(2026)])).toEqual([['preparation', '2026-04-30']]);
    expect(rosterRule).toMatchObject({ enforcement: 'soft', party: 'school', supervisor: 'center', form: '様式5-1・5-2' });
    expect(consents).toMatchObject({ enforcement: 'soft', form: '様式5-3' });
    expect(resolveDeadline(rosterRule, start().context, SETTINGS, settingsOf)).toMatchObject({ nominal: '2026-04-30', effective: '2026-04-30' });
    expect(resolveDeadline(rosterRule, start().context, HOLIDAY, holidaySettingsOf)).toMatchObject({ nominal: '2026-05-03', effective: '2026-05-01' });
    // A change adding an instructor later in the year: that one's consent is due by the change's date.
    const s = run([E.filed(), E.consents(), E.changed('2026-06-01', '2026-06-14')]);
    expect(resolveDeadline(consents, s.context, HOLIDAY, holidaySettingsOf)).toMatchObject({ nominal: '2026-06-14', effective: '2026-06-12' });
  });
});

describe('instructor-roster machine', () => {
  it('a roster on the effective day (before the holiday) is in time; consents are owed by every classroom instructor', () => {
    const s = run([E.filed('2026-05-01')]);
    expect(s.value).toBe('collectingConsents');
    expect(s.context.lateness).toEqual([]);
    expect(missingConsents(s.context).map((r) => r.name)).toEqual(['甲野 一郎', '乙川 二郎', '丙山 三郎']);
  });

  it('a roster on the holiday itself is recorded late; so is a consent after the effective day', () => {
    const late = run([deadlineEvent('overdue', '2026-05-02'), E.filed('2026-05-03')]);
    expect(late.context.lateness).toEqual([
      { deadline: 'rosterPreparation', label: '職業訓練指導員・講師名簿の作成', nominal: '2026-05-03', effective: '2026-05-01', filedOn: '2026-05-03', daysLate: 2 },
    ]);
    const s = run([E.filed(), E.consents('2026-05-01', '甲野 一郎'), E.consents('2026-05-07', '乙川 二郎', '丙山 三郎')]);
    expect(s.value).toBe('complete');
    expect(s.context.lateness).toEqual([expect.objectContaining({ deadline: 'consentCollection', effective: '2026-05-01', filedOn: '2026-05-07', daysLate: 6 })]);
  });

  it('all consents in: the roster is in order (counted as done) but still open to changes', () => {
    const s = run([E.filed(), E.consents()]);
    expect(s.value).toBe('complete');
    expect(s.status).toBe('active');
    expect(instructorRoster.machine.getStateNodeById('instructorRoster.complete').meta).toMatchObject({ closed: true });
    const c = run([E.changed()], s);
    expect(c.value).toBe('collectingConsents');
    expect(missingConsents(c.context).map((r) => r.name)).toEqual(['己野 六郎']);
    expect(c.context.changes).toEqual([{ changedOn: '2026-06-15', reason: '講師の追加（溶接実技）', recordedOn: '2026-06-01' }]);
    expect(run([E.consents('2026-06-10', '己野 六郎')], c).value).toBe('complete');
  });

  it('at a single-employer school an internal unpaid instructor owes no consent; a paid or external one does', () => {
    const only = roster({ collective: [row(1, '丙山 三郎', { internal: true, paid: false })], dispersed: [] });
    expect(run([E.filed('2026-04-20', only)], start(SINGLE)).value).toBe('complete');
    // The same row at a joint school owes one.
    expect(run([E.filed('2026-04-20', only)]).value).toBe('collectingConsents');
    const paid = roster({ collective: [row(1, '丙山 三郎', { internal: true, paid: true })], dispersed: [] });
    expect(run([E.filed('2026-04-20', paid)], start(SINGLE)).value).toBe('collectingConsents');
  });

  it('refuses a 指導員 without a licence (licence), duplicate numbers (rosterNumbers), and consents not owed (consent)', () => {
    const s = start();
    const names = ['instructorsLicensed', 'distinctNumbers'];
    const noLicence = E.filed('2026-04-20', roster({ collective: [row(1, '甲野 一郎', { role: 'instructor' })] }));
    expect(changed(s, send(s, noLicence))).toBe(false);
    expect(firstViolation(instructorRoster.rules, names, s.context, noLicence)).toMatchObject({ rule: 'licence', message: expect.stringContaining('甲野 一郎') });
    const dup = E.filed('2026-04-20', roster({ collective: [row(1, 'a'), row(1, 'b')] }));
    expect(firstViolation(instructorRoster.rules, names, s.context, dup)).toMatchObject({ rule: 'rosterNumbers' });
    const filed = run([E.filed(), E.consents('2026-04-22', '甲野 一郎')]);
    for (const e of [E.consents('2026-04-23', '戊川 五郎'), E.consents('2026-04-23', '甲野 一郎'), ev('CONSENT_RECORDED', { consents: [{ name: '乙川 二郎', consentedOn: '2026-04-30' }] }, '2026-04-23')]) {
      expect(changed(filed, send(filed, e))).toBe(false);
      expect(firstViolation(instructorRoster.rules, ['consentFromRoster'], filed.context, e)).toMatchObject({ rule: 'consent' });
    }
  });

  it('is withdrawn only before the roster is made', () => {
    expect(run([E.withdrawn()]).context.withdrawal).toEqual({ reason: '訓練科の休止により今年度は作成しない', on: '2026-04-10' });
    const s = run([E.filed()]);
    expect(changed(s, send(s, E.withdrawn('2026-04-21')))).toBe(false);
  });

  it('facts and summary show the roster with each consent', () => {
    const s = run([E.filed(), E.consents('2026-04-22', '甲野 一郎')]);
    expect(instructorRoster.facts(s.context)).toEqual([
      ['年度', '令和8年度'],
      ['訓練校の別', '共同校（団体等）'],
      ['指導員・講師（集合・分散）', '3人・1事業所'],
      ['承諾書', '1 / 3人'],
    ]);
    const table = instructorRoster.summary!(s.context)[0]!;
    expect(table).toMatchObject({ label: '職業訓練指導員・講師名簿（集合）〔様式5-1〕' });
    expect('table' in table && table.table.rows.map((r) => r.at(-1))).toEqual(['受領（令和8年4月21日 (2026-04-21)）', '未提出', '未提出']);
    expect(instructorRoster.events.ROSTER_CHANGED!.prefill!(s.context)).toEqual({ collective: s.context.collective, dispersed: s.context.dispersed });
    expect(instructorRoster.caseTitle(s.context)).toBe('令和8年度 職業訓練指導員・講師名簿、承諾書');
  });

  it('its statechart config is plain JSON', () => {
    const { context: _c, ...config } = instructorRosterMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
