/**
 * The three record lists a CCC keeps beside the figures: elected officials, training actions,
 * CCC activities. Each field names its database column, its French label (what messages call
 * it), the expected form its header shows, the headers a CSV may use, its type and, for
 * enumerations, the allowed choices.
 */
export interface EnumOption {
  code: string;
  label: string;
  aliases?: string[];
}

export type RecordFieldType =
  | 'unit'
  | 'period'
  | 'text'
  | 'integer'
  | 'number'
  | 'year'
  | 'date'
  | 'boolean'
  | 'enum';

export interface RecordField {
  column: string;
  /** The French name of the field, as messages quote it (« Début du mandat »). */
  label: string;
  /** The expected form the header shows after the label: `année`, `jj/mm/aaaa`, `F/M`, a unit. */
  form?: string;
  names: string[];
  type: RecordFieldType;
  required: boolean;
  options?: EnumOption[];
  min?: number;
  max?: number;
  width?: number;
}

export type RecordTable = 'elected_official' | 'training_action' | 'ccc_activity' | 'partnership';

export interface RecordKind {
  kind: 'officials' | 'trainings' | 'activities' | 'partnerships';
  table: RecordTable;
  /** Sheet name in the entry workbook. */
  sheet: string;
  labelFr: string;
  /** The French kind in a file name (`saisie-T1-elus-rejets.csv`): no accent, no space. */
  fileWord: string;
  idPrefix: string;
  fields: RecordField[];
  /** Columns whose values identify a record when the file gives no id. */
  naturalKey: string[];
  /** The column that names one record in a list or a message (« Awa Traoré », a theme). */
  titleColumn: string;
}

export const SEX_OPTIONS: EnumOption[] = [
  { code: 'F', label: 'F', aliases: ['femme', 'feminin', 'f'] },
  { code: 'M', label: 'M', aliases: ['homme', 'masculin', 'h', 'm'] },
];

export const ROLE_OPTIONS: EnumOption[] = [
  { code: 'maire', label: 'Maire', aliases: ['mayor'] },
  { code: 'adjoint', label: 'Adjoint au maire', aliases: ['adjoint', 'deputy mayor'] },
  { code: 'conseiller', label: 'Conseiller communal', aliases: ['conseiller', 'conseillere', 'councillor'] },
  { code: 'president_cercle', label: 'Président du conseil de cercle', aliases: ['president'] },
  {
    code: 'vice_president_cercle',
    label: 'Vice-président du conseil de cercle',
    aliases: ['vice president'],
  },
  { code: 'conseiller_cercle', label: 'Conseiller de cercle' },
];

export const SCHOOLING_OPTIONS: EnumOption[] = [
  { code: 'aucune', label: 'Aucune', aliases: ['none', 'non scolarise'] },
  { code: 'coranique', label: 'École coranique', aliases: ['coranique', 'koranic'] },
  { code: 'primaire', label: 'Primaire', aliases: ['primary', 'fondamental'] },
  { code: 'secondaire', label: 'Secondaire', aliases: ['secondary', 'lycee'] },
  { code: 'superieur', label: 'Supérieur', aliases: ['higher', 'universite', 'universitaire'] },
];

export const TARGET_GROUP_OPTIONS: EnumOption[] = [
  { code: 'elus', label: 'Élus', aliases: ['elected officials'] },
  { code: 'secretaires', label: 'Secrétaires généraux', aliases: ['secretaires generaux', 'sg'] },
  { code: 'agents', label: 'Agents des collectivités', aliases: ['agents', 'staff'] },
  { code: 'services_techniques', label: "Services techniques de l'État", aliases: ['services techniques'] },
  { code: 'societe_civile', label: 'Société civile', aliases: ['civil society'] },
  { code: 'autres', label: 'Autres', aliases: ['autre', 'other'] },
];

export const ACTIVITY_OPTIONS: EnumOption[] = [
  {
    code: 'mission_appui',
    label: "Mission d'appui-conseil",
    aliases: ['mission', 'appui conseil', 'support mission'],
  },
  { code: 'session', label: 'Appui à une session du conseil', aliases: ['session'] },
  { code: 'pdesc', label: 'Appui au PDESC', aliases: ['pdesc'] },
  { code: 'budget', label: "Appui à l'élaboration du budget", aliases: ['budget'] },
  { code: 'etat_civil', label: "Appui à l'état civil", aliases: ['etat civil'] },
  { code: 'formation', label: 'Formation', aliases: ['training'] },
  { code: 'autre', label: 'Autre', aliases: ['autres', 'other'] },
];

const UNIT: RecordField = {
  column: 'org_unit_code',
  label: 'Collectivité',
  form: 'liste',
  names: ['code_collectivite', 'org_unit', 'collectivite', 'commune'],
  type: 'unit',
  required: true,
  width: 22,
};
const PERIOD: RecordField = {
  column: 'period',
  label: 'Période',
  form: '2025T1',
  names: ['periode', 'period', 'trimestre'],
  type: 'period',
  required: true,
  width: 10,
};

