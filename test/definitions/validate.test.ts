/** Definitions are checked when registered: what they name must exist, and the statechart must be plain JSON. */
import { setup } from 'xstate';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { allDefinitions } from '../../definitions/index.js';
import { machineJson } from '../../definitions/describe.js';
import { checkRule, rules, rulesGuard } from '../../definitions/common/rules.js';
import { createRegistry } from '../../definitions/registry.js';
import type { AnyProcedureDefinition, DeadlineRule } from '../../definitions/types.js';
import { definitionProblems } from '../../definitions/validate.js';

const always = checkRule<object>('always', () => null, '—');
const deadline: DeadlineRule = {
  name: 'filing',
  label: '届出',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '基準日', resolve: () => '2026-05-01' },
  offset: {},
  direction: 'before',
  reminders: [],
};

/** A small valid definition; each test breaks one thing. */
function tiny(over: Partial<AnyProcedureDefinition> = {}, config?: object): AnyProcedureDefinition {
  const machine = setup({ guards: { rules: rulesGuard({ always }), branch: () => true }, actions: { record: () => {} } }).createMachine(
    (config ?? {
      id: 'tiny',
      initial: 'open',
      states: {
        open: { meta: { label: '受付前', waitingOn: 'school', deadlines: ['filing'] }, on: { FILED: { target: 'done', guard: rules('always'), actions: 'record' } } },
        done: { type: 'final', meta: { label: '完了' } },
      },
    }) as never,
  ) as unknown as AnyProcedureDefinition['machine'];
  return {
    id: 'tiny',
    version: 1,
    title: '小さな手続',
    description: 'テスト用',
    machine,
    rules: { always },
    inputSchema: z.object({}),
    createRoles: ['school'],
    fiscalYearOf: () => 2026,
    settings: [{ key: 'due', label: '提出日', default: (fy) => `${fy}-05-01` }],
    caseTitle: () => '小さな案件',
    facts: () => [],
    events: { FILED: { type: 'FILED', label: '届出', roles: ['school'], schema: z.object({}) } },
    deadlines: { filing: deadline },
    ...over,
  };
}

describe('definition checks', () => {
  it('every shipped definition passes, and the registry accepts them', () => {
    for (const d of allDefinitions) expect(definitionProblems(d), d.id).toEqual([]);
    expect(() => createRegistry(allDefinitions)).not.toThrow();
  });

  it('every shipped statechart is plain JSON config with its rules named on the transitions', () => {
    for (const d of allDefinitions) {
      const json = machineJson(d);
      expect(JSON.parse(JSON.stringify(json)), d.id).toEqual(json);
      expect(JSON.stringify(json)).toContain('"type":"rules"');
    }
  });

  it('a valid small definition has no problems', () => {
    expect(definitionProblems(tiny())).toEqual([]);
  });

  it.each<[string, () => AnyProcedureDefinition, RegExp]>([
    ['an unknown rule', () => tiny({}, { id: 't', initial: 'open', states: { open: { meta: { label: 'a', deadlines: ['filing'] }, on: { FILED: { target: 'done', guard: rules('nope') } } }, done: { type: 'final', meta: { label: 'b' } } } }), /unknown rule 'nope'/],
    ['an unknown action', () => tiny({}, { id: 't', initial: 'open', states: { open: { meta: { label: 'a', deadlines: ['filing'] }, on: { FILED: { target: 'done', actions: 'missing' } } }, done: { type: 'final', meta: { label: 'b' } } } }), /unknown action 'missing'/],
    ['a non-rule guard on a filer\'s event', () => tiny({}, { id: 't', initial: 'open', states: { open: { meta: { label: 'a', deadlines: ['filing'] }, on: { FILED: { target: 'done', guard: 'branch' } } }, done: { type: 'final', meta: { label: 'b' } } } }), /may only be guarded by statutory rules/],
    ['an inline guard function', () => tiny({}, { id: 't', initial: 'open', states: { open: { meta: { label: 'a', deadlines: ['filing'] }, on: { FILED: { target: 'done', guard: () => true } } }, done: { type: 'final', meta: { label: 'b' } } } }), /not a named guard/],
    ['a deadline no state arms', () => tiny({ deadlines: { filing: deadline, other: { ...deadline, name: 'other' } } }), /deadline 'other' is armed by no state/],
    ['an event no state accepts', () => tiny({ events: { FILED: tiny().events.FILED!, LOST: { type: 'LOST', label: '紛失', roles: ['school'], schema: z.object({}) } } }), /event 'LOST' is accepted by no state/],
    ['a setting without a default', () => tiny({ settings: [{ key: 'due', label: '提出日', default: undefined as never }] }), /setting 'due' has no default/],
    ['a hard deadline without a remedy', () => tiny({ deadlines: { filing: { ...deadline, enforcement: 'hard' } } }), /hard deadline 'filing' has no remedy/],
    ['a rule that guards nothing', () => tiny({ rules: { always, spare: always } }), /rule 'spare' guards no transition/],
  ])('reports %s', (_what, make, message) => {
    const d = make();
    expect(definitionProblems(d).join('\n')).toMatch(message);
    expect(() => createRegistry([d])).toThrow(message);
  });

  it('reports a procedure read by another that is not registered (it would read nothing)', () => {
    const d = tiny({ link: { procedures: ['ghost'], caseIdOf: () => null } as never, related: { procedures: ['tiny', 'spectre'], fiscalYearOf: () => 2026 } });
    expect(definitionProblems(d)).toEqual([]);
    expect(() => createRegistry([d])).toThrow(/link names unregistered procedure 'ghost'[\s\S]*related names unregistered procedure 'spectre'/);
  });
});

