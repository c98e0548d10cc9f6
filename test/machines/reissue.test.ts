/** The reissue statechart: HQ numbers, attachments by type and reason, linked-case prefill, re-certification, delivery. */
import { describe, expect, it } from 'vitest';
import { getAdjacencyMap, getShortestPaths, toDirectedGraph } from '@xstate/graph';
import { firstViolation, ruleNamesOf } from '../../definitions/common/rules.js';
import { reissue } from '../../definitions/reissue/index.js';
import { reissueInput } from '../../definitions/reissue/forms.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { definitionProblems } from '../../definitions/validate.js';
import { reissueMachine } from '../../machines/reissue.js';
import { ALL_BUT_RESIDENCE, E, INPUT, changed, linkedSkillCheck, payload, request, run, send, start, ev, type Event, type Snapshot } from './reissue-fixtures.js';

const STATES = ['awaitingNumbers', 'applying', 'certifying', 'delivering', 'delivered', 'withdrawn'];
/** The rules the current state's transitions for this event name, as the engine explains a refusal from them. */
const ruleNames = (s: Snapshot, e: Event) =>
  (reissueMachine.root.states[s.value as string]?.transitions.get(e.type) ?? []).flatMap((t) => ruleNamesOf(t.guard) ?? []);
const violation = (s: Snapshot, e: Event) => firstViolation(reissue.rules, ruleNames(s, e), s.context, e);
const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');

describe('reissue machine: graph coverage (@xstate/graph)', () => {
  const options = {
    input: INPUT(),
    events: [E.numbers(), E.application(), E.recertified(), E.returned(), E.delivered(), E.withdrawn(), E.reminder()],
    serializeState: (s: Snapshot) => JSON.stringify(s.value),
  };
  const graph = toDirectedGraph(reissueMachine);
  const declared = [...Object.keys(reissue.events), DEADLINE_EVENT].sort();

  it('reaches every state, replays each path, and exercises every transition', () => {
    const paths = getShortestPaths(reissueMachine, options);
    expect(paths.map((p) => p.state.value as string).sort()).toEqual([...STATES].sort());
    for (const p of paths) expect(run(eventsOf(p.steps)).value).toEqual(p.state.value);
    const taken = new Set<string>();
    const exercised = new Set<string>();
    for (const { state, transitions } of Object.values(getAdjacencyMap(reissueMachine, options))) {
      for (const { event, state: next } of Object.values(transitions) as { event: Event; state: Snapshot }[]) {
        if (!changed(state, next)) continue;
        exercised.add(event.type);
        taken.add(`${String(state.value)} -${event.type}-> ${String(next.value)}`);
      }
    }
    expect([...exercised].sort()).toEqual(declared);
    for (const child of graph.children) {
      for (const edge of child.edges) expect(taken).toContain(`${child.stateNode.key} -${edge.label.text}-> ${edge.target.key}`);
    }
  });
});

describe('reissue: flow and checks', () => {
  it('walks numbers -> application -> re-certification -> delivery with the 再 numbers', () => {
    const s = run([E.numbers(), E.application(), E.recertified(), E.delivered()]);
    expect(s.value).toBe('delivered');
    expect(s.context.reissue).toEqual({ reissueDate: '2027-07-10', schoolNumber: '再1号', tokyoNumber: '再東京R9-0001', assignedOn: '2027-06-10' });
    expect(s.context.lateness).toEqual([]);
  });

  it('numbers without the 再 prefix are invalid input', () => {
    expect(() => ev('NUMBERS_ASSIGNED', { ...payload.numbers(), tokyoNumber: '東京R9-0001' }, '2027-06-10')).toThrow(/再/);
  });

  it('attachments: the four papers for a skill-check certificate, and numbers as HQ assigned them', () => {
    const s = run([E.numbers()]);
    const missing = violation(s, E.application(['request', 'certificate']))!;
    expect(missing.rule).toBe('attachments');
    expect(missing.message).toContain('様式20-2');
    expect(missing.message).toContain('様式20-3');
    expect(send(s, E.application(['request', 'certificate'])).value).toBe('applying');
    expect(violation(s, E.application(undefined, '2027-06-20', { reissueTokyoNumber: '再東京R9-9999' }))?.rule).toBe('numbers');
    expect(violation(s, E.application(undefined, '2027-06-20', { oldTokyoNumber: '東京R8-0002' }))?.rule).toBe('numbers');
  });

  it('reissue after a name change of a completion certificate needs a residence certificate (様式28)', () => {
    const s = run([E.numbers()], start(INPUT({ certificateType: 'completion', request: request('nameChanged') })));
    const v = violation(s, E.application(ALL_BUT_RESIDENCE))!;
    expect(v.message).toContain('住民票');
    expect(violation(s, E.application(['request']))!.message).toMatch(/様式26.*様式27-1.*様式27-2.*住民票/);
    expect(send(s, E.application(ALL_BUT_RESIDENCE)).value).toBe('applying');
    expect(run([E.application([...ALL_BUT_RESIDENCE, 'residenceCertificate'])], s).value).toBe('certifying');
    // A skill-check certificate after a name change needs no residence certificate (様式22 does not ask for one).
    const sc = run([E.numbers()], start(INPUT({ request: request('nameChanged') })));
    expect(violation(sc, E.application(ALL_BUT_RESIDENCE))).toBeNull();
  });

  it('a name change needs the former name; a request without a linked case needs the old numbers', () => {
    const { formerName: _omit, ...noFormer } = request('nameChanged');
    expect(reissueInput.safeParse({ ...INPUT(), request: noFormer }).success).toBe(false);
    expect(reissueInput.safeParse({ certificateType: 'skill-check', request: request() }).success).toBe(false);
  });

  it('soft: late re-certification and late delivery are recorded, not blocked', () => {
    let s = run([E.numbers(), E.application(), E.recertified('2027-07-12')]);
    expect(s.context.lateness).toMatchObject([{ deadline: 'recertification', nominal: '2027-07-10', effective: '2027-07-09', daysLate: 3 }]);
    s = run([E.delivered('2027-07-20')], s);
    expect(s.value).toBe('delivered');
    expect(s.context.lateness.at(-1)).toMatchObject({ deadline: 'delivery', nominal: '2027-07-17', effective: '2027-07-16', daysLate: 4 });
  });
});

