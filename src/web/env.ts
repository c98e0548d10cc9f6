/** What web handlers read from the context: the signed-in user (null when signed out) and the form token. */
import type { Principal } from '../db/directory.js';
import type { FormStash, StashedForm } from './auth/form-stash.js';

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
    /** Where a form posted after the session expired is kept (null when the app keeps none). */
    formStash: { stash: FormStash; secure: boolean; ownerOf: () => Promise<string | null> } | null;
    /** A form kept when the session expired, for the page being shown (set by requireUser after sign-in). */
    restoredForm?: StashedForm;
  };
}
