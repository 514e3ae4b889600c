import { OiseError } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { hashPassword, verifyPassword } from './password-hash.js';
import type { Role } from './roles.js';

/** An account as listed (never its hash). */
export interface Account {
  login: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
}

const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 256;

/** A login as stored: trimmed, lower case; a French error when it is not a plain identifier. */
export function normalizeLogin(login: string): string {
  const value = login.trim().toLowerCase();
  if (!LOGIN_PATTERN.test(value)) {
    throw new OiseError(
      'ACCOUNT_LOGIN_INVALID',
      `identifiant « ${login} » refusé : de 2 à 40 caractères, lettres sans accent, chiffres, point, tiret ou soulignement (par exemple aminata.traore).`,
    );
  }
  return value;
}

function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new OiseError(
      'ACCOUNT_PASSWORD_WEAK',
      `le mot de passe doit compter de ${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères ; choisissez-en un plus ${length < PASSWORD_MIN_LENGTH ? 'long' : 'court'}.`,
    );
  }
}

function notFound(login: string): OiseError {
  return new OiseError(
    'ACCOUNT_NOT_FOUND',
    `aucun compte « ${login} » sur ce nœud : vérifiez l'identifiant (oise user list).`,
  );
}

/** Creates an account; refuses a login that exists. */
export async function addAccount(
  db: Kysely<Database>,
  input: { login: string; role: Role; password: string; now: string },
): Promise<Account> {
  const login = normalizeLogin(input.login);
  checkPassword(input.password);
  const existing = await db
    .selectFrom('web_account')
    .select('login')
    .where('login', '=', login)
    .executeTakeFirst();
  if (existing) {
    throw new OiseError(
      'ACCOUNT_EXISTS',
      `le compte « ${login} » existe déjà : changez son mot de passe avec « oise user passwd » ou choisissez un autre identifiant.`,
    );
  }
  const password_hash = await hashPassword(input.password);
  await db
    .insertInto('web_account')
    .values({ login, role: input.role, password_hash, created_at: input.now, updated_at: input.now })
    .execute();
  return { login, role: input.role, createdAt: input.now, updatedAt: input.now };
}

/** Sets a new password; the account's open sessions end, so a stolen session dies with the old one. */
export async function setAccountPassword(
  db: Kysely<Database>,
  input: { login: string; password: string; now: string },
): Promise<void> {
  const login = normalizeLogin(input.login);
  checkPassword(input.password);
  const password_hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('web_account')
      .set({ password_hash, updated_at: input.now })
      .where('login', '=', login)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound(login);
    await trx.deleteFrom('web_session').where('login', '=', login).execute();
  });
}

/**
 * Removes an account and its sessions. The last admin account stays: without it nobody could
 * manage the accounts or the settings through the pages.
 */
export async function removeAccount(db: Kysely<Database>, loginText: string): Promise<void> {
  const login = normalizeLogin(loginText);
  await db.transaction().execute(async (trx) => {
    const admins = await trx.selectFrom('web_account').select('login').where('role', '=', 'admin').execute();
    if (admins.length === 1 && admins[0]?.login === login) {
      throw new OiseError(
        'ACCOUNT_LAST_ADMIN',
        `le compte « ${login} » est le dernier compte admin : sans lui, personne ne pourrait plus gérer les comptes ni les réglages. Créez d'abord un autre compte admin, puis supprimez celui-ci.`,
      );
    }
    await trx.deleteFrom('web_session').where('login', '=', login).execute();
    const r = await trx.deleteFrom('web_account').where('login', '=', login).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound(login);
  });
}

/** Every account, by login. */
export async function listAccounts(db: Kysely<Database>): Promise<Account[]> {
  const rows = await db
    .selectFrom('web_account')
    .select(['login', 'role', 'created_at', 'updated_at'])
    .orderBy('login')
    .execute();
  return rows.map((r) => ({
    login: r.login,
    role: r.role,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function hasAccounts(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('web_account').select('login').limit(1).executeTakeFirst()) !== undefined;
}

/** A hash of no password (made once, when first needed): an unknown login costs the same time. */
let dummyHash: Promise<string> | undefined;

/**
 * The account when `login` and `password` match, else undefined (unknown login and wrong
 * password answer alike, and take as long).
 */
export async function checkCredentials(
  db: Kysely<Database>,
  loginText: string,
  password: string,
): Promise<Account | undefined> {
  const login = loginText.trim().toLowerCase();
  const row = LOGIN_PATTERN.test(login)
    ? await db.selectFrom('web_account').selectAll().where('login', '=', login).executeTakeFirst()
    : undefined;
  dummyHash ??= hashPassword('compte inexistant');
  const ok = await verifyPassword(
    password.slice(0, PASSWORD_MAX_LENGTH * 4),
    row?.password_hash ?? (await dummyHash),
  );
  if (!row || !ok) return undefined;
  return { login: row.login, role: row.role, createdAt: row.created_at, updatedAt: row.updated_at };
}