export const OFFICIALS: RecordKind = {
  kind: 'officials',
  table: 'elected_official',
  sheet: 'Liste des élus',
  labelFr: 'élus locaux',
  fileWord: 'elus',
  idPrefix: 'elu',
  naturalKey: ['org_unit_code', 'period', 'full_name'],
  titleColumn: 'full_name',
  fields: [
    UNIT,
    PERIOD,
    {
      column: 'full_name',
      label: 'Nom et prénom',
      names: ['nom', 'full_name', 'nom_prenom', 'name'],
      type: 'text',
      required: true,
      width: 28,
    },
    {
      column: 'role',
      label: 'Fonction',
      form: 'liste',
      names: ['fonction', 'role'],
      type: 'enum',
      required: true,
      options: ROLE_OPTIONS,
      width: 30,
    },
    {
      column: 'sex',
      label: 'Sexe',
      form: 'F/M',
      names: ['sexe', 'sex'],
      type: 'enum',
      required: true,
      options: SEX_OPTIONS,
      width: 7,
    },
    {
      column: 'birth_year',
      label: 'Année de naissance',
      form: 'aaaa',
      names: ['annee_naissance', 'birth_year'],
      type: 'year',
      required: false,
      min: 1900,
      max: 2010,
      width: 12,
    },
    {
      column: 'schooling',
      label: 'Scolarité',
      form: 'liste',
      names: ['scolarite', 'schooling'],
      type: 'enum',
      required: true,
      options: SCHOOLING_OPTIONS,
      width: 18,
    },
    {
      column: 'literate',
      label: 'Alphabétisé',
      form: 'oui/non',
      names: ['alphabetise', 'literate'],
      type: 'boolean',
      required: true,
      width: 12,
    },
    {
      column: 'mandate_start',
      label: 'Début du mandat',
      form: 'année',
      names: ['debut_mandat', 'mandate_start'],
      type: 'year',
      required: false,
      min: 1990,
      max: 2100,
      width: 11,
    },
    {
      column: 'mandate_end',
      label: 'Fin du mandat',
      form: 'année',
      names: ['fin_mandat', 'mandate_end'],
      type: 'year',
      required: false,
      min: 1990,
      max: 2100,
      width: 11,
    },
  ],
};

export const TRAININGS: RecordKind = {
  kind: 'trainings',
  table: 'training_action',
  sheet: 'Formations',
  labelFr: 'actions de formation',
  fileWord: 'formations',
  idPrefix: 'formation',
  naturalKey: ['org_unit_code', 'period', 'theme', 'start_date'],
  titleColumn: 'theme',
  fields: [
    UNIT,
    PERIOD,
    { column: 'theme', label: 'Thème', names: ['theme', 'topic'], type: 'text', required: true, width: 32 },
    {
      column: 'start_date',
      label: 'Date de début',
      form: 'jj/mm/aaaa',
      names: ['date_debut', 'start_date'],
      type: 'date',
      required: true,
      width: 12,
    },
    {
      column: 'end_date',
      label: 'Date de fin',
      form: 'jj/mm/aaaa',
      names: ['date_fin', 'end_date'],
      type: 'date',
      required: false,
      width: 12,
    },
    {
      column: 'days',
      label: 'Nombre de jours',
      form: 'ex. 1,5',
      names: ['jours', 'days', 'nombre_jours'],
      type: 'number',
      required: true,
      min: 0.5,
      max: 90,
      width: 10,
    },
    {
      column: 'participants_f',
      label: 'Participantes F',
      form: 'nombre',
      names: ['participants_f', 'femmes'],
      type: 'integer',
      required: true,
      min: 0,
      max: 5000,
      width: 12,
    },
    {
      column: 'participants_m',
      label: 'Participants M',
      form: 'nombre',
      names: ['participants_m', 'hommes'],
      type: 'integer',
      required: true,
      min: 0,
      max: 5000,
      width: 12,
    },
    {
      column: 'target_group',
      label: 'Public cible',
      form: 'liste',
      names: ['public_cible', 'target_group'],
      type: 'enum',
      required: true,
      options: TARGET_GROUP_OPTIONS,
      width: 26,
    },
    {
      column: 'funder',
      label: 'Financeur',
      names: ['financeur', 'funder'],
      type: 'text',
      required: false,
      width: 18,
    },
    {
      column: 'cost',
      label: 'Coût',
      form: 'FCFA',
      names: ['cout', 'cost'],
      type: 'number',
      required: false,
      min: 0,
      max: 1_000_000_000,
      width: 14,
    },
  ],
};

