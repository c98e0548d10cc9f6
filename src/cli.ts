/**
 * `npm run cli -- <command>`: administration from the shell. Prints JSON on stdout; errors as JSON on stderr
 * with exit code 1 (2 for usage).
 */
import { parseArgs } from 'node:util';
import { defaultRegistry } from '../definitions/index.js';
import { ROLES, type Role } from '../definitions/types.js';
import { definitionProblems } from '../definitions/validate.js';
import { fixedClock, systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { MAX_TOKEN_TTL_DAYS, addOrganization, addUser, revokeToken, revokeUserAccess, rotateToken } from './db/directory.js';
import { seedDemo } from './demo.js';
import { AppError } from './errors.js';
import { readSettings, updateSettings } from './engine/settings-update.js';
import { settingsCatalogue } from './engine/settings.js';

const registry = defaultRegistry();
/** One option per setting the definitions declare, its flat name in kebab case ('procedureIdKey' -> --procedure-id-key). */
const settingOptions = settingsCatalogue(registry.list(), [], 2026).map((s) => ({
  name: s.name,
  label: s.label,
  flag: s.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
}));

const USAGE = `usage: npm run cli -- <command>
  org:add --kind school|center|hq --name NAME [--center ORG_ID] [--training-corporation]
  user:add --role school|hq|center|analyst|admin --email EMAIL [--org ORG_ID] [--name NAME] [--ttl-days N]   (the token expires after N days, default 365)
  settings:set --fiscal-year 2026 [--<setting> YYYY-MM-DD ...]   settings: ${settingOptions.map((o) => `--${o.flag} (${o.label})`).join(', ')}
  settings:get --fiscal-year 2026
  definitions:check   (validates every registered procedure definition)
  token:revoke --token TOKEN | --user USER_ID   (--user: every token, web session and unused sign-in link)
  token:rotate --token TOKEN [--ttl-days N]   (a new token for its holder, expiring after N days, default 365; the old one is revoked)
  demo
  backup FILE   (PGlite: writes DATA_DIR to FILE, a gzipped tarball; stop the server first. PostgreSQL: use pg_dump)
  restore FILE [--force]   (PGlite: loads FILE into an empty DATA_DIR; --force moves a non-empty one aside first)`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
// backup / restore work on the data directory itself, before (and instead of) opening the database.
if (command === 'backup' || command === 'restore') await backupCommand(command, rest);
const { values } = parseArgs({
  args: rest,
  options: {
    kind: { type: 'string' },
    name: { type: 'string' },
    center: { type: 'string' },
    'training-corporation': { type: 'boolean' },
    role: { type: 'string' },
    email: { type: 'string' },
    org: { type: 'string' },
    'fiscal-year': { type: 'string' },
    ...Object.fromEntries(settingOptions.map((o) => [o.flag, { type: 'string' as const }])),
    token: { type: 'string' },
    user: { type: 'string' },
    'ttl-days': { type: 'string' },
  },
  strict: true,
});

/** --ttl-days N: a whole number of days from 1 to MAX_TOKEN_TTL_DAYS; undefined when not given (the default applies). */
function ttlDays(): number | undefined {
  if (values['ttl-days'] === undefined) return undefined;
  const n = Number(values['ttl-days']);
  if (!/^\d+$/.test(values['ttl-days']) || n < 1 || n > MAX_TOKEN_TTL_DAYS) usage(`--ttl-days must be a whole number of days from 1 to ${MAX_TOKEN_TTL_DAYS}`);
  return n;
}
const tokenTtlDays = ttlDays();

const config = loadConfig(process.env);
const clock = config.NOW ? fixedClock(config.NOW) : systemClock;
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, viaServer: true });
try {
  await database.migrate();
  const { db } = database;
  let out: unknown;
  switch (command) {
    case 'org:add': {
      const kind = values.kind;
      if (kind !== 'school' && kind !== 'center' && kind !== 'hq') usage('--kind must be school, center or hq');
      if (!values.name) usage('--name is required');
      out = await addOrganization(db, { kind, name: values.name, centerId: values.center, trainingCorporation: values['training-corporation'] });
      break;
    }
    case 'user:add': {
      if (!ROLES.includes(values.role as Role)) usage(`--role must be one of ${ROLES.join(', ')}`);
      if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) usage('--email must be an email address');
      out = await addUser(db, { role: values.role as Role, email: values.email, orgId: values.org, name: values.name, tokenTtlDays }, clock.now());
      break;
    }
    case 'settings:set': {
      // Every other option names a setting a definition declares, in kebab case: --skill-check-question-filing 2026-10-02.
      const fiscalYear = Number(values['fiscal-year']);
      if (!Number.isInteger(fiscalYear)) usage('--fiscal-year is required');
      const options = values as Record<string, unknown>;
      const given = Object.fromEntries(settingOptions.filter((o) => options[o.flag] !== undefined).map((o) => [o.name, options[o.flag]]));
      if (!Object.keys(given).length) usage(`give at least one of ${settingOptions.map((o) => `--${o.flag}`).join(', ')}`);
      out = await updateSettings(db, registry, fiscalYear, given, null, clock.now());
      break;
    }
    case 'settings:get': {
      const fiscalYear = Number(values['fiscal-year']);
      if (!Number.isInteger(fiscalYear)) usage('--fiscal-year is required');
      out = await readSettings(db, registry, fiscalYear);
      break;
    }
    case 'definitions:check': {
      const problems = registry.list().map((d) => ({ procedure: d.id, version: d.version, problems: definitionProblems(d) }));
      const ok = problems.every((p) => p.problems.length === 0);
      out = { ok, procedures: problems };
      if (!ok) process.exitCode = 1;
      break;
    }
    case 'token:revoke': {
      if (!!values.token === !!values.user) usage('give exactly one of --token or --user');
      if (values.token) {
        out = { revoked: await revokeToken(db, values.token, clock.now()) };
      } else {
        if (!/^[0-9a-f-]{36}$/i.test(values.user!)) usage('--user must be a user id (UUID)');
        const revoked = await revokeUserAccess(db, values.user!, clock.now());
        if (!revoked) throw new AppError(404, 'not_found', `user ${values.user} not found`);
        out = { userId: values.user, revoked };
      }
      break;
    }
    case 'token:rotate': {
      if (!values.token) usage('--token is required');
      const rotated = await rotateToken(db, values.token, clock.now(), tokenTtlDays);
      if (!rotated) throw new AppError(401, 'unauthorized', 'the token is unknown, expired or revoked');
      out = rotated;
      break;
    }
    case 'demo':
      out = await seedDemo({ db, clock, publicUrl: config.PUBLIC_URL });
      break;
    default:
      usage(command ? `unknown command '${command}'` : 'no command given');
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} catch (err) {
  const e = err as Error;
  process.stderr.write(`${JSON.stringify({ error: e instanceof AppError ? { code: e.code, message: e.message } : { message: e.message } })}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}

async function backupCommand(which: 'backup' | 'restore', args: string[]): Promise<never> {
  const { values: opts, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) usage(`${which} needs exactly one FILE`);
  const cfg = loadConfig(process.env);
  if (cfg.DATABASE_URL) usage(`${which} is for the embedded PGlite database; with DATABASE_URL use pg_dump / pg_restore (see README, Backups)`);
  const { backupDataDir, restoreDataDir } = await import('./db/backup.js');
  try {
    const result = which === 'backup' ? await backupDataDir(cfg.DATA_DIR, positionals[0]!) : await restoreDataDir(positionals[0]!, cfg.DATA_DIR, { force: opts.force });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.exit(0);
  } catch (err) {
    process.stderr.write(`${JSON.stringify({ error: { code: `${which}_failed`, message: (err as Error).message } })}\n`);
    process.exit(1);
  }
}