describe('reissue: linked to the case that issued the certificate', () => {
  it('prefills the old numbers, exam date and registered name from the linked skill check', () => {
    const s = start({ request: request('nameChanged'), originalCaseId: linkedSkillCheck().id, traineeId: 'T1', fiscalYear: 2027, linkedCase: linkedSkillCheck() });
    expect(s.context.certificateType).toBe('skill-check');
    expect(s.context.original).toEqual({ examDate: '2027-02-10', schoolNumber: '第1号', tokyoNumber: '東京R8-0001', name: '能力 太郎', birthDate: '2005-04-02' });
    expect(s.context.link).toMatchObject({ procedure: 'skill-check', traineeId: 'T1' });
    expect(s.context.linkProblems).toEqual([]);
  });

  it('a linked case of the other type, not delivered, or without the trainee blocks the case with 422', () => {
    const wrong = start({ ...INPUT({ certificateType: 'completion' }), originalCaseId: linkedSkillCheck().id, traineeId: 'T9', linkedCase: linkedSkillCheck('applying') });
    expect(wrong.context.linkProblems).toHaveLength(3);
    const v = violation(wrong, E.numbers())!;
    expect(v.rule).toBe('linkedCase');
    expect(send(wrong, E.numbers()).value).toBe('awaitingNumbers');
    expect(run([E.withdrawn()], wrong).value).toBe('withdrawn');
  });
});

describe('reissue machine: declarative config from the shared certification phase', () => {
  const config = reissueMachine.config as unknown as { states: Record<string, { meta?: unknown; on?: Record<string, unknown>; type?: string }> };

  it('passes the registration checks', () => {
    expect(definitionProblems(reissue)).toEqual([]);
  });

  it('is plain JSON apart from the context factory', () => {
    const { context: _context, ...rest } = reissueMachine.config as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(rest))).toEqual(rest);
  });

  it('keeps the states, labels, deadlines and withdrawal as before', () => {
    expect(Object.fromEntries(Object.entries(config.states).map(([k, s]) => [k, s.meta]))).toEqual({
      awaitingNumbers: { label: '再交付日・再証明番号の確認中', waitingOn: 'hq' },
      applying: { label: '再証明申請前', waitingOn: 'school' },
      certifying: { label: '再証明審査中', waitingOn: 'hq', deadlines: ['recertification'] },
      delivering: { label: '再交付証書の交付前', waitingOn: 'school', deadlines: ['delivery'] },
      delivered: { label: '交付済' },
      withdrawn: { label: '取下げ' },
    });
    expect(config.states.delivered!.type).toBe('final');
    const withdrawable = Object.entries(config.states).filter(([, s]) => s.on && 'WITHDRAWN' in s.on).map(([k]) => k);
    expect(withdrawable).toEqual(['awaitingNumbers', 'applying', 'certifying']);
  });

  it('user events are guarded only by the rules guard, naming the rules of the table', () => {
    expect(config.states.awaitingNumbers!.on!.NUMBERS_ASSIGNED).toMatchObject({ guard: { type: 'rules', params: { rules: ['linkConsistent'] } } });
    expect(config.states.applying!.on!.APPLICATION_FILED).toMatchObject({
      guard: { type: 'rules', params: { rules: ['linkConsistent', 'attachmentsComplete', 'numbersMatch'] } },
    });
    for (const s of Object.values(config.states)) {
      for (const t of Object.values(s.on ?? {}) as { guard?: unknown }[]) {
        const names = ruleNamesOf(t.guard);
        if (t.guard) expect(names).not.toBeNull();
        for (const n of names ?? []) expect(Object.keys(reissue.rules)).toContain(n);
      }
    }
  });
});
