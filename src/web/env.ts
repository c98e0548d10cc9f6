/** What web handlers read from the context: the signed-in user (null when signed out) and the form token. */
import type { Principal } from '../db/directory.js';

export interface WebUser extends Principal {
  email: string;
  name: string | null;
  orgName: string | null;
  /** The session's CSRF token, put in every form. */
  csrf: string;
}

export interface WebEnv {
  Variables: {
    principal: Principal;
    requestId: string;
    user: WebUser | null;
  };
}
