import { CHILD_URL_SETTING, KNOWN_SETTINGS } from '@oise/node';
import type { PageFrame } from './page-frame.js';
import { type Notice, NoticeBox, ReglagesLayout } from './reglages-frame.js';

/** One setting as a field of the page. */
export interface SettingField {
  key: string;
  label: string;
  hint: string;
  value: string;
  /** Why the value typed was refused (it stays in the field, nothing of its group is stored). */
  error?: string | undefined;
}

export const SETTING_GROUPS = ['calendrier', 'transport', 'boite', 'cartes', 'sauvegardes', 'pages'] as const;
export type SettingGroupId = (typeof SETTING_GROUPS)[number];

export interface SettingGroup {
  id: SettingGroupId;
  title: string;
  /** What its button says. */
  action: string;
  fields: SettingField[];
}

export interface NoeudView {
  groups: SettingGroup[];
  canAdmin: boolean;
  notice?: Notice | undefined;
}

/** The French label of each setting (the hint is @oise/node's own description). */
const LABELS: Record<string, string> = {
  'calendar.cercleDueDays': 'Délai de transmission du cercle (jours)',
  'calendar.regionDueDays': 'Délai de transmission de la région (jours)',
  'calendar.nationalDueDays': 'Délai de consolidation nationale (jours)',
  'transport.parent-url': 'Adresse HTTP du parent',
  'inbox.quota': 'Place des paquets refusés gardés (Mio)',
  'serve.uploads': 'Envois reçus à la fois, toutes adresses',
  'serve.uploads-per-client': 'Envois à la fois d’une même adresse',
  'serve.requests-per-minute': 'Requêtes par minute d’une même adresse',
  'serve.idle-seconds': 'Délai d’un envoi silencieux avant coupure (secondes)',
  'serve.min-rate': 'Débit minimal d’un envoi (octets par seconde)',
  'report.map-indicators': 'Indicateurs des cartes',
  'report.boundaries': 'Fichier des limites de la carte',
  'backup.dir': 'Dossier des sauvegardes',
  'backup.keep': 'Nombre de sauvegardes gardées',
  'web.langue': 'Langue des pages par défaut (fr ou en)',
};

const GROUPS: Record<SettingGroupId, { title: string; action: string; keys: readonly string[] }> = {
  calendrier: {
    title: 'Calendrier',
    action: 'Enregistrer le calendrier',
    keys: ['calendar.cercleDueDays', 'calendar.regionDueDays', 'calendar.nationalDueDays'],
  },
  transport: {
    title: 'Adresses de transport',
    action: 'Enregistrer les adresses',
    keys: ['transport.parent-url'],
  },
  boite: {
    title: 'Boîte de réception HTTP',
    action: 'Enregistrer la boîte de réception',
    keys: [
      'inbox.quota',
      'serve.uploads',
      'serve.uploads-per-client',
      'serve.requests-per-minute',
      'serve.idle-seconds',
      'serve.min-rate',
    ],
  },
  cartes: {
    title: 'Cartes des rapports',
    action: 'Enregistrer les cartes',
    keys: ['report.map-indicators', 'report.boundaries'],
  },
  sauvegardes: {
    title: 'Sauvegardes quotidiennes',
    action: 'Enregistrer les sauvegardes',
    keys: ['backup.dir', 'backup.keep'],
  },
  pages: {
    title: 'Langue des pages',
    action: 'Enregistrer la langue',
    keys: ['web.langue'],
  },
};

/** The keys a group's form carries at a node: the parent's address only below national, one address per child. */
export function groupKeys(id: SettingGroupId, options: { hasParent: boolean; children: string[] }): string[] {
  if (id !== 'transport') return [...GROUPS[id].keys];
  return [
    ...(options.hasParent ? ['transport.parent-url'] : []),
    ...options.children.map((code) => `transport.child-url.${code}`),
  ];
}

/** The groups of settings of a node, with the values stored (and, after a refused form, those typed). */
export function settingGroups(
  values: Map<string, string | null>,
  options: { hasParent: boolean; children: string[] },
  typed?: { group: SettingGroupId; values: Record<string, string>; errors: Record<string, string> },
): SettingGroup[] {
  return SETTING_GROUPS.map((id) => ({
    id,
    title: GROUPS[id].title,
    action: GROUPS[id].action,
    fields: groupKeys(id, options).map((key) => {
      const child = key.startsWith('transport.child-url.')
        ? key.slice('transport.child-url.'.length)
        : undefined;
      const mine = typed?.group === id;
      return {
        key,
        label: child ? `Adresse HTTP de ${child}` : (LABELS[key] ?? key),
        hint: child ? `${CHILD_URL_SETTING.description} (${key})` : `${KNOWN_SETTINGS[key] ?? ''} (${key})`,
        value: mine ? (typed.values[key] ?? '') : (values.get(key) ?? ''),
        error: mine ? typed.errors[key] : undefined,
      };
    }),
  }));
}

const fieldId = (key: string) => `r-${key.replace(/[^\w-]/g, '-')}`;

/** *Réglages du nœud*: the settings of `oise settings`, a form per group, each value checked as the CLI does. */
export function NoeudPage(props: { frame: PageFrame; view: NoeudView }) {
  const { frame, view } = props;
  return (
    <ReglagesLayout frame={frame} section="noeud" canAdmin={view.canAdmin}>
      <NoticeBox notice={view.notice} />
      <p>
        Les mêmes réglages que la commande « oise settings ». Un champ vide reprend la valeur par défaut ; une
        adresse vide fait attendre les paquets pour une clé USB.
      </p>
      {view.groups.map((group) => (
        <section class="panel" aria-labelledby={`g-${group.id}`} key={group.id}>
          <h2 id={`g-${group.id}`}>{group.title}</h2>
          {group.fields.length === 0 ? (
            <p class="empty">Aucun voisin à joindre par HTTP : enrôlez d'abord un voisin.</p>
          ) : (
            <form class="stack wide" method="post" action="/reglages/noeud">
              <input type="hidden" name="_csrf" value={frame.csrfToken} />
              <input type="hidden" name="groupe" value={group.id} />
              {group.fields.map((f) => {
                const id = fieldId(f.key);
                return (
                  <div key={f.key} class={f.error ? 'field field-error' : 'field'}>
                    <label for={id}>{f.label}</label>
                    <input
                      id={id}
                      name={f.key}
                      type="text"
                      value={f.value}
                      readonly={!view.canAdmin}
                      aria-invalid={f.error ? 'true' : undefined}
                      aria-describedby={f.error ? `${id}-erreur ${id}-aide` : `${id}-aide`}
                    />
                    {f.error ? (
                      <p class="field-message" id={`${id}-erreur`}>
                        Refusé : {f.error}
                      </p>
                    ) : null}
                    <p class="hint" id={`${id}-aide`}>
                      {f.hint}
                    </p>
                  </div>
                );
              })}
              {view.canAdmin ? (
                <div>
                  <button type="submit">{group.action}</button>
                </div>
              ) : null}
            </form>
          )}
        </section>
      ))}
    </ReglagesLayout>
  );
}
