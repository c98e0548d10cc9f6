/** The suspension statechart: yearly re-filing driven by fiscal-year timers, reviews, exits. */
import { describe, expect, it } from 'vitest';
import { getAdjacencyMap, getShortestPaths, toDirectedGraph } from '@xstate/graph';
import { firstViolation, ruleNamesOf } from '../../definitions/common/rules.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { suspensionDeadlines } from '../../definitions/suspension/deadlines.js';
import { suspension } from '../../definitions/suspension/index.js';
import { refilingOwed, type SuspensionRuleName } from '../../definitions/suspension/rules.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { suspensionMachine } from '../../machines/suspension.js';
import { CORPORATION, E, SETTINGS, changed, ev, payload, run, send, start, type Event, type Snapshot } from './suspension-fixtures.js';

const key = (s: Snapshot) => JSON.stringify(s.value);
// The paths start with XState's own init event, which is not one of the machine's events.
const eventsOf = (steps: { event: { type: string } }[]) => steps.map((s) => s.event).filter((e): e is Event => e.type !== 'xstate.init');
/** The rules the machine's `rules` guards name for each filing (the re-filing's guard in review, too). */
const RULES: Partial<Record<Event['type'], SuspensionRuleName[]>> = {
  SUSPENSION_FILED: ['resumptionWithinNextFiscalYear', 'resumptionAfterSuspension'],
  ANNUAL_REFILED: ['refilingIsOwed', 'resumptionWithinNextFiscalYear', 'resumptionAfterSuspension'],
};
const violation = (s: Snapshot, e: Event) => firstViolation(suspension.rules, RULES[e.type] ?? [], s.context, e);
const due = (s: Snapshot, name: keyof typeof suspensionDeadlines) =>
  resolveDeadline(suspensionDeadlines[name], s.context, SETTINGS, E.filed().settingsOf!);

const LEAVES = ['"filing"', '{"suspended":"upToDate"}', '{"suspended":"refilingDue"}', '"underReview"', '"resumed"', '"abolished"', '"revoked"', '"withdrawn"'];

describe('suspension machine: graph coverage (@xstate/graph)', () => {
  const GRAPH_EVENTS: Event[] = [
    E.filed(),
    E.refiled(),
    E.inspection(),
    E.resumed(),
    E.abolished(),
    E.continued(),
    E.revoked(),
    E.withdrawn(),
    E.newYear(2027),
    E.oneYear(),
    E.fiveYears(),
    E.newYear(2027, '2027-04-01'),
    { ...E.newYear(2027), data: { deadline: 'annualRefiling', kind: 'reminder', nominal: '2027-04-23', effective: '2027-04-23' } },
  ];
  // Keyed on the value plus the few facts the guards read (bounded), not the growing history.
  const options = {
    input: CORPORATION,
    events: GRAPH_EVENTS,
    serializeState: (s: Snapshot) => JSON.stringify([s.value, s.context.currentFiscalYear, refilingOwed(s.context), s.context.reviews.map((r) => [r.reason, r.outcome])]),
  };
  const graph = toDirectedGraph(suspensionMachine);
  const declared = [...Object.keys(suspension.events), DEADLINE_EVENT].sort();

  it('handles exactly the declared event types', () => {
    const all = (n: typeof graph): string[] => [...n.edges.map((e) => e.label.text), ...n.children.flatMap(all)];
    expect([...new Set(all(graph))].sort()).toEqual(declared);
  });

  it('reaches every state, and each shortest path replays', () => {
    const paths = getShortestPaths(suspensionMachine, options);
    expect([...new Set(paths.map((p) => key(p.state)))].sort()).toEqual([...LEAVES].sort());
    for (const p of paths) expect(run(eventsOf(p.steps), start(CORPORATION)).value).toEqual(p.state.value);
  });

  it('exercises every event type and every transition of the chart', () => {
    const adjacency = getAdjacencyMap(suspensionMachine, options);
    const exercised = new Set<string>();
    const taken = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event, state: next } of Object.values(transitions) as { event: Event; state: Snapshot }[]) {
        if (!changed(state, next)) continue;
        exercised.add(event.type);
        taken.add(`${key(state)} -${event.type}-> ${key(next)}`);
      }
    }
    expect([...exercised].sort()).toEqual(declared);
    const expected = [
      '"filing" -SUSPENSION_FILED-> {"suspended":"upToDate"}',
      '"filing" -WITHDRAWN-> "withdrawn"',
      '{"suspended":"upToDate"} -DEADLINE-> {"suspended":"refilingDue"}',
      '{"suspended":"upToDate"} -DEADLINE-> "underReview"',
      '{"suspended":"refilingDue"} -ANNUAL_REFILED-> {"suspended":"upToDate"}',
      '{"suspended":"refilingDue"} -DEADLINE-> "underReview"',
      '{"suspended":"upToDate"} -INSPECTION_RECORDED-> {"suspended":"upToDate"}',
      '{"suspended":"upToDate"} -RESUMED-> "resumed"',
      '{"suspended":"upToDate"} -ABOLISHED-> "abolished"',
      '"underReview" -REVIEW_CONTINUED-> {"suspended":"upToDate"}',
      '"underReview" -REVIEW_CONTINUED-> {"suspended":"refilingDue"}',
      '"underReview" -REVOKED-> "revoked"',
      '"underReview" -RESUMED-> "resumed"',
      '"underReview" -ABOLISHED-> "abolished"',
      '"underReview" -INSPECTION_RECORDED-> "underReview"',
      '"underReview" -ANNUAL_REFILED-> "underReview"',
      '"underReview" -DEADLINE-> "underReview"',
    ];
    for (const t of expected) expect(taken).toContain(t);
  });
});