export const ACTIVITIES: RecordKind = {
  kind: 'activities',
  table: 'ccc_activity',
  sheet: 'Activités CCC',
  labelFr: 'activités du CCC',
  fileWord: 'activites',
  idPrefix: 'activite',
  naturalKey: ['org_unit_code', 'period', 'kind', 'activity_date', 'description'],
  titleColumn: 'description',
  fields: [
    UNIT,
    PERIOD,
    {
      column: 'kind',
      label: "Type d'activité",
      form: 'liste',
      names: ['type', 'type_activite', 'kind'],
      type: 'enum',
      required: true,
      options: ACTIVITY_OPTIONS,
      width: 30,
    },
    {
      column: 'activity_date',
      label: 'Date',
      form: 'jj/mm/aaaa',
      names: ['date', 'date_activite', 'activity_date'],
      type: 'date',
      required: true,
      width: 12,
    },
    {
      column: 'days',
      label: 'Nombre de jours',
      form: 'ex. 1,5',
      names: ['jours', 'days'],
      type: 'number',
      required: true,
      min: 0.5,
      max: 90,
      width: 10,
    },
    {
      column: 'description',
      label: 'Description',
      names: ['description', 'objet'],
      type: 'text',
      required: true,
      width: 40,
    },
    {
      column: 'participants',
      label: 'Participants',
      form: 'nombre',
      names: ['participants'],
      type: 'integer',
      required: false,
      min: 0,
      max: 10000,
      width: 12,
    },
  ],
};

export const RECORD_KINDS: RecordKind[] = [OFFICIALS, TRAININGS, ACTIVITIES];

/**
 * The header a workbook column shows: the label, its expected form, a star when required
 * (« Début du mandat (année) », « Sexe (F/M) * »). Old workbooks showed the bare label:
 * `headerNames` accepts both.
 */
export function fieldHeader(field: RecordField, withStar = true): string {
  const text = field.form ? `${field.label} (${field.form})` : field.label;
  return withStar && field.required ? `${text} *` : text;
}

/** Every header text a file may carry for a field: CSV names, the label, the header of old and new workbooks. */
export function headerNames(field: RecordField): string[] {
  return [...field.names, field.label, fieldHeader(field, false)];
}

/** The optional id column every record list may carry (the workbook fills it for stored rows). */
export const ID_NAMES = ['identifiant', 'id'];

const text = (column: string, label: string, required = false): RecordField => ({
  column,
  label,
  names: [column],
  type: 'text',
  required,
});

export const PARTNER_LEVEL_OPTIONS: EnumOption[] = [
  { code: 'commune', label: 'Commune', aliases: ['ville', 'municipalite'] },
  { code: 'departement', label: 'Département' },
  { code: 'region', label: 'Région' },
  { code: 'etat', label: 'État', aliases: ['pays'] },
  { code: 'collectivite', label: 'Autre collectivité', aliases: ['collectivite', 'autre'] },
];

export const PARTNERSHIP_STATUS_OPTIONS: EnumOption[] = [
  { code: 'actif', label: 'Actif', aliases: ['active', 'en cours'] },
  { code: 'en_projet', label: 'En projet', aliases: ['projet', 'planned'] },
  { code: 'suspendu', label: 'Suspendu', aliases: ['inactif', 'suspended'] },
  { code: 'termine', label: 'Terminé', aliases: ['clos', 'ended'] },
];

/**
 * Decentralised-cooperation partnerships: read from the guide's list by partnership-file.ts,
 * entered one by one in the pages (the same record check), stored like the other records.
 * They hold no period: a partnership lasts beyond a quarter.
 */
export const PARTNERSHIPS: RecordKind = {
  kind: 'partnerships',
  table: 'partnership',
  sheet: 'Partenariats',
  labelFr: 'partenariats de coopération décentralisée',
  fileWord: 'partenariats',
  idPrefix: 'partenariat',
  naturalKey: ['org_unit_code', 'partner_name'],
  titleColumn: 'partner_name',
  fields: [
    { ...UNIT, label: 'Collectivité malienne', names: ['org_unit_code'] },
    text('malian_name', 'Nom côté malien', true),
    text('partner_name', 'Collectivité partenaire', true),
    text('partner_country', 'Pays du partenaire', true),
    {
      column: 'partner_level',
      label: 'Niveau du partenaire',
      form: 'liste',
      names: ['partner_level'],
      type: 'enum',
      required: true,
      options: PARTNER_LEVEL_OPTIONS,
    },
    {
      column: 'since_year',
      label: 'Depuis',
      form: 'année',
      names: ['since_year'],
      type: 'year',
      required: false,
      min: 1900,
      max: 2100,
    },
    {
      column: 'status',
      label: 'Statut',
      form: 'liste',
      names: ['status'],
      type: 'enum',
      required: true,
      options: PARTNERSHIP_STATUS_OPTIONS,
    },
    text('sectors', 'Secteurs', true),
    text('contact', 'Contact'),
    text('url', 'Site'),
  ],
};

/** The four lists of the pages, in their order: officials, trainings, activities, partnerships. */
export const RECORD_LISTS: RecordKind[] = [...RECORD_KINDS, PARTNERSHIPS];

/** The list a word of an address names (`elus`, `formations`, `activites`, `partenariats`). */
export function recordKindOfWord(word: string): RecordKind | undefined {
  return RECORD_LISTS.find((k) => k.fileWord === word);
}

/** Whether a kind's records belong to a quarter (and so close with it). */
export function isPeriodKind(kind: RecordKind): boolean {
  return kind.fields.some((f) => f.type === 'period');
}
