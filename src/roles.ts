/** Roles as people read them. Codes (`hq`, `center`) stay in the API's data; messages and pages use these labels. */
import type { Role } from '../definitions/types.js';

export const ROLE_LABELS: Record<Role, string> = {
  school: '訓練校',
  hq: '本庁',
  center: 'センター',
  analyst: '分析担当',
  admin: 'システム管理者',
};

/** One role's label; an unknown code (a role of a later version) is shown as 担当者, never as the code. */
export const roleLabel = (role: string): string => (Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as Role] : '担当者');

/** Several roles: 本庁・センター. */
export const roleLabels = (roles: readonly string[]): string => [...new Set(roles.map(roleLabel))].join('・');