describe('suspension: filing (様式3-1・3-2)', () => {
  it('planned resumption no later than the end of the next fiscal year', () => {
    expect(violation(start(), E.filed('2026-04-10', '2028-03-31'))).toBeNull();
    const late = E.filed('2026-04-10', '2028-04-01');
    expect(violation(start(), late)).toMatchObject({ rule: 'plannedResumption' });
    expect(violation(start(), late)!.message).toContain('令和9年度');
    expect(send(start(), late).value).toBe('filing');
    const s = run([E.filed()]);
    expect(s.value).toEqual({ suspended: 'upToDate' });
    expect(s.context.filings).toMatchObject([{ fiscalYear: 2026, filedOn: '2026-04-10', plannedResumptionDate: '2028-03-31', periodTo: '2028-03-31' }]);
  });

  it('the centre records inspections while suspended', () => {
    const s = run([E.filed(), E.inspection()]);
    expect(s.context.inspections).toEqual([{ inspectedOn: '2026-09-30', findings: '設備は保全されている', recordedOn: '2026-10-01' }]);
  });
});

describe('suspension: the fiscal-year roll and yearly re-filing', () => {
  it('arms the next 1 April (first open day) and, when it comes, owes the re-filing by HQ\'s date', () => {
    let s = run([E.filed()]);
    expect(due(s, 'fiscalYearStart')).toMatchObject({ nominal: '2027-04-01', effective: '2027-04-01' });
    s = run([E.newYear(2027)], s);
    expect(s.value).toEqual({ suspended: 'refilingDue' });
    expect(s.context.currentFiscalYear).toBe(2027);
    expect(due(s, 'annualRefiling')).toMatchObject({ nominal: '2027-04-23', effective: '2027-04-23' });
    // The next year's start is a Saturday: anchored on the first open day, so nominal and effective agree.
    expect(due(s, 'fiscalYearStart')).toMatchObject({ nominal: '2028-04-03', effective: '2028-04-03' });
    // The same timer again (an overdue after a due, or a retry) does nothing more.
    expect(send(s, E.newYear(2027)).context.currentFiscalYear).toBe(2027);
  });

  it('renewed twice, then resumed', () => {
    let s = run([E.filed(), E.newYear(2027), E.refiled('2027-04-15', '2029-03-31')]);
    expect(s.value).toEqual({ suspended: 'upToDate' });
    s = run([E.newYear(2028, '2028-04-03'), E.refiled('2028-04-20', '2030-03-31')], s);
    expect(s.context.filings.map((f) => f.fiscalYear)).toEqual([2026, 2027, 2028]);
    s = run([E.resumed('2028-10-01')], s);
    expect(s.value).toBe('resumed');
    expect(s.status).toBe('done');
    expect(s.context).toMatchObject({ resumption: { resumedOn: '2028-10-01' }, lateness: [], missedRefilings: [] });
  });

  it('a re-filing plans resumption up to the end of the year after the current one', () => {
    const s = run([E.filed(), E.newYear(2027)]);
    expect(violation(s, E.refiled('2027-04-15', '2030-03-31'))).toMatchObject({ rule: 'plannedResumption' });
    expect(violation(s, E.refiled('2027-04-15', '2029-03-31'))).toBeNull();
    // Only once a year.
    expect(violation(run([E.refiled()], s), E.refiled())).toMatchObject({ rule: 'refiling' });
  });

  it('soft: a late re-filing is accepted with its lateness recorded', () => {
    const s = run([E.filed(), E.newYear(2027), E.refiled('2027-05-10')]);
    expect(s.value).toEqual({ suspended: 'upToDate' });
    expect(s.context.lateness).toEqual([
      { deadline: 'annualRefiling', label: '休止届・再開計画書の年度ごとの再提出', nominal: '2027-04-23', effective: '2027-04-23', filedOn: '2027-05-10', daysLate: 17 },
    ]);
  });

  it('a year that ends without its re-filing is recorded as missed', () => {
    const s = run([E.filed(), E.newYear(2027), E.newYear(2028, '2028-04-03')]);
    expect(s.context.missedRefilings).toEqual([2027]);
    expect(s.value).toEqual({ suspended: 'refilingDue' });
  });
});

