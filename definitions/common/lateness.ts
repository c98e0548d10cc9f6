/** Soft deadlines never block: a late filing is recorded on the case instead. */
import { daysBetween, tokyoDate, type IsoDate } from '../../src/domain/dates.js';
import type { DeadlineRule, EngineEvent } from '../types.js';
import { resolveDeadline } from './deadline-dates.js';
import { settingsOfEvent } from './settings.js';

export interface LateFiling {
  deadline: string;
  label: string;
  nominal: IsoDate;
  effective: IsoDate;
  filedOn: IsoDate;
  daysLate: number;
}

export function lateFiling<C>(rule: DeadlineRule<C>, context: C, event: Pick<EngineEvent, 'at' | 'settings' | 'settingsOf'>): LateFiling | null {
  const due = resolveDeadline(rule, context, event.settings, settingsOfEvent(event));
  if (!due) return null;
  const filedOn = tokyoDate(event.at);
  const daysLate = daysBetween(due.effective, filedOn);
  if (daysLate <= 0) return null;
  return { deadline: rule.name, label: rule.label, nominal: due.nominal, effective: due.effective, filedOn, daysLate };
}
