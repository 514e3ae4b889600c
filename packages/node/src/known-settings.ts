import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { getSetting } from './node-settings.js';

/** The settings a user sets (`oise settings`), with what each one means, in French. */
export const KNOWN_SETTINGS: Readonly<Record<string, string>> = {
  'backup.dir':
    'dossier des sauvegardes quotidiennes de « oise run » (défaut : sauvegardes/ dans le dossier du nœud)',
  'backup.keep': 'nombre de sauvegardes quotidiennes gardées par « oise run » (défaut 7 ; 0 : aucune)',
  'calendar.cercleDueDays': 'jours après la fin du trimestre pour la transmission du cercle (défaut 15)',
  'calendar.regionDueDays': 'jours après la fin du trimestre pour la transmission de la région (défaut 30)',
  'calendar.nationalDueDays': 'jours après la fin du trimestre pour la consolidation nationale (défaut 45)',
  'inbox.quota':
    'place (en Mio) des paquets refusés gardés dans inbox/rejected/ ; au-delà, les plus anciens reçus par le réseau sont supprimés, jamais ceux déposés à la main (défaut 200)',
  'report.boundaries': 'fichier GeoJSON des limites pour les cartes des rapports nationaux',
  'report.map-indicators':
    'indicateurs des cartes du rapport national, codes séparés par des virgules (défaut : un par domaine, parmi ceux qui ont des données)',
  'serve.idle-seconds':
    'boîte de réception HTTP : un envoi silencieux pendant ce nombre de secondes est coupé (défaut 30)',
  'serve.min-rate':
    'boîte de réception HTTP : débit moyen minimal d’un envoi, en octets par seconde, passé le délai ci-dessus (défaut 1024)',
  'serve.requests-per-minute': 'boîte de réception HTTP : requêtes par minute d’une même adresse (défaut 30)',
  'serve.uploads': 'boîte de réception HTTP : envois reçus à la fois, toutes adresses (défaut 16)',
  'serve.uploads-per-client':
    'boîte de réception HTTP : envois à la fois d’une même adresse, au plus la moitié des précédents (défaut 2)',
  'site.dhis2-mapping':
    'fichier de correspondances DHIS2 des téléchargements du site public (« oise site ») ; sans lui, pas de jeu de valeurs DHIS2 à télécharger',
  'site.dossier':
    'dossier du site public que « oise run » reconstruit au national quand il publie un trimestre (défaut : site/ dans le dossier du nœud)',
  'transport.parent-url': 'adresse HTTP du parent pour envoyer les paquets (ex. http://csr-segou:8080)',
  'web.langue': 'langue des pages du nœud par défaut : fr (français, défaut) ou en (anglais)',
};

const CHILD_URL_PREFIX = 'transport.child-url.';

/** Keys with a child's code at the end: `transport.child-url.ML0401`. */
export const CHILD_URL_SETTING = {
  pattern: /^transport\.child-url\.[A-Z]{2}[0-9]{0,6}$/,
  /** How the key is written in help texts. */
  help: `${CHILD_URL_PREFIX}CODE`,
  description: "adresse HTTP d'un cercle pour ses paquets descendants (région)",
} as const;

/**
 * What is wrong with a value for a known key, in French, or undefined when it will do: read
 * when the value is set (`oise settings`), not the next morning when a pass would fail on it.
 */
export function settingValueProblem(key: string, value: string): string | undefined {
  if (key.startsWith('calendar.') && !/^\d{1,3}$/.test(value.trim()))
    return 'un délai du calendrier est un nombre de jours (par exemple 15).';
  if (key === 'backup.keep' && !/^\d{1,4}$/.test(value.trim()))
    return 'backup.keep est un nombre entier de sauvegardes quotidiennes à garder (par exemple 7 ; 0 pour n’en faire aucune).';
  if (key === 'web.langue' && value.trim() !== '' && !isPageLanguage(value.trim()))
    return 'web.langue est la langue des pages : fr (français) ou en (anglais).';
  if ((key === 'inbox.quota' || key.startsWith('serve.')) && !/^\d{1,7}$/.test(value.trim()))
    return `${key} est un nombre entier (par exemple ${key === 'inbox.quota' ? '200' : '30'}).`;
  return undefined;
}

/** The languages the node's pages are written in. */
export type PageLanguage = 'fr' | 'en';

/** True for `fr` or `en`. */
export function isPageLanguage(value: unknown): value is PageLanguage {
  return value === 'fr' || value === 'en';
}

/** The node's default language for its pages (`web.langue`): French unless set to `en`. */
export async function nodePageLanguage(db: Kysely<Database>): Promise<PageLanguage> {
  const value = (await getSetting(db, 'web.langue'))?.trim();
  return isPageLanguage(value) ? value : 'fr';
}

/** True for a key of `KNOWN_SETTINGS` or a child's address (`transport.child-url.<code>`). */
export function isKnownSetting(key: string): boolean {
  return Object.hasOwn(KNOWN_SETTINGS, key) || CHILD_URL_SETTING.pattern.test(key);
}

/**
 * The node's settings as `oise settings` lists them: every known key, then each child address
 * set, in key order; `null` where nothing is set (the default applies). With `key`, that one only.
 */
export async function listSettings(
  db: Kysely<Database>,
  key?: string,
): Promise<{ key: string; value: string | null }[]> {
  const children = key
    ? []
    : await db
        .selectFrom('node_setting')
        .select('key')
        .where('key', 'like', `${CHILD_URL_PREFIX}%`)
        .orderBy('key')
        .execute();
  const keys = key ? [key] : [...Object.keys(KNOWN_SETTINGS), ...children.map((c) => c.key)];
  return Promise.all(keys.map(async (k) => ({ key: k, value: (await getSetting(db, k)) ?? null })));
}