describe('suspension: reviews for revocation', () => {
  const fiveYearsOn = () => {
    let s = run([E.filed()]);
    for (const fy of [2027, 2028, 2029, 2030]) s = run([E.newYear(fy), E.refiled(`${fy}-04-15`, `${fy + 2}-03-31`)], s);
    return s;
  };

  it('reaching 5 years moves the case to HQ review; HQ revokes', () => {
    let s = fiveYearsOn();
    expect(due(s, 'fiveYearReview')).toMatchObject({ nominal: '2031-03-31', effective: '2031-03-31' });
    // The due notice on the last day only reminds; the day after, the review starts.
    s = run([{ ...E.fiveYears(), data: { ...E.fiveYears().data, kind: 'due' } }], s);
    expect(s.value).toEqual({ suspended: 'upToDate' });
    s = run([E.fiveYears()], s);
    expect(s.value).toBe('underReview');
    expect(s.context.reviews).toEqual([{ reason: 'fiveYears', startedOn: '2031-04-01', outcome: null, decidedOn: null, note: null }]);
    s = run([E.revoked()], s);
    expect(s.value).toBe('revoked');
    expect(s.context.reviews[0]).toMatchObject({ outcome: 'revoked', decidedOn: '2031-04-20' });
  });

  it('HQ may let the suspension continue: the 5-year deadline is then closed, the yearly roll goes on', () => {
    let s = run([E.fiveYears(), E.newYear(2031)], fiveYearsOn());
    expect(s.value).toBe('underReview');
    expect(s.context.currentFiscalYear).toBe(2031);
    s = run([E.continued()], s);
    expect(s.value).toEqual({ suspended: 'refilingDue' });
    expect(due(s, 'fiveYearReview')).toBeNull();
    expect(send(s, E.fiveYears()).value).toEqual({ suspended: 'refilingDue' });
  });

  it('soft: resuming after 5 years is accepted from the review, with the lateness recorded', () => {
    const s = run([E.fiveYears(), E.resumed('2031-06-01')], fiveYearsOn());
    expect(s.value).toBe('resumed');
    expect(s.context.lateness).toMatchObject([{ deadline: 'fiveYearReview', effective: '2031-03-31', daysLate: 62 }]);
    expect(s.context.reviews[0]).toMatchObject({ outcome: 'resumed' });
  });

  it('a 職業訓練法人 idle for 1 year is flagged; other schools are not', () => {
    const corp = run([E.filed(), E.oneYear()], start(CORPORATION));
    expect(corp.value).toBe('underReview');
    expect(corp.context.reviews[0]!.reason).toBe('corporationIdle');
    const plain = run([E.filed()]);
    expect(due(plain, 'corporationReview')).toBeNull();
    expect(send(plain, E.oneYear()).value).toEqual({ suspended: 'upToDate' });
    const late = run([E.filed(), E.resumed('2027-05-06')], start(CORPORATION));
    expect(late.context.lateness).toMatchObject([{ deadline: 'corporationReview', daysLate: 36 }]);
  });

  it('abolition (様式4) names the records custodian; a filing can be withdrawn', () => {
    const s = run([E.filed(), E.abolished()]);
    expect(s.value).toBe('abolished');
    expect(s.context.abolition).toMatchObject({ abolishedOn: '2027-06-30', custodian: { name: '東京建築業協同組合' } });
    expect(run([E.withdrawn()]).value).toBe('withdrawn');
    expect(() => ev('ABOLISHED', { ...payload.abolished(), custodian: undefined }, '2027-06-20')).toThrow();
  });
});

describe('suspension machine: plain config (issue 10)', () => {
  type Node = { on?: Record<string, unknown>; always?: unknown; states?: Record<string, Node> };
  const transitionsOf = (node: Node, path = 'suspension'): { path: string; event: string; guard: unknown }[] => [
    ...Object.entries(node.on ?? {}).flatMap(([event, t]) => [t].flat().map((x) => ({ path, event, guard: (x as { guard?: unknown }).guard }))),
    ...[node.always ?? []].flat().map((x) => ({ path, event: '(always)', guard: (x as { guard?: unknown }).guard })),
    ...Object.entries(node.states ?? {}).flatMap(([k, s]) => transitionsOf(s, `${path}.${k}`)),
  ];
  const config = suspensionMachine.config as unknown as Node & { context?: unknown };
  const all = transitionsOf(config);

  it('is JSON apart from the context factory', () => {
    const { context: _context, ...rest } = config;
    expect(JSON.parse(JSON.stringify(rest))).toEqual(rest);
  });

  it('guards user events only with the `rules` guard; named guards only on DEADLINE and eventless transitions', () => {
    for (const t of all) {
      if (t.guard === undefined) continue;
      if (t.event === DEADLINE_EVENT || t.event === '(always)') expect(typeof t.guard, `${t.path} ${t.event}`).toBe('string');
      else expect(ruleNamesOf(t.guard), `${t.path} ${t.event}`).not.toBeNull();
    }
  });

  it('names every rule of the table, and only those', () => {
    const named = new Set(all.flatMap((t) => ruleNamesOf(t.guard) ?? []));
    expect([...named].sort()).toEqual(Object.keys(suspension.rules).sort());
  });
});
