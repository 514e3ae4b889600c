import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { roleMay } from '@oise/accounts';
import { loadHierarchy } from '@oise/catalog';
import { OiseError, formatNumberFr } from '@oise/core';
import { neighbourKey, publicIdentityOf, publicIdentityText, revoke, trustedNeighbours } from '@oise/node';
import { enrollNeighbour, isStarterPackage, previewEnrolment, starterFileName } from '@oise/sync';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { UPLOAD_FILE_MAX_BYTES } from '../uploads/receive-bundles.js';
import { discardStaged, receiveOneFile, stagedFile, stagedToken } from '../uploads/receive-file.js';
import { frameOf } from '../views/frame-of.js';
import {
  ENROL_FIELD,
  RELATION_LABELS,
  VoisinsPage,
  type VoisinsView,
} from '../views/reglages-voisins-page.js';
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
  if (!NODE_CODE.test(code))
    return refuse(c, 400, 'Code inconnu', `« ${code} » n'est pas le code d'un nœud (ML, ML04, ML0401…).`);
  return { code };
});

const confirmForm = validator('form', (value, c) => {
  const token = typeof value.jeton === 'string' ? value.jeton : '';
  const fingerprint = typeof value.empreinte === 'string' ? value.empreinte.slice(0, 200) : '';
  if (!token || !fingerprint)
    return refuse(
      c,
      400,
      'Formulaire incomplet',
      'Le formulaire de confirmation est incomplet : choisissez de nouveau le fichier.',
    );
  return { token, fingerprint, confirmed: value.correspond === 'oui' };
});

const starterParam = validator('param', (value, c) => {
  const code = value.code ?? '';
  if (!NODE_CODE.test(code))
    return refuse(c, 404, 'Paquet introuvable', "Ce paquet de démarrage n'existe pas (ou plus).");
  return { code };
});

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
    const upload = await receiveOneFile(node.paths.root, c.req.raw, {
      field: ENROL_FIELD,
      maxBytes: UPLOAD_FILE_MAX_BYTES,
      what: 'un fichier de clé (oise key export) ni un paquet de démarrage',
      nowMs: Date.parse(deps.clock()),
    });
    if (upload.kind === 'refused') return refused(c, upload.message, upload.status);
    const { file } = upload;
    try {
      if (!isStarterPackage(file.path) && file.size > KEY_FILE_MAX_BYTES)
        throw new OiseError(
          'KEY_FILE_INVALID',
          `ce fichier de ${formatNumberFr(Math.round(file.size / 1024), 0)} Kio n'est pas une clé publique OISE (quelques centaines d'octets) ni un paquet de démarrage. Demandez au voisin le fichier produit par « oise key export ».`,
          { file: file.name },
        );
      const preview = await previewEnrolment(node, file.path);
      if (preview.alreadyEnrolled) {
        discardStaged(file.path);
        return refused(
          c,
          `${preview.code} est déjà enrôlé avec cette clé (empreinte ${preview.fingerprint}) : rien à faire.`,
        );
      }
      return page(c, { pending: { token: stagedToken(file.path), name: file.name, preview } });
    } catch (error) {
      discardStaged(file.path);
      if (error instanceof OiseError) return refused(c, `${file.name} : ${error.message}`);
      throw error;
    }
  });

  app.post('/enroler/confirmer', requirePermission('admin'), confirmForm, async (c) => {
    const { token, fingerprint, confirmed } = c.req.valid('form');
    const path = stagedFile(node.paths.root, token);
    if (!path)
      return refused(
        c,
        "Le fichier lu n'est plus là (page trop ancienne, ou déjà enrôlé) : choisissez-le de nouveau.",
      );
    if (!confirmed)
      return page(
        c,
        {
          notice: {
            kind: 'error',
            text: "Cochez « L'empreinte correspond à celle lue au téléphone » pour enrôler la clé ; sinon, annulez.",
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
      return page(c, { notice: { kind: 'ok', text: enrolledText(result) }, ...starterOf(result) });
    } catch (error) {
      if (!(error instanceof OiseError)) throw error;
      // A pass holds the node: the file stays read, to confirm again in a moment.
      keep = error.code === 'NODE_BUSY';
      if (!keep) return refused(c, error.message);
      return page(
        c,
        {
          notice: { kind: 'error', text: error.message },
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
    if (!existsSync(path))
      return refuse(c, 404, 'Paquet introuvable', "Ce paquet de démarrage n'existe pas (ou plus).");
    return c.body(readFileSync(path), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });

  app.post('/revoquer', requirePermission('admin'), codeForm, async (c) => {
    const { code } = c.req.valid('form');
    const known = await neighbourKey(node, code);
    if (!(await revoke(node, code, deps.clock())))
      return refused(c, `Aucune clé active de ${code} à révoquer.`, known ? 400 : 404);
    deps.log(`clé de ${code} révoquée par ${c.get('viewer').login}`);
    return page(c, {
      notice: {
        kind: 'ok',
        text: `Clé de ${code} révoquée : ses paquets sont refusés désormais. Un nouvel enrôlement la remplace.`,
      },
    });
  });

  return app;
}

function enrolledText(result: Awaited<ReturnType<typeof enrollNeighbour>>): string {
  if (result.kind === 'key') {
    const { identity, relation, changed } = result.enrolment;
    return changed
      ? `${identity.code} enrôlé comme ${RELATION_LABELS[relation]} (empreinte ${identity.fingerprint}).`
      : `${identity.code} était déjà enrôlé avec cette clé (empreinte ${identity.fingerprint}).`;
  }
  const { header, enrolled, results } = result.applied;
  const rejected = results.filter((r) => r.status === 'rejected');
  const head = enrolled
    ? `Paquet de démarrage de ${header.parent.code} : ${header.parent.code} enrôlé comme parent.`
    : `Paquet de démarrage de ${header.parent.code} : ${header.parent.code} était déjà enrôlé avec cette clé.`;
  return rejected.length
    ? `${head} Paquet(s) refusé(s) : ${rejected.map((r) => `${r.file} (${r.reason})`).join(' ; ')}.`
    : `${head} Territoire appliqué : ${formatNumberFr(header.territory.communes, 0)} communes de ce nœud ; catalogue : ${formatNumberFr(header.indicators, 0)} indicateurs.`;
}

function starterOf(result: Awaited<ReturnType<typeof enrollNeighbour>>): Partial<VoisinsView> {
  if (result.kind !== 'key' || !result.starter) return {};
  const code = result.enrolment.identity.code;
  return { starter: { code, file: starterFileName(code) } };
}
