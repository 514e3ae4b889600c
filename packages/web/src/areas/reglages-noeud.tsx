import { roleMay } from '@oise/accounts';
import { listSettings, setSettings, trustedNeighbours } from '@oise/node';
import { checkSettingValue } from '@oise/sync';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { frameOf } from '../views/frame-of.js';
import type { Notice } from '../views/reglages-frame.js';
import {
  NoeudPage,
  SETTING_GROUPS,
  type SettingGroupId,
  groupKeys,
  settingGroups,
} from '../views/reglages-noeud-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** A setting is a path, an address or a short list: a few hundred characters at most. */
const MAX_VALUE_CHARS = 2000;

type Typed = { group: SettingGroupId; values: Record<string, string>; errors: Record<string, string> };

/** *Réglages du nœud*: the settings of `oise settings`, one form per group. */
export function noeudRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { node } = deps;
  /** Which fields the transport group has here: the parent's address below national, each enrolled child's. */
  const shape = async () => ({
    hasParent: node.identity.parentCode !== null,
    children: (await trustedNeighbours(node)).filter((k) => k.relation === 'child').map((k) => k.node_code),
  });
  const page = async (c: Context<WebEnv>, notice?: Notice, typed?: Typed, status: 200 | 400 = 200) => {
    const values = new Map((await listSettings(node.db)).map((s) => [s.key, s.value] as const));
    const groups = settingGroups(values, await shape(), typed, c.get('lang'));
    return renderHtml(
      c,
      <NoeudPage
        frame={await frameOf(c, deps)}
        view={{ groups, canAdmin: roleMay(c.get('viewer').role, 'admin'), notice }}
      />,
      status,
    );
  };

  const groupForm = validator('form', (value, c) => {
    const group = value.groupe;
    if (typeof group !== 'string' || !(SETTING_GROUPS as readonly string[]).includes(group)) {
      const t = text(c.get('lang'), reglagesText);
      return refuse(c, 400, t.unknownForm, t.unknownFormText);
    }
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && k !== '_csrf' && k !== 'groupe') values[k] = v.slice(0, MAX_VALUE_CHARS);
    }
    return { group: group as SettingGroupId, values };
  });

  app.get('/', requirePermission('read'), (c) => page(c));

  app.post('/', requirePermission('admin'), groupForm, async (c) => {
    const { group, values } = c.req.valid('form');
    const t = text(c.get('lang'), reglagesText);
    const stored = new Map((await listSettings(node.db)).map((s) => [s.key, s.value ?? ''] as const));
    // Only the values changed are checked and stored: a field left at its default stays unset.
    const checked = groupKeys(group, await shape())
      .filter((key) => values[key] !== undefined && values[key].trim() !== (stored.get(key) ?? '').trim())
      .map((key) => ({ key, check: checkSettingValue(key, values[key] ?? '') }));
    const errors = Object.fromEntries(
      checked.flatMap(({ key, check }) => (check.ok ? [] : [[key, check.problem] as const])),
    );
    if (Object.keys(errors).length > 0) {
      return page(
        c,
        { kind: 'error', text: t.valuesRefused(Object.keys(errors).length) },
        { group, values, errors },
        400,
      );
    }
    if (checked.length === 0) return page(c, { kind: 'ok', text: t.nothingChanged });
    await setSettings(
      node.db,
      checked.flatMap(({ key, check }) => (check.ok ? [{ key, value: check.value }] : [])),
    );
    deps.log(`réglages « ${group} » modifiés par ${c.get('viewer').login}`);
    return page(c, { kind: 'ok', text: t.settingsSaved });
  });

  return app;
}
