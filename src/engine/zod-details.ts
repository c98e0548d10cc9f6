/** zod issues as `details` of a 400: the field path, the Japanese label's message, and the code. */
import type { z } from 'zod';

export function zodDetails(error: z.ZodError) {
  return {
    issues: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code })),
  };
}
