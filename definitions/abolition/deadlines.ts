/**
 * The one deadline of an abolition (manual II-4(2), 規則34条): 様式4 is filed when the school 「認定職業訓練を行わなくなった
 * とき」. The manual names no period; this definition ASSUMES one month after the 廃止年月日 (the notice follows the
 * fact). Soft: a later filing is accepted, recorded late on the case, and the centre is told when the day passes.
 * A notice may be filed before the 廃止年月日 too (a planned abolition).
 */
import type { DeadlineRule } from '../types.js';
import type { AbolitionContext } from './context.js';

export const abolitionNotice: DeadlineRule<AbolitionContext> = {
  name: 'abolitionNotice',
  label: '認定職業訓練廃止届',
  form: '様式4',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '廃止年月日', resolve: (c) => c.abolishedOn },
  offset: { months: 1 },
  direction: 'after',
  reminders: [14, 7, 1],
};

export const abolitionDeadlines = { abolitionNotice } satisfies Record<string, DeadlineRule<AbolitionContext>>;
