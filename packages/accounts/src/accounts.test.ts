import { SYNCED_TABLES } from '@oise/schema';
import { openTestDatabase, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import {
  addAccount,
  checkCredentials,
  hasAccounts,
  listAccounts,
  removeAccount,
  setAccountPassword,
} from './accounts.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { parseRole, roleMay } from './roles.js';
import {
  SESSION_LIFETIME_MS,
  closeSession,
  findSession,
  openSession,
  purgeExpiredSessions,
} from './sessions.js';

const NOW = '2025-04-10T09:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

describe('accounts', () => {
  test('scrypt hashes: salted, self-describing, verified; malformed strings never match', async () => {
    const a = await hashPassword('mot de passe 1');
    const b = await hashPassword('mot de passe 1');
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mot de passe 1', a)).toBe(true);
    expect(await verifyPassword('mot de passe 2', a)).toBe(false);
    expect(await verifyPassword('mot de passe 1', 'plain')).toBe(false);
    expect(await verifyPassword('mot de passe 1', a.replace('$32768$', `$${2 ** 24}$`))).toBe(false);
  });

  test('add, check, change password, remove; the hash is never listed', async ({ tmp }) => {
    const store = await openTestDatabase(tmp);
    const db = store.db;
    expect(await hasAccounts(db)).toBe(false);
    await addAccount(db, { login: ' Aminata.Traore ', role: 'saisie', password: 'secret-bamako', now: NOW });
    expect(await hasAccounts(db)).toBe(true);
    await expect(
      addAccount(db, { login: 'aminata.traore', role: 'admin', password: 'autre-secret', now: NOW }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_EXISTS' });
    await expect(
      addAccount(db, { login: 'x y', role: 'admin', password: 'longenough', now: NOW }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_LOGIN_INVALID' });
    await expect(
      addAccount(db, { login: 'moussa', role: 'admin', password: 'court', now: NOW }),
    ).rejects.toMatchObject({
      code: 'ACCOUNT_PASSWORD_WEAK',
    });
    expect(await listAccounts(db)).toEqual([
      { login: 'aminata.traore', role: 'saisie', createdAt: NOW, updatedAt: NOW },
    ]);
    expect(await checkCredentials(db, 'AMINATA.TRAORE', 'secret-bamako')).toMatchObject({ role: 'saisie' });
    expect(await checkCredentials(db, 'aminata.traore', 'secret-segou')).toBeUndefined();
    expect(await checkCredentials(db, 'inconnu', 'secret-bamako')).toBeUndefined();

    const session = await openSession(db, 'aminata.traore', { now: NOW });
    await setAccountPassword(db, { login: 'aminata.traore', password: 'nouveau-secret', now: later(1000) });
    // A new password ends the sessions opened with the old one.
    expect(await findSession(db, session.token, later(2000))).toBeUndefined();
    expect(await checkCredentials(db, 'aminata.traore', 'secret-bamako')).toBeUndefined();
    expect(await checkCredentials(db, 'aminata.traore', 'nouveau-secret')).toBeDefined();

    await removeAccount(db, 'aminata.traore');
    expect(await listAccounts(db)).toEqual([]);
    await expect(removeAccount(db, 'aminata.traore')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await expect(
      setAccountPassword(db, { login: 'personne', password: 'longenough', now: NOW }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await store.close();
  });

  test('the last admin account is never removed; another admin can be', async ({ tmp }) => {
    const store = await openTestDatabase(tmp);
    const db = store.db;
    await addAccount(db, { login: 'chef.ccc', role: 'admin', password: 'admin-barouéli', now: NOW });
    await addAccount(db, { login: 'awa', role: 'saisie', password: 'saisie-barouéli', now: NOW });
    await expect(removeAccount(db, 'chef.ccc')).rejects.toMatchObject({ code: 'ACCOUNT_LAST_ADMIN' });
    await expect(removeAccount(db, 'CHEF.CCC')).rejects.toThrow(/dernier compte admin/);
    expect((await listAccounts(db)).map((a) => a.login)).toEqual(['awa', 'chef.ccc']);
    await addAccount(db, { login: 'adjoint', role: 'admin', password: 'admin-adjoint', now: NOW });
    await removeAccount(db, 'chef.ccc');
    await removeAccount(db, 'awa');
    expect((await listAccounts(db)).map((a) => a.login)).toEqual(['adjoint']);
    await expect(removeAccount(db, 'adjoint')).rejects.toMatchObject({ code: 'ACCOUNT_LAST_ADMIN' });
    await store.close();
  });

  test('sessions expire, carry the current role, end on sign-out and with their account', async ({ tmp }) => {
    const store = await openTestDatabase(tmp);
    const db = store.db;
    await addAccount(db, { login: 'csr.segou', role: 'validation', password: 'validation-1', now: NOW });
    const s = await openSession(db, 'csr.segou', { now: NOW });
    expect(s.token).toMatch(/^[\w-]{43}$/);
    expect(s.csrfToken).not.toBe(s.token);
    expect(await findSession(db, s.token, later(SESSION_LIFETIME_MS - 1))).toMatchObject({
      login: 'csr.segou',
      role: 'validation',
      csrfToken: s.csrfToken,
    });
    expect(await findSession(db, s.token, later(SESSION_LIFETIME_MS))).toBeUndefined();
    expect(await purgeExpiredSessions(db, later(SESSION_LIFETIME_MS))).toBe(1);
    expect(await findSession(db, 'not-a-token', NOW)).toBeUndefined();

    const t = await openSession(db, 'csr.segou', { now: NOW });
    await closeSession(db, t.token);
    expect(await findSession(db, t.token, NOW)).toBeUndefined();

    const u = await openSession(db, 'csr.segou', { now: NOW });
    await removeAccount(db, 'csr.segou');
    expect(await findSession(db, u.token, NOW)).toBeUndefined();
    await store.close();
  });

  test('accounts and sessions stay on the PC: they are not synced tables', () => {
    expect(Object.keys(SYNCED_TABLES)).not.toContain('web_account');
    expect(Object.keys(SYNCED_TABLES)).not.toContain('web_session');
  });

  test('roles: lecture never writes, saisie never validates, admin does everything', () => {
    expect(roleMay('lecture', 'read')).toBe(true);
    for (const p of ['entry', 'validate', 'packages', 'admin'] as const)
      expect(roleMay('lecture', p)).toBe(false);
    expect(roleMay('saisie', 'entry')).toBe(true);
    expect(roleMay('saisie', 'validate')).toBe(false);
    expect(roleMay('validation', 'validate')).toBe(true);
    expect(roleMay('validation', 'entry')).toBe(false);
    expect(roleMay('saisie', 'admin') || roleMay('validation', 'admin')).toBe(false);
    for (const p of ['read', 'entry', 'validate', 'packages', 'admin'] as const)
      expect(roleMay('admin', p)).toBe(true);
    expect(parseRole(' Lecture ')).toBe('lecture');
    expect(() => parseRole('chef')).toThrow(/saisie, validation, lecture ou admin/);
  });
});
