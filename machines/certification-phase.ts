/**
 * The certification phase both exams and the reissue share: numbers -> application -> 知事証明 -> delivery.
 * One parameterised piece of plain state config (named guards and actions) and the pure records its shared
 * actions write; each procedure composes it into its machine with its own event names, labels and deadlines.
 */
import type { z } from 'zod';
import type { IsoDate } from '../src/domain/dates.js';
import type { DeadlineRule, EngineEvent, StateMeta } from '../definitions/types.js';
import type { LateFiling } from '../definitions/common/lateness.js';
import type { applicationReturnedForm, certifiedForm, deliveredForm } from '../definitions/common/certification-phase.js';
import { filedOn, withLateness } from './common.js';

type Transition = { target?: string; guard?: { type: string; params?: unknown } | string; actions?: string | string[] };
type Transitions = Record<string, Transition>;

export interface CertificationPhaseOptions {
  /** The procedure's event types for each step. */
  events: { numbers: string; apply: string; certify: string; returned: string; deliver: string };
  labels: { awaitingNumbers: string; applying: string; certifying: string; delivering: string; delivered: string };
  /** The `rules` guards on the numbers and the application. */
  guards: { numbers?: Transition['guard']; apply?: Transition['guard'] };
  deadlines: { applying?: string[]; certifying?: string[]; delivering?: string[] };
  /** Transitions each state before delivery also offers (withdrawal, revocation). */
  meanwhile: Transitions;
  /** Transitions still offered once delivering has begun and after delivery (a late revocation); without them the delivered state is final. */
  afterDelivery?: Transitions;
}

const state = (meta: StateMeta, on: Transitions) => ({ meta, on });

/** The five states, as plain config; actions: recordNumbers, recordApplication, recordCertification, recordReturn, recordDelivery. */
export function certificationStates(o: CertificationPhaseOptions) {
  const { events: e, labels: l } = o;
  const guarded = (t: Transition, guard: Transition['guard']) => (guard ? { ...t, guard } : t);
  return {
    awaitingNumbers: state({ label: l.awaitingNumbers, waitingOn: 'hq' }, {
      [e.numbers]: guarded({ target: 'applying' as const, actions: 'recordNumbers' as const }, o.guards.numbers),
      ...o.meanwhile,
    }),
    applying: state({ label: l.applying, waitingOn: 'school', ...(o.deadlines.applying ? { deadlines: o.deadlines.applying } : {}) }, {
      [e.apply]: guarded({ target: 'certifying' as const, actions: 'recordApplication' as const }, o.guards.apply),
      ...o.meanwhile,
    }),
    certifying: state({ label: l.certifying, waitingOn: 'hq', ...(o.deadlines.certifying ? { deadlines: o.deadlines.certifying } : {}) }, {
      [e.certify]: { target: 'delivering' as const, actions: 'recordCertification' as const },
      [e.returned]: { target: 'applying' as const, actions: 'recordReturn' as const },
      ...o.meanwhile,
    }),
    delivering: state({ label: l.delivering, waitingOn: 'school', ...(o.deadlines.delivering ? { deadlines: o.deadlines.delivering } : {}) }, {
      [e.deliver]: { target: 'delivered' as const, actions: 'recordDelivery' as const },
      ...(o.afterDelivery ?? {}),
    }),
    delivered: o.afterDelivery
      ? { meta: { label: l.delivered, closed: true } satisfies StateMeta, on: o.afterDelivery }
      : { type: 'final' as const, meta: { label: l.delivered } satisfies StateMeta },
  };
}

interface CertifiedCase {
  certifiedOn: IsoDate | null;
  deliveredOn: IsoDate | null;
  returns: { reason: string; on: IsoDate }[];
  lateness: LateFiling[];
}

type Ev<S extends z.ZodType> = Pick<EngineEvent<string, z.output<S>>, 'at' | 'data' | 'settings' | 'settingsOf'>;

/** What the shared steps record on the case: pure, wrapped in `assign` by each machine. */
export function certificationRecords<C extends CertifiedCase>(deadlines: { certification: DeadlineRule<C>; delivery: DeadlineRule<C> }) {
  return {
    certified: (context: C, event: Ev<typeof certifiedForm>): Partial<CertifiedCase> => ({
      certifiedOn: event.data.certifiedOn,
      lateness: withLateness(deadlines.certification, context, event),
    }),
    returned: (context: C, event: Ev<typeof applicationReturnedForm>): Partial<CertifiedCase> => ({
      returns: [...context.returns, { reason: event.data.reason, on: filedOn(event) }],
    }),
    delivered: (context: C, event: Ev<typeof deliveredForm>): Partial<CertifiedCase> => ({
      deliveredOn: event.data.deliveredOn,
      lateness: withLateness(deadlines.delivery, context, event),
    }),
  };
}
