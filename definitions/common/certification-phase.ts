/**
 * The certification phase's shared forms and events (知事証明, a return of the application, delivery), with
 * their messages; the numbers and the application differ per procedure and stay in each definition. The
 * states are `machines/certification-phase.ts`.
 */
import { z } from 'zod';
import { formatDateJa } from '../../src/domain/wareki.js';
import type { EventDefinition } from '../types.js';
import { isoDate, longText } from './form-fields.js';

export const certifiedForm = z.object({ certifiedOn: isoDate('証明年月日') }).strict();
export const applicationReturnedForm = z.object({ reason: longText('差戻し理由') }).strict();
export const deliveredForm = z.object({ deliveredOn: isoDate('交付年月日') }).strict();

export interface CertificationEventNames {
  /** The event types: 'CERTIFIED' / 'RECERTIFIED', 'APPLICATION_RETURNED', 'DELIVERED'. */
  certify: string;
  returned: string;
  deliver: string;
  /** '知事証明' / '再証明' */
  certifyLabel: string;
  /** '合格証書' / '修了証書' / '再交付証書' */
  certificate: string;
  /** The application HQ returns, with its forms: '技能照査合格証明申請（様式20-1・20-2・20-3・21）'. */
  application: string;
  /** Labels of the return and the delivery: '合格証明申請の差戻し', '合格証書の交付'. */
  returnedLabel: string;
  deliverLabel: string;
  /** The form of the certification date: `certifiedForm`, or one with its own label. */
  certifiedSchema?: typeof certifiedForm;
}

export function certificationEvents(n: CertificationEventNames): EventDefinition[] {
  const certify: EventDefinition<unknown, typeof certifiedForm> = {
      type: n.certify,
      label: n.certifyLabel,
      roles: ['hq'],
      schema: n.certifiedSchema ?? certifiedForm,
      notify: [
        {
          to: 'school',
          template: 'decision',
          todo: ({ data }) => [`${n.certifyLabel}が行われました（証明年月日 ${formatDateJa(data.certifiedOn)}）。${n.certificate}を交付予定日に交付し、交付後にシステムへ交付を登録してください。`],
        },
      ],
  };
  const returned: EventDefinition<unknown, typeof applicationReturnedForm> = {
      type: n.returned,
      label: n.returnedLabel,
      roles: ['hq'],
      schema: applicationReturnedForm,
      notify: [
        {
          to: 'school',
          template: 'decision',
          todo: () => [`${n.application}が差し戻されました。差戻し理由を確認し、修正のうえ再度申請してください。`],
        },
      ],
  };
  const deliver: EventDefinition<unknown, typeof deliveredForm> = {
      type: n.deliver,
      label: n.deliverLabel,
      roles: ['school'],
      schema: deliveredForm,
      notify: [{ to: 'hq', template: 'received', todo: () => [`${n.certificate}の交付が登録されました。交付年月日を確認してください。`] }],
  };
  return [certify, returned, deliver];
}
