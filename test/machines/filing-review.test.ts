/**
 * The filing phase three machines compose (machines/filing-review.ts). Stored snapshots name its states and the
 * definitions' events name its transitions, so a change to the shared piece must not move them in any of the three.
 */
import { describe, expect, it } from 'vitest';
import { abolitionMachine } from '../../machines/abolition.js';
import { annualPlanMachine } from '../../machines/annual-plan.js';
import { implementationReportMachine } from '../../machines/implementation-report.js';

type Node = { key: string; type: string; meta?: unknown; states: Record<string, Node>; transitions: Map<string, { target?: { id: string }[]; actions: unknown[] }[]> };

/** Each state's type, label and transitions as `EVENT -> target id [actions]`. */
const shape = (root: Node) =>
  Object.values(root.states).map((s) => ({
    key: s.key,
    type: s.type,
    label: (s.meta as { label: string } | undefined)?.label,
    on: [...s.transitions.entries()].map(([event, [t]]) => `${event} -> ${t!.target?.map((x) => x.id).join(',')} [${t!.actions.join(',')}]`),
  }));

const phase = (id: string, fileEvent: string, drafting: string, accepted: string) => [
  { key: 'drafting', type: 'atomic', label: drafting, on: [`${fileEvent} -> ${id}.reviewing [recordFiling]`, `WITHDRAWN -> ${id}.withdrawn [recordWithdrawal]`] },
  {
    key: 'reviewing',
    type: 'atomic',
    label: 'センター確認中',
    on: [`ACCEPTED -> ${id}.accepted [recordAcceptance]`, `CORRECTION_REQUESTED -> ${id}.correcting [recordCorrectionRequest]`, `WITHDRAWN -> ${id}.withdrawn [recordWithdrawal]`],
  },
  { key: 'correcting', type: 'atomic', label: '補正中（再提出待ち）', on: [`REFILED -> ${id}.reviewing [recordRefiling]`, `WITHDRAWN -> ${id}.withdrawn [recordWithdrawal]`] },
  { key: 'accepted', type: 'final', label: accepted, on: [] },
  { key: 'withdrawn', type: 'final', label: '取下げ', on: [] },
];

describe('the shared filing phase', () => {
  it.each([
    ['annualPlan', annualPlanMachine, 'PLAN_FILED', '事業計画書作成中', '受理'],
    ['implementationReport', implementationReportMachine, 'REPORT_FILED', '報告書作成中', '受理'],
    ['abolition', abolitionMachine, 'ABOLITION_FILED', '廃止届提出前', '受理（廃止）'],
  ] as const)('%s keeps its stored states, transitions and action names', (id, machine, fileEvent, drafting, accepted) => {
    expect(machine.id).toBe(id);
    expect(shape(machine.root as unknown as Node)).toEqual(phase(id, fileEvent, drafting, accepted));
  });
});
