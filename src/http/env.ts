/** What every request handler can read from the context. */
import type { Principal } from '../db/directory.js';

export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}
