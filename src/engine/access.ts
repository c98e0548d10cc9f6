/** Who may see and act on which case. Pure. */
import type { Role } from '../../definitions/types.js';
import type { Principal } from '../db/directory.js';

export interface CaseScope {
  schoolOrgId: string;
  centerOrgId: string | null;
}

/** A school sees its own cases, a centre its region's schools; HQ, analysts and admins see all. */
export function canSee(p: Principal, c: CaseScope): boolean {
  switch (p.role) {
    case 'school':
      return p.orgId !== null && p.orgId === c.schoolOrgId;
    case 'center':
      return p.orgId !== null && p.orgId === c.centerOrgId;
    case 'hq':
    case 'analyst':
    case 'admin':
      return true;
  }
}

export function canSend(p: Principal, roles: readonly Role[], c: CaseScope): boolean {
  return roles.includes(p.role) && canSee(p, c);
}
