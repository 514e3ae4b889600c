import { UsageError } from '@oise/core';
import { getSetting, setSetting, withNode } from '@oise/node';
import { inboxUrl } from '@oise/sync';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

const KNOWN: Record<string, string> = {
  'calendar.cercleDueDays': 'jours après la fin du trimestre pour la transmission du cercle (défaut 15)',
  'calendar.regionDueDays': 'jours après la fin du trimestre pour la transmission de la région (défaut 30)',
  'calendar.nationalDueDays': 'jours après la fin du trimestre pour la consolidation nationale (défaut 45)',
  'report.boundaries': 'fichier GeoJSON des limites pour la carte des rapports nationaux',
  'transport.parent-url': 'adresse HTTP du parent pour envoyer les paquets (ex. http://csr-segou:8080)',
};

/** Keys with a neighbour's code at the end: `transport.child-url.ML0401`. */
const CHILD_URL = /^transport\.child-url\.[A-Z]{2}[0-9]{0,6}$/;
const CHILD_URL_HELP = 'transport.child-url.CODE';

export default defineCommand({
  path: ['settings'],
  summary: {
    fr: 'lit ou règle un paramètre du nœud (calendrier, carte)',
    en: 'reads or sets a node setting',
  },
  usage: `Usage : oise settings --dir DOSSIER [CLÉ [VALEUR]] [--json]

Clés connues :
${Object.entries(KNOWN)
  .map(([k, v]) => `  ${k.padEnd(26)} ${v}`)
  .join('\n')}
  ${CHILD_URL_HELP.padEnd(26)} adresse HTTP d'un cercle pour ses paquets descendants (région)

Une adresse vide (« "" ») efface l'adresse : les paquets attendent alors une clé USB.`,
  options: {},
  allowPositionals: true,
  async run(ctx) {
    const [key, value, ...extra] = ctx.positionals;
    if (extra.length > 0)
      throw new UsageError(
        ctx.t('trop d’arguments : CLÉ puis VALEUR.', 'too many arguments: KEY then VALUE.'),
      );
    if (key && !(key in KNOWN) && !CHILD_URL.test(key)) {
      throw new UsageError(
        ctx.t(
          `clé « ${key} » inconnue ; clés possibles : ${[...Object.keys(KNOWN), CHILD_URL_HELP].join(', ')}.`,
          `unknown key "${key}"; known keys: ${[...Object.keys(KNOWN), CHILD_URL_HELP].join(', ')}.`,
        ),
      );
    }
    if (key?.startsWith('calendar.') && value !== undefined && !/^\d{1,3}$/.test(value)) {
      throw new UsageError(
        ctx.t(
          'un délai du calendrier est un nombre de jours (par exemple 15).',
          'a calendar delay is a number of days (e.g. 15).',
        ),
      );
    }
    if (key?.startsWith('transport.') && value) {
      const url = inboxUrl(value);
      if (typeof url === 'string') throw new UsageError(url);
    }
    return withNode(nodeDir(ctx), async (node) => {
      if (key && value !== undefined)
        await setSetting(node.db, key, key.startsWith('transport.') ? value.trim() : value);
      const children = await node.db
        .selectFrom('node_setting')
        .select('key')
        .where('key', 'like', 'transport.child-url.%')
        .orderBy('key')
        .execute();
      const keys = key ? [key] : [...Object.keys(KNOWN), ...children.map((c) => c.key)];
      const values: Record<string, string | null> = {};
      for (const k of keys) values[k] = (await getSetting(node.db, k)) ?? null;
      if (ctx.json) ctx.printJson(values);
      else
        for (const [k, v] of Object.entries(values)) ctx.out(`${k} = ${v || ctx.t('(défaut)', '(default)')}`);
      return 0;
    });
  },
});
