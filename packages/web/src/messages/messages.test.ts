import { describe, expect, test } from 'vitest';
import { accueilText } from './accueil.js';
import { carteText } from './carte.js';
import { connexionText } from './connexion.js';
import type { MessageTable, Messages } from './lang.js';
import { layoutText } from './layout.js';
import { listesText } from './listes.js';
import { navigationText } from './navigation.js';
import { paquetsText } from './paquets.js';
import { premierText } from './premier.js';
import { quarterChooserText } from './quarter-chooser.js';
import { quarterStateText } from './quarter-state.js';
import { rapportsText } from './rapports.js';
import { reglagesText } from './reglages.js';
import { permissionText, roleText } from './roles.js';
import { saisieImportText } from './saisie-import.js';
import { saisieText } from './saisie.js';
import { securityText } from './security.js';
import { tableauText } from './tableau.js';
import { travauxText } from './travaux.js';

/*
 * TypeScript already holds each table's English to French's keys (`satisfies typeof fr`). What it
 * cannot see: an English message left empty, or left in French. Each message is read (a function
 * with sample arguments) and compared; the few words the two languages share are listed here.
 */
const TABLES: Record<string, MessageTable<Messages>> = {
  accueil: accueilText,
  carte: carteText,
  connexion: connexionText,
  layout: layoutText,
  listes: listesText,
  navigation: navigationText,
  paquets: paquetsText,
  premier: premierText,
  'quarter-chooser': quarterChooserText,
  'quarter-state': quarterStateText,
  rapports: rapportsText,
  reglages: reglagesText,
  roles: roleText,
  permissions: permissionText,
  'saisie-import': saisieImportText,
  saisie: saisieText,
  security: securityText,
  tableau: tableauText,
  travaux: travauxText,
};

/** The same word in French and English, on purpose. */
const IDENTICAL = new Set([
  'accueil.action',
  'carte.levelPlural',
  'layout.level',
  'listes.actions',
  'paquets.date',
  'rapports.action',
  'rapports.document',
  'rapports.documents',
  'reglages.action',
  'reglages.cercles',
  'reglages.communes',
  'reglages.message',
  'saisie.commune',
  'saisie.total',
  'saisie-import.message',
  'tableau.completeness',
  'tableau.exportCode',
  'tableau.total',
]);

/** Arguments for the messages that look a word up rather than write it. */
const SAMPLE_ARGS: Record<string, unknown[]> = {
  'carte.levelPlural': ['cercle'],
  'carte.levelSingular': ['region'],
  'tableau.chartChoice': ['barres'],
  'tableau.periodChoice': ['annees'],
  'layout.level': ['cercle'],
  'rapports.consolidationDone': [
    { full: true, units: 3, computed: 40, inserted: 2, updated: 5, cleared: 1, unchanged: 32 },
    'trimestres de 2025',
  ],
  'paquets.verdict': ['duplicate'],
  'premier.levelChoice': ['cercle'],
  'premier.levelName': ['region'],
  'reglages.section': ['noeud'],
  'reglages.groupTitle': ['boite'],
  'reglages.groupAction': ['boite'],
  'reglages.settingLabel': ['serve.min-rate'],
  'reglages.level': ['pays'],
};

const read = (name: string, message: Messages[string]): string =>
  typeof message === 'string'
    ? message
    : message(...(SAMPLE_ARGS[name] ?? ['7', '3', '2', '5', '4', '1', '6', '8']));

describe('the message tables', () => {
  test('every English message is written, and differs from the French one unless listed', () => {
    const problems: string[] = [];
    for (const [area, table] of Object.entries(TABLES)) {
      expect(Object.keys(table.en).sort(), area).toEqual(Object.keys(table.fr).sort());
      for (const key of Object.keys(table.fr)) {
        const name = `${area}.${key}`;
        const fr = read(name, table.fr[key]!);
        const en = read(name, table.en[key]!);
        if (en.trim() === '') problems.push(`${name}: empty`);
        else if (en === fr && !IDENTICAL.has(name)) problems.push(`${name}: same as French (${en})`);
        else if (en !== fr && IDENTICAL.has(name)) problems.push(`${name}: listed as identical, differs`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('a plural and a number follow each language', () => {
    expect(accueilText.fr.rows(1)).toBe('1 ligne');
    expect(accueilText.fr.rows(1234)).toBe('1 234 lignes');
    expect(accueilText.en.rows(1)).toBe('1 row');
    expect(accueilText.en.rows(0)).toBe('0 rows');
    expect(accueilText.en.rows(1234)).toBe('1,234 rows');
  });
});
