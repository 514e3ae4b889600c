import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { Role } from './roles.js';

/** A session lasts a working day, then the person signs in again. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
/** Browsers signed in at once per account; the oldest ends beyond this. */
const MAX_SESSIONS_PER_ACCOUNT = 10;

/** A signed-in browser: `token` goes in its cookie, `csrfToken` in its forms. */
export interface Session {
  login: string;
  role: Role;
  csrfToken: string;
  expiresAt: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Opens a session for `login` (which must exist); returns it with the cookie's token. */
export async function openSession(
  db: Kysely<Database>,
  login: string,
  options: { now: string; lifetimeMs?: number },
): Promise<Session & { token: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(
    Date.parse(options.now) + (options.lifetimeMs ?? SESSION_LIFETIME_MS),
  ).toISOString();
  const role = await db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom('web_account')
      .select('role')
      .where('login', '=', login)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('web_session').where('expires_at', '<=', options.now).execute();
    await trx
      .insertInto('web_session')
      .values({
        id: digest(token),
        login,
        csrf_token: csrfToken,
        created_at: options.now,
        expires_at: expiresAt,
      })
      .execute();
    const extra = await trx
      .selectFrom('web_session')
      .select('id')
      .where('login', '=', login)
      .orderBy('created_at', 'desc')
      .offset(MAX_SESSIONS_PER_ACCOUNT)
      .limit(1000)
      .execute();
    if (extra.length > 0)
      await trx
        .deleteFrom('web_session')
        .where(
          'id',
          'in',
          extra.map((e) => e.id),
        )
        .execute();
    return account.role;
  });
  return { token, login, role, csrfToken, expiresAt };
}

/** The live session of a cookie's token, with the account's current role; undefined otherwise. */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: string,
): Promise<Session | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const row = await db
    .selectFrom('web_session')
    .innerJoin('web_account', 'web_account.login', 'web_session.login')
    .select(['web_session.login', 'web_account.role', 'web_session.csrf_token', 'web_session.expires_at'])
    .where('web_session.id', '=', digest(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return undefined;
  return { login: row.login, role: row.role, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

/** Ends the session of a cookie's token (signing out); unknown tokens are ignored. */
export async function closeSession(db: Kysely<Database>, token: string): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  await db.deleteFrom('web_session').where('id', '=', digest(token)).execute();
}

/** Deletes expired sessions; returns how many. */
export async function purgeExpiredSessions(db: Kysely<Database>, now: string): Promise<number> {
  const r = await db.deleteFrom('web_session').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
