/** The environment, parsed once. Nothing else reads process.env. */
import { z } from 'zod';

/** An on/off variable: true/false, 1/0, yes/no, on/off (case-insensitive); unset or empty: the default; anything else is refused. */
const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['', '1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']))
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(v)));

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url().optional(),
    /** postgres.js connections the server keeps (DATABASE_URL only); each transaction holds one while it runs. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().default('./data'),
    PUBLIC_URL: z.string().url().default('http://localhost:3000'),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('認定訓練ワークフロー <no-reply@localhost>'),
    /** Pins the clock for demos; refused in production. */
    NOW: z.string().datetime({ offset: true }).optional(),
    SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).default(5000),
    /** Failed firings of one timer before it becomes an incident (status failed, visible at GET /api/incidents). */
    TIMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
    /** false: this node fires no timers (an API-only node beside a worker node); not even one pass at start-up. */
    SCHEDULER_ENABLED: booleanFlag(true),
    /** false: this node sends no notifications and no digest (the outbox waits for a node that dispatches). */
    DISPATCHER_ENABLED: booleanFlag(true),
    /** Outbox dispatcher (src/notify): poll interval, retries, backoff and lease. */
    DISPATCH_INTERVAL_MS: z.coerce.number().int().min(50).default(5000),
    DISPATCH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    DISPATCH_BACKOFF_MS: z.coerce.number().int().min(1).default(60_000),
    DISPATCH_BACKOFF_MAX_MS: z.coerce.number().int().min(1).default(6 * 60 * 60_000),
    DISPATCH_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
    /** Hour (Asia/Tokyo, 0-23) from which the daily digest goes out. */
    DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    INSPECT: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
  })
  .refine((c) => !(c.NODE_ENV === 'production' && c.NOW), {
    message: 'NOW pins the clock and is refused when NODE_ENV=production',
    path: ['NOW'],
  });

export type Config = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
