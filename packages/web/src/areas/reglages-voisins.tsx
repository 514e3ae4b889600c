import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { roleMay } from '@oise/accounts';
import { loadHierarchy } from '@oise/catalog';
import { OiseError } from '@oise/core';
import { neighbourKey, publicIdentityOf, publicIdentityText, revoke, trustedNeighbours } from '@oise/node';
import { enrollNeighbour, isStarterPackage, previewEnrolment, starterFileName } from '@oise/sync';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { type Lang, errorMessage, text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { UPLOAD_FILE_MAX_BYTES } from '../uploads/receive-bundles.js';
import { discardStaged, receiveOneFile, stagedFile, stagedToken } from '../uploads/receive-file.js';
import { frameOf } from '../views/frame-of.js';
import { ENROL_FIELD, VoisinsPage, type VoisinsView, relationLabel } from '../views/reglages-voisins-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** The form of « Enrôler une clé »: one file, streamed. */
export const ENROL_PATH = '/reglages/enroler';
/** A key file is a few hundred bytes; anything much larger is not one (a starter package may be). */
const KEY_FILE_MAX_BYTES = 64 * 1024;

const NODE_CODE = /^[A-Z]{2}(\d{2}){0,3}$/;

/** Where the pages keep the starter packages written for children: `demarrage/` in the node folder. */
const starterFolder = (root: string) => join(root, 'demarrage');

const codeForm = validator('form', (value, c) => {
  const code = typeof value.code === 'string' ? value.code.trim() : '';
  if (!NODE_CODE.test(code)) {
    const t = text(c.get('lang'), reglagesText);
    return refuse(c, 400, t.unknownCode, t.unknownCodeText(code));
  }
  return { code };
});

const confirmForm = validator('form', (value, c) => {
  const token = typeof value.jeton === 'string' ? value.jeton : '';
  const fingerprint = typeof value.empreinte === 'string' ? value.empreinte.slice(0, 200) : '';
  if (!token || !fingerprint) {
    const t = text(c.get('lang'), reglagesText);
    return refuse(c, 400, t.incompleteForm, t.incompleteFormText);
  }
  return { token, fingerprint, confirmed: value.correspond === 'oui' };
});

const starterParam = validator('param', (value, c) => {
  const code = value.code ?? '';
  if (!NODE_CODE.test(code)) return starterGone(c);
  return { code };
});

const starterGone = (c: Context<WebEnv>) => {
  const t = text(c.get('lang'), reglagesText);
  return refuse(c, 404, t.starterNotFound, t.starterGone);
};

/** *Voisins et clés*: this node's key to download, the trusted neighbours, « Enrôler une clé », « Révoquer ». */
export function voisinsRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { node } = deps;
  const page = async (
    c: Context<WebEnv>,
    extra: Partial<VoisinsView> = {},
    status: 200 | 400 | 404 | 413 = 200,
  ) => {
    const hierarchy = await loadHierarchy(node.db);
    const view: VoisinsView = {
      own: {
        code: node.identity.code,
        level: node.identity.level,
        fingerprint: publicIdentityOf(node).fingerprint,
      },
      neighbours: (await trustedNeighbours(node)).map((k) => ({
        code: k.node_code,
        name: hierarchy.get(k.node_code)?.name ?? null,
        relation: k.relation,
        level: k.level,
        fingerprint: k.fingerprint,
        enrolledAt: k.enrolled_at,
      })),
      canAdmin: roleMay(c.get('viewer').role, 'admin'),
      ...extra,
    };
    return renderHtml(c, <VoisinsPage frame={await frameOf(c, deps)} view={view} />, status);
  };
  const refused = (c: Context<WebEnv>, text: string, status: 400 | 404 | 413 = 400) =>
    page(c, { notice: { kind: 'error', text } }, status);

  app.get('/', requirePermission('read'), (c) => page(c));

  app.get('/cle-publique', requirePermission('read'), (c) => {
    const identity = publicIdentityOf(node);
    return c.body(publicIdentityText(identity), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="cle-${identity.code}.json"`,
    });
  });

  app.post('/enroler', requirePermission('admin'), async (c) => {
    const lang = c.get('lang');
    const t = text(lang, reglagesText);
    const upload = await receiveOneFile(node.paths.root, c.req.raw, {
      field: ENROL_FIELD,
      maxBytes: UPLOAD_FILE_MAX_BYTES,
      what: t.keyFileWhat,
      nowMs: Date.parse(deps.clock()),
      lang,
    });
    if (upload.kind === 'refused') return refused(c, upload.message, upload.status);
    const { file } = upload;
    try {
      if (!isStarterPackage(file.path) && file.size > KEY_FILE_MAX_BYTES) {
        discardStaged(file.path);
        return refused(c, t.ofFile(file.name, t.notAKey(Math.round(file.size / 1024))));
      }
      const preview = await previewEnrolment(node, file.path);
      if (preview.alreadyEnrolled) {
        discardStaged(file.path);
        return refused(c, t.alreadyEnrolled(preview.code, preview.fingerprint));
      }
      return page(c, { pending: { token: stagedToken(file.path), name: file.name, preview } });
    } catch (error) {
      discardStaged(file.path);
      if (error instanceof OiseError) return refused(c, t.ofFile(file.name, errorMessage(error, lang)));
      throw error;
    }
  });

  app.post('/enroler/confirmer', requirePermission('admin'), confirmForm, async (c) => {
    const { token, fingerprint, confirmed } = c.req.valid('form');
    const lang = c.get('lang');
    const t = text(lang, reglagesText);
    const path = stagedFile(node.paths.root, token);
    if (!path) return refused(c, t.fileGone);
    if (!confirmed)
      return page(
        c,
        {
          notice: {
            kind: 'error',
            text: t.tickToEnrol,
          },
          pending: {
            token,
            name: basename(path),
            preview: await previewEnrolment(node, path),
          },
        },
        400,
      );
    let keep = false;
    try {
      const preview = await previewEnrolment(node, path);
      let starterOut: string | undefined;
      if (preview.kind === 'key' && preview.relation === 'child') {
        mkdirSync(starterFolder(node.paths.root), { recursive: true });
        starterOut = join(starterFolder(node.paths.root), starterFileName(preview.code));
      }
      const result = await enrollNeighbour(node, path, { now: deps.clock(), fingerprint, starterOut });
      deps.log(`clé de ${preview.code} enrôlée par ${c.get('viewer').login}`);
      return page(c, { notice: { kind: 'ok', text: enrolledText(result, lang) }, ...starterOf(result) });
    } catch (error) {
      if (!(error instanceof OiseError)) throw error;
      // A pass holds the node: the file stays read, to confirm again in a moment.
      keep = error.code === 'NODE_BUSY';
      if (!keep) return refused(c, errorMessage(error, lang));
      return page(
        c,
        {
          notice: { kind: 'error', text: errorMessage(error, lang) },
          pending: { token, name: basename(path), preview: await previewEnrolment(node, path) },
        },
        400,
      );
    } finally {
      if (!keep) discardStaged(path);
    }
  });

  app.get('/demarrage/:code', requirePermission('admin'), starterParam, (c) => {
    const name = starterFileName(c.req.valid('param').code);
    const path = join(starterFolder(node.paths.root), name);
    if (!existsSync(path)) return starterGone(c);
    return c.body(readFileSync(path), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });

  app.post('/revoquer', requirePermission('admin'), codeForm, async (c) => {
    const { code } = c.req.valid('form');
    const t = text(c.get('lang'), reglagesText);
    const known = await neighbourKey(node, code);
    if (!(await revoke(node, code, deps.clock()))) return refused(c, t.noActiveKey(code), known ? 400 : 404);
    deps.log(`clé de ${code} révoquée par ${c.get('viewer').login}`);
    return page(c, { notice: { kind: 'ok', text: t.revoked(code) } });
  });

  return app;
}

function enrolledText(result: Awaited<ReturnType<typeof enrollNeighbour>>, lang: Lang): string {
  const t = text(lang, reglagesText);
  if (result.kind === 'key') {
    const { identity, relation, changed } = result.enrolment;
    return changed
      ? t.keyEnrolled(identity.code, relationLabel(relation, lang), identity.fingerprint)
      : t.keyKnown(identity.code, identity.fingerprint);
  }
  const { header, enrolled, results } = result.applied;
  const rejected = results.filter((r) => r.status === 'rejected');
  const head = t.starterApplied(header.parent.code, enrolled);
  return rejected.length
    ? `${head}${t.starterRejected(rejected.map((r) => `${r.file} (${r.reason})`).join(' ; '))}`
    : `${head}${t.starterTerritory(header.territory.communes, header.indicators)}`;
}

function starterOf(result: Awaited<ReturnType<typeof enrollNeighbour>>): Partial<VoisinsView> {
  if (result.kind !== 'key' || !result.starter) return {};
  const code = result.enrolment.identity.code;
  return { starter: { code, file: starterFileName(code) } };
}
