import { basename } from 'node:path';
import { UsageError, formatNumberFr } from '@oise/core';
import { withNode } from '@oise/node';
import { type NeighbourEnrolment, enrollNeighbour } from '@oise/sync';
import { nodeDir, optionalString } from '../args.js';
import { type CommandContext, defineCommand } from '../command.js';

export default defineCommand({
  path: ['enroll'],
  summary: {
    fr: "enrôle un voisin : la clé d'un enfant, ou le paquet de démarrage du parent",
    en: "trusts a neighbour: a child's key, or the parent's starter package",
  },
  usage: `Usage : oise enroll --dir DOSSIER FICHIER [--out PAQUET] [--fingerprint EMPREINTE] [--json]

Met en place un nouveau nœud, une commande de chaque côté :
- chez le parent, FICHIER est la clé de l'enfant (oise key export) : l'enfant est enrôlé et son
  « paquet de démarrage » est écrit (--out, par défaut demarrage-CODE.oise à côté de la clé) :
  la clé publique du parent, le territoire et le catalogue d'indicateurs ;
- chez l'enfant, FICHIER est ce paquet de démarrage : le parent est enrôlé et le territoire et
  le catalogue sont appliqués (oise template marche tout de suite).
Les deux commandes affichent l'empreinte du parent : comparez-la par téléphone avant de
transmettre quoi que ce soit. --fingerprint refuse une clé ou un paquet d'une autre empreinte.
FICHIER peut aussi être la clé du parent (l'enfant lui fait confiance, sans territoire).`,
  options: { out: { type: 'string' }, fingerprint: { type: 'string' } },
  allowPositionals: true,
  async run(ctx) {
    const [file, ...extra] = ctx.positionals;
    if (!file || extra.length > 0)
      throw new UsageError(
        ctx.t(
          'indiquez un seul fichier : une clé (oise key export) ou un paquet de démarrage.',
          'give exactly one file: a key (oise key export) or a starter package.',
        ),
      );
    return withNode(nodeDir(ctx), async (node) => {
      const result = await enrollNeighbour(node, file, {
        now: ctx.now,
        starterOut: optionalString(ctx, 'out'),
        fingerprint: optionalString(ctx, 'fingerprint'),
      });
      if (ctx.json) {
        ctx.printJson(jsonOf(result));
        return result.kind === 'starter' && result.applied.results.some((r) => r.status === 'rejected')
          ? 1
          : 0;
      }
      return result.kind === 'key'
        ? printKey(ctx, result, node.identity.code)
        : printStarter(ctx, result, nodeDir(ctx));
    });
  },
});

function jsonOf(result: NeighbourEnrolment) {
  if (result.kind === 'key')
    return {
      kind: 'key',
      code: result.enrolment.identity.code,
      relation: result.enrolment.relation,
      fingerprint: result.enrolment.identity.fingerprint,
      changed: result.enrolment.changed,
      ownFingerprint: result.ownFingerprint,
      starter: result.starter
        ? {
            file: result.starter.file,
            territory: result.starter.header.territory,
            indicators: result.starter.header.indicators,
            bundles: result.starter.header.bundles.map((b) => b.name),
          }
        : null,
    };
  const a = result.applied;
  return {
    kind: 'starter',
    code: a.header.parent.code,
    relation: 'parent',
    fingerprint: a.header.parent.fingerprint,
    changed: a.enrolled,
    ownFingerprint: a.ownFingerprint,
    territory: a.header.territory,
    indicators: a.header.indicators,
    results: a.results,
  };
}

