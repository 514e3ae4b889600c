import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { runCliCaptured } from './run-cli.js';

const help = async (...args: string[]) => {
  const r = await runCliCaptured([...args, '--help'], { OISE_NOW: '2025-04-01T08:00:00.000Z' });
  expect(r.code).toBe(0);
  return r.stdout;
};

describe('help texts', () => {
  // A national report holds several maps (one per indicator of report.map-indicators).
  test('oise report, oise settings and the command list speak of maps in the plural', async () => {
    const report = await help('report');
    const settings = await help('settings');
    const list = await help();
    for (const text of [report, settings, list]) expect(text).not.toMatch(/\bcarte\b/);
    expect(report).toContain('graphiques et cartes en PNG');
    expect(report).toContain('report.map-indicators');
    expect(settings).toMatch(/^oise settings — .*\(calendrier, adresses, cartes, sauvegardes\)/);
    expect(settings).toMatch(/report\.boundaries +fichier GeoJSON des limites pour les cartes/);
    expect(list).toMatch(/oise report +écrit les rapports standard du niveau \(Excel, graphiques, cartes\)/);
  });
});

describe('help of a command group', () => {
  test('oise dhis2 --help lists the three verbs; oise dhis2 <verb> --help and oise dhis2 help <verb> give its usage', async () => {
    const group = await help('dhis2');
    expect(group).toMatch(/^Commandes oise dhis2 :/);
    for (const verb of ['export', 'import', 'compare']) expect(group).toContain(`oise dhis2 ${verb} `);
    expect(group).toContain('oise dhis2 <commande> --help');
    expect(group).not.toContain('Commande inconnue');
    const usage = await help('dhis2', 'import');
    expect(usage).toContain('--mois-incomplets');
    const viaHelp = await runCliCaptured(['dhis2', 'help', 'import'], {});
    expect(viaHelp).toMatchObject({ code: 0, stdout: usage });
    const unknown = await runCliCaptured(['dhis2', 'envoyer'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Commandes oise dhis2 :');
    expect(unknown.stderr).toContain('Commande inconnue : dhis2 envoyer');
  });
});
