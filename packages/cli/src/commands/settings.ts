import { UsageError } from '@oise/core';
import {
  CHILD_URL_SETTING,
  KNOWN_SETTINGS,
  isKnownSetting,
  listSettings,
  setSetting,
  withNode,
} from '@oise/node';
import { checkSettingValue } from '@oise/sync';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['settings'],
  summary: {
    fr: 'lit ou règle un paramètre du nœud (calendrier, adresses, cartes, sauvegardes)',
    en: 'reads or sets a node setting',
  },
  usage: `Usage : oise settings --dir DOSSIER [CLÉ [VALEUR]] [--json]

Clés connues :
${Object.entries(KNOWN_SETTINGS)
  .map(([k, v]) => `  ${k.padEnd(26)} ${v}`)
  .join('\n')}
  ${CHILD_URL_SETTING.help.padEnd(26)} ${CHILD_URL_SETTING.description}

Une adresse vide (« "" ») efface l'adresse : les paquets attendent alors une clé USB.`,
  options: {},
  allowPositionals: true,
  async run(ctx) {
    const [key, value, ...extra] = ctx.positionals;
    if (extra.length > 0)
      throw new UsageError(
        ctx.t('trop d’arguments : CLÉ puis VALEUR.', 'too many arguments: KEY then VALUE.'),
      );
    if (key && !isKnownSetting(key)) {
      const known = [...Object.keys(KNOWN_SETTINGS), CHILD_URL_SETTING.help].join(', ');
      throw new UsageError(
        ctx.t(
          `clé « ${key} » inconnue ; clés possibles : ${known}.`,
          `unknown key "${key}"; known keys: ${known}.`,
        ),
      );
    }
    const checked = key && value !== undefined ? checkSettingValue(key, value) : undefined;
    if (checked && !checked.ok) throw new UsageError(checked.problem);
    return withNode(nodeDir(ctx), async (node) => {
      if (key && value !== undefined) await setSetting(node.db, key, checked?.ok ? checked.value : value);
      const values = Object.fromEntries(
        (await listSettings(node.db, key)).map((s) => [s.key, s.value] as const),
      );
      if (ctx.json) ctx.printJson(values);
      else
        for (const [k, v] of Object.entries(values)) ctx.out(`${k} = ${v || ctx.t('(défaut)', '(default)')}`);
      return 0;
    });
  },
});
