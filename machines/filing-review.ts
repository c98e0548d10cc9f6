/**
 * The filing phase the yearly plan, the implementation report and the abolition share: drafting -> センター確認中 ->
 * 受理, or -> 補正中 -> REFILED -> センター確認中 ...; withdrawal (取下げ) from every state before the receipt.
 * One parameterised piece of plain state config (named guards and actions) and the pure records its shared
 * actions write; each procedure composes it into its machine with its own filing event, labels and deadline.
 * The state ids and event names are fixed here: stored snapshots and the definitions' events depend on them.
 */
import type { IsoDate } from '../src/domain/dates.js';
import type { DeadlineRule, EngineEvent, StateMeta } from '../definitions/types.js';
import type { LateFiling } from '../definitions/common/lateness.js';
import type { rules } from '../definitions/common/rules.js';
import { filedOn, withLateness } from './common.js';

export interface FilingReviewOptions {
  /** The machine's id: withdrawal targets `#<id>.withdrawn` from the nested states as well. */
  machineId: string;
  /** The procedure's first filing ('PLAN_FILED', 'REPORT_FILED', 'ABOLITION_FILED'); a re-filing is always REFILED. */
  fileEvent: string;
  labels: { drafting: string; accepted: string };
  /** The `rules` guard on the filing and the re-filing. */
  guard: ReturnType<typeof rules>;
  /** The deadlines the drafting state owns. */
  deadlines: string[];
}

/** The five states, as plain config; actions: recordFiling, recordRefiling, recordCorrectionRequest, recordAcceptance, recordWithdrawal. */
export function filingReviewStates(o: FilingReviewOptions) {
  const withdraw = { WITHDRAWN: { target: `#${o.machineId}.withdrawn`, actions: 'recordWithdrawal' as const } };
  return {
    drafting: {
      meta: { label: o.labels.drafting, waitingOn: 'school', deadlines: o.deadlines } satisfies StateMeta,
      on: { [o.fileEvent]: { target: 'reviewing' as const, guard: o.guard, actions: 'recordFiling' as const }, ...withdraw },
    },
    reviewing: {
      meta: { label: 'センター確認中', waitingOn: 'center' } satisfies StateMeta,
      on: {
        ACCEPTED: { target: 'accepted' as const, actions: 'recordAcceptance' as const },
        CORRECTION_REQUESTED: { target: 'correcting' as const, actions: 'recordCorrectionRequest' as const },
        ...withdraw,
      },
    },
    correcting: {
      meta: { label: '補正中（再提出待ち）', waitingOn: 'school' } satisfies StateMeta,
      on: { REFILED: { target: 'reviewing' as const, guard: o.guard, actions: 'recordRefiling' as const }, ...withdraw },
    },
    accepted: { type: 'final' as const, meta: { label: o.labels.accepted } satisfies StateMeta },
    withdrawn: { type: 'final' as const, meta: { label: '取下げ' } satisfies StateMeta },
  };
}

interface ReviewedCase<F> {
  filings: (F & { filedOn: IsoDate })[];
  corrections: { points: string; requestedOn: IsoDate }[];
  withdrawal: { reason: string; on: IsoDate } | null;
  lateness: LateFiling[];
}

/** What the phase records, as a case opens: nothing yet. Spread into the machine's context after its own fields. */
export const unfiled = () => ({ filings: [], corrections: [], acceptance: null, withdrawal: null, lateness: [] });

type Ev<D> = Pick<EngineEvent<string, D>, 'at' | 'data' | 'settings' | 'settingsOf'>;

/**
 * What the shared steps record on the case: pure, wrapped in `assign` by each machine. `filing` is the drafting
 * state's soft deadline; a procedure whose deadline counts from the filing's own data passes the context as the
 * filing states it.
 */
export function filingReviewRecords<C extends ReviewedCase<F>, F>(filing: DeadlineRule<C>) {
  const appended = (context: C, event: Ev<F>) => [...context.filings, { ...event.data, filedOn: filedOn(event) }];
  return {
    filed: (context: C, event: Ev<F>): Partial<ReviewedCase<F>> => ({
      filings: appended(context, event),
      lateness: withLateness(filing, context, event),
    }),
    refiled: (context: C, event: Ev<F>): Partial<ReviewedCase<F>> => ({ filings: appended(context, event) }),
    correctionRequested: (context: C, event: Ev<{ points: string }>): Partial<ReviewedCase<F>> => ({
      corrections: [...context.corrections, { points: event.data.points, requestedOn: filedOn(event) }],
    }),
    /** The receipt with the centre's note; a procedure that records more on it keeps its own action. */
    accepted: (event: Ev<{ note?: string | undefined }>) => ({ acceptance: { on: filedOn(event), note: event.data.note ?? null } }),
    withdrawn: (event: Ev<{ reason: string }>): Partial<ReviewedCase<F>> => ({ withdrawal: { reason: event.data.reason, on: filedOn(event) } }),
  };
}
