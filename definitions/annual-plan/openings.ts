/**
 * Which schools get the yearly plan (and the yearly report) opened by the engine. The engine tells a definition only
 * the procedure, state, done-ness and fiscal year of a school's cases, so this ASSUMES that a school whose
 * 認定職業訓練 was abolished before the year in question has ended its training: an abolition received (the
 * `abolition` case at rest in 'accepted') or a suspension ended by abolition or by the revocation of the
 * certification (the `suspension` case at 'abolished' or 'revoked'). An abolition of some of the school's courses
 * only cannot be told from one of all of them: such a school opens its plan itself (the school and HQ may open one).
 */
import type { SchoolCaseSummary } from '../types.js';

const ENDED: Record<string, string[]> = { abolition: ['accepted'], suspension: ['abolished', 'revoked'] };

/** The school's training ended (abolished, or certification revoked) in a fiscal year before `fiscalYear`. */
export const trainingEndedBefore = (cases: SchoolCaseSummary[], fiscalYear: number) =>
  cases.some((c) => c.done && (ENDED[c.procedure] ?? []).includes(c.state) && c.fiscalYear < fiscalYear);
