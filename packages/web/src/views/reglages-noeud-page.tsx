import { CHILD_URL_SETTING, KNOWN_SETTINGS } from '@oise/node';
import { type Lang, text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
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

const GROUPS: Record<SettingGroupId, { keys: readonly string[] }> = {
  calendrier: {
    keys: ['calendar.cercleDueDays', 'calendar.regionDueDays', 'calendar.nationalDueDays'],
  },
  transport: {
    keys: ['transport.parent-url'],
  },
  boite: {
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
    keys: ['report.map-indicators', 'report.boundaries'],
  },
  sauvegardes: {
    keys: ['backup.dir', 'backup.keep'],
  },
  pages: {
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
  typed:
    | { group: SettingGroupId; values: Record<string, string>; errors: Record<string, string> }
    | undefined,
  lang: Lang,
): SettingGroup[] {
  const t = text(lang, reglagesText);
  return SETTING_GROUPS.map((id) => ({
    id,
    title: t.groupTitle(id),
    action: t.groupAction(id),
    fields: groupKeys(id, options).map((key) => {
      const child = key.startsWith('transport.child-url.')
        ? key.slice('transport.child-url.'.length)
        : undefined;
      const mine = typed?.group === id;
      return {
        key,
        label: child ? t.childAddress(child) : t.settingLabel(key),
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
  const t = text(frame.lang, reglagesText);
  return (
    <ReglagesLayout frame={frame} section="noeud" canAdmin={view.canAdmin}>
      <NoticeBox notice={view.notice} lang={frame.lang} />
      <p>{t.noeudIntro}</p>
      {view.groups.map((group) => (
        <section class="panel" aria-labelledby={`g-${group.id}`} key={group.id}>
          <h2 id={`g-${group.id}`}>{group.title}</h2>
          {group.fields.length === 0 ? (
            <p class="empty">{t.noChildAddress}</p>
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
                        {t.fieldRefused}
                        {f.error}
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