function printKey(
  ctx: CommandContext,
  result: Extract<NeighbourEnrolment, { kind: 'key' }>,
  me: string,
): number {
  const { identity, relation, changed } = result.enrolment;
  const who = relation === 'parent' ? ctx.t('parent', 'parent') : ctx.t('enfant', 'child');
  ctx.out(
    changed
      ? ctx.t(
          `${identity.code} enrôlé comme ${who} (empreinte ${identity.fingerprint}).`,
          `${identity.code} enrolled as ${who} (fingerprint ${identity.fingerprint}).`,
        )
      : ctx.t(
          `${identity.code} était déjà enrôlé avec cette clé (empreinte ${identity.fingerprint}).`,
          `${identity.code} was already enrolled with this key (fingerprint ${identity.fingerprint}).`,
        ),
  );
  const starter = result.starter;
  if (!starter) {
    ctx.out(
      ctx.t(
        `Par téléphone, comparez cette empreinte avec celle que ${identity.code} lit sur son écran (oise key export) : si elles diffèrent, révoquez la clé (oise key revoke --code ${identity.code}).`,
        `By phone, compare this fingerprint with the one ${identity.code} reads on its screen (oise key export); if they differ, revoke the key (oise key revoke --code ${identity.code}).`,
      ),
    );
    return 0;
  }
  const h = starter.header;
  ctx.out(
    ctx.t(
      `Paquet de démarrage écrit : ${starter.file} (territoire : ${formatNumberFr(h.territory.units)} collectivités, dont ${formatNumberFr(h.territory.communes)} communes de ${identity.code} ; catalogue : ${formatNumberFr(h.indicators)} indicateurs).`,
      `Starter package written: ${starter.file} (territory: ${h.territory.units} units, ${h.territory.communes} communes of ${identity.code}; catalog: ${h.indicators} indicators).`,
    ),
  );
  if (h.territory.communes === 0)
    ctx.out(
      ctx.t(
        `Attention : ce nœud n'a pas encore le territoire de ${identity.code}, le paquet ne le porte donc pas. Appliquez d'abord le paquet de démarrage de votre parent, puis refaites cette commande.`,
        `Warning: this node does not hold ${identity.code}'s territory yet, so the package does not carry it. Apply your parent's starter package first, then run this command again.`,
      ),
    );
  ctx.out(
    ctx.t(
      `Remettez-le à ${identity.code} (clé USB, courriel), qui l'applique avec : oise enroll --dir SON_DOSSIER ${basename(starter.file)}`,
      `Hand it to ${identity.code} (USB key, e-mail), who applies it with: oise enroll --dir ITS_FOLDER ${basename(starter.file)}`,
    ),
  );
  ctx.out(
    ctx.t(
      `Par téléphone, lisez à ${identity.code} l'empreinte de ce nœud (${me}) : ${result.ownFingerprint}. Il doit voir la même en appliquant le paquet ; sinon, le paquet a été remplacé en chemin et il ne doit pas l'appliquer.`,
      `By phone, read to ${identity.code} this node's (${me}) fingerprint: ${result.ownFingerprint}. It must see the same when applying the package; otherwise the package was replaced on the way and must not be applied.`,
    ),
  );
  return 0;
}

function printStarter(
  ctx: CommandContext,
  result: Extract<NeighbourEnrolment, { kind: 'starter' }>,
  dir: string,
): number {
  const { header, enrolled, results } = result.applied;
  const parent = header.parent;
  ctx.out(
    enrolled
      ? ctx.t(
          `Paquet de démarrage de ${parent.code} : ${parent.code} enrôlé comme parent.`,
          `Starter package from ${parent.code}: ${parent.code} enrolled as parent.`,
        )
      : ctx.t(
          `Paquet de démarrage de ${parent.code} : ${parent.code} était déjà enrôlé avec cette clé.`,
          `Starter package from ${parent.code}: ${parent.code} was already enrolled with this key.`,
        ),
  );
  let rejected = 0;
  for (const r of results) {
    if (r.status === 'rejected') {
      rejected++;
      ctx.err(`${ctx.t('Paquet refusé', 'Bundle refused')} ${r.file} [${r.code}] : ${r.reason}`);
    }
  }
  if (rejected === 0)
    ctx.out(
      ctx.t(
        `Territoire appliqué : ${formatNumberFr(header.territory.communes)} communes de ce nœud (${formatNumberFr(header.territory.units)} collectivités en tout) ; catalogue : ${formatNumberFr(header.indicators)} indicateurs.`,
        `Territory applied: ${header.territory.communes} communes of this node (${header.territory.units} units in all); catalog: ${header.indicators} indicators.`,
      ),
    );
  ctx.out(
    ctx.t(
      `Empreinte de ${parent.code} : ${parent.fingerprint}. Comparez-la par téléphone avec celle que lit ${parent.code} (sa commande oise enroll l'affiche) avant de transmettre quoi que ce soit. Si elles diffèrent, ce paquet ne vient pas de ${parent.code} : ne transmettez rien, supprimez le dossier ${dir} et recommencez la mise en place.`,
      `Fingerprint of ${parent.code}: ${parent.fingerprint}. Compare it by phone with the one ${parent.code} reads (its oise enroll command shows it) before sending anything. If they differ, this package does not come from ${parent.code}: send nothing, delete the folder ${dir} and set the node up again.`,
    ),
  );
  return rejected ? 1 : 0;
}
