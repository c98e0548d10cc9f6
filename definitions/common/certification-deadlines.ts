/**
 * The three deadlines after the numbers are issued, the same for both exams: the school's application 2 weeks
 * before delivery (hard), HQ's 知事証明 the day before (soft), delivery on the day (soft). Only the names of
 * the forms and of the certificate differ.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import type { DeadlineRule } from '../types.js';

interface Delivering {
  application: { deliveryDate: IsoDate } | null;
  plannedDeliveryDate: IsoDate;
}

export function certificationDeadlines<C extends Delivering>(names: {
  /** '合格証書' / '修了証書' */
  certificate: string;
  applicationLabel: string;
  applicationForm: string;
}) {
  const deliveryDate = {
    label: `${names.certificate}交付予定日`,
    resolve: (c: C) => c.application?.deliveryDate ?? c.plannedDeliveryDate,
  };
  const certificationApplication: DeadlineRule<C> = {
    name: 'certificationApplication',
    label: names.applicationLabel,
    form: names.applicationForm,
    party: 'school',
    supervisor: 'hq',
    enforcement: 'hard',
    anchor: deliveryDate,
    offset: { weeks: 2 },
    direction: 'before',
    reminders: [14, 7, 1],
    remedy: `${names.certificate}の交付予定日を2週間以上先に変更して申請してください。`,
  };
  const certification: DeadlineRule<C> = {
    name: 'certification',
    label: '知事証明',
    party: 'hq',
    supervisor: 'hq',
    enforcement: 'soft',
    anchor: deliveryDate,
    offset: { days: 1 },
    direction: 'before',
    reminders: [3, 1],
  };
  const delivery: DeadlineRule<C> = {
    name: 'delivery',
    label: `${names.certificate}の交付`,
    party: 'school',
    supervisor: 'hq',
    enforcement: 'soft',
    anchor: deliveryDate,
    offset: {},
    direction: 'after',
    reminders: [1],
  };
  return { certificationApplication, certification, delivery };
}
