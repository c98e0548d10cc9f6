/**
 * `npm run cli -- <command>`: administration from the shell. Prints JSON on stdout; errors as JSON on stderr
 * with exit code 1 (2 for usage).
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../definitions/types.js';
import { fixedClock, systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { addOrganization, addUser, revokeToken, revokeUserAccess } from './db/directory.js';
import { seedDemo } from './demo.js';
import { AppError } from './engine/errors.js';
import { saveSettings, loadSettings } from './engine/settings.js';
import { settingsBody } from './http/routes/settings.js';

const USAGE = `usage: npm run cli -- <command>
  org:add --kind school|center|hq --name NAME [--center ORG_ID] [--training-corporation]
  user:add --role school|hq|center|analyst|admin --email EMAIL [--org ORG_ID] [--name NAME]
  settings:set --fiscal-year 2026 --question-filing YYYY-MM-DD --review-result YYYY-MM-DD --suspension-refiling YYYY-MM-DD
  settings:get --fiscal-year 2026
  token:revoke --token TOKEN | --user USER_ID   (--user: every token, web session and unused sign-in link)
  demo`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
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
    'question-filing': { type: 'string' },
    'review-result': { type: 'string' },
    'suspension-refiling': { type: 'string' },
    token: { type: 'string' },
    user: { type: 'string' },
  },
  strict: true,
});

const config = loadConfig(process.env);
const clock = config.NOW ? fixedClock(config.NOW) : systemClock;
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
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
      out = await addUser(db, { role: values.role as Role, email: values.email, orgId: values.org, name: values.name }, clock.now());
      break;
    }
    case 'settings:set': {
      const fiscalYear = Number(values['fiscal-year']);
      if (!Number.isInteger(fiscalYear)) usage('--fiscal-year is required');
      const parsed = settingsBody.safeParse({
        skillCheckQuestionFiling: values['question-filing'],
        skillCheckReviewResult: values['review-result'],
        suspensionRefiling: values['suspension-refiling'],
      });
      if (!parsed.success) usage(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      await saveSettings(db, { fiscalYear, ...parsed.data }, null, clock.now());
      out = (await loadSettings(db, fiscalYear)).settings;
      break;
    }
    case 'settings:get': {
      const fiscalYear = Number(values['fiscal-year']);
      if (!Number.isInteger(fiscalYear)) usage('--fiscal-year is required');
      out = (await loadSettings(db, fiscalYear)).settings;
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
