/**
 * Who may use which admin page. The system administrator manages everything. HQ (能力開発課) certifies the
 * training (認定, 法24条; the manual's chapter I) and oversees 職業訓練法人 (revoking an authorisation, 法41条),
 * so it registers schools and their 法人 flag too; it also watches the notifications and deadline timers of the
 * cases it supervises (as the incidents API allows). Centres, HQ itself and users are the system's own set-up:
 * administrators only.
 */
import type { Role } from '../../../definitions/types.js';

export const ADMIN_HOME_ROLES: Role[] = ['admin', 'hq'];
export const ORG_READ_ROLES: Role[] = ['admin', 'hq'];
export const SCHOOL_WRITE_ROLES: Role[] = ['admin', 'hq'];
export const CENTER_WRITE_ROLES: Role[] = ['admin'];
export const USER_ROLES: Role[] = ['admin'];
export const INCIDENT_ROLES: Role[] = ['admin', 'hq'];

export const may = (allowed: Role[], role: Role) => allowed.includes(role);
