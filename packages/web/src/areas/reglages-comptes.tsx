import {
  type Role,
  addAccount,
  isRole,
  listAccounts,
  removeAccount,
  setAccountPassword,
} from '@oise/accounts';
import { OiseError } from '@oise/core';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { errorMessage, text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { frameOf } from '../views/frame-of.js';
import { ComptesPage, type ComptesView } from '../views/reglages-comptes-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

const field = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

const loginForm = validator('form', (value) => ({ login: field(value.login, 100) }));

/** A new password typed twice; the two must match, as `oise user add` asks them on a terminal. */
const passwordForm = validator('form', (value, c) => {
  const role = field(value.role, 20);
  if (role && !isRole(role)) {
    const t = text(c.get('lang'), reglagesText);
    return refuse(c, 400, t.unknownRole, t.unknownRoleText(role));
  }
  return {
    login: field(value.login, 100),
    role: (role || 'lecture') as Role,
    password: field(value.mot_de_passe, 1024),
    confirmation: field(value.confirmation, 1024),
  };
});

/** *Comptes* (admin): the functions of `oise user add|passwd|remove|list`. Passwords are never sent back. */
export function comptesRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { db } = deps.node;
  const page = async (c: Context<WebEnv>, extra: Partial<ComptesView> = {}, status: 200 | 400 = 200) =>
    renderHtml(
      c,
      <ComptesPage
        frame={await frameOf(c, deps)}
        view={{ accounts: await listAccounts(db), loopback: deps.mode === 'loopback', ...extra }}
      />,
      status,
    );
  /** A refusal of the accounts package shown on the page (its French message, after the code's meaning in English), the rest passed on. */
  const attempt = async (c: Context<WebEnv>, work: () => Promise<string>, typed?: ComptesView['typed']) => {
    try {
      const done = await work();
      return page(c, { notice: { kind: 'ok', text: done } });
    } catch (error) {
      if (error instanceof OiseError)
        return page(c, { notice: { kind: 'error', text: errorMessage(error, c.get('lang')) }, typed }, 400);
      throw error;
    }
  };
  const by = (c: Context<WebEnv>) => c.get('viewer').login;
  /** The two passwords typed must match, or nothing is changed (in the page's language). */
  const sameTwice = (c: Context<WebEnv>, password: string, confirmation: string) => {
    if (password !== confirmation)
      throw new OiseError('ACCOUNT_PASSWORD_MISMATCH', text(c.get('lang'), reglagesText).mismatch);
  };

  app.get('/', requirePermission('admin'), (c) => page(c));

  app.post('/ajouter', requirePermission('admin'), passwordForm, (c) => {
    const { login, role, password, confirmation } = c.req.valid('form');
    const t = text(c.get('lang'), reglagesText);
    return attempt(
      c,
      async () => {
        sameTwice(c, password, confirmation);
        const account = await addAccount(db, { login, role, password, now: deps.clock() });
        deps.log(`compte « ${account.login} » (${account.role}) créé par ${by(c)}`);
        return t.accountAdded(account.login, account.role);
      },
      { login, role },
    );
  });

  app.post('/mot-de-passe', requirePermission('admin'), passwordForm, (c) => {
    const { login, password, confirmation } = c.req.valid('form');
    const t = text(c.get('lang'), reglagesText);
    return attempt(c, async () => {
      sameTwice(c, password, confirmation);
      await setAccountPassword(db, { login, password, now: deps.clock() });
      deps.log(`mot de passe de « ${login} » changé par ${by(c)}`);
      return t.passwordChanged(login);
    });
  });

  app.post('/supprimer', requirePermission('admin'), loginForm, (c) => {
    const { login } = c.req.valid('form');
    const t = text(c.get('lang'), reglagesText);
    return attempt(c, async () => {
      await removeAccount(db, login);
      deps.log(`compte « ${login} » supprimé par ${by(c)}`);
      return t.accountRemoved(login);
    });
  });

  return app;
}
