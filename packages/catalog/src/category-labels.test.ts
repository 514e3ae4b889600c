import { describe, expect, it } from 'vitest';
import { categoryLabel, sexLabels } from './category-labels.js';

describe('F and M in French words', () => {
  it('pupils and children are girls and boys; everyone else women and men', () => {
    expect(sexLabels({ labelFr: "Nombre d'élèves inscrits au premier cycle du fondamental" })).toEqual({
      F: 'Filles',
      M: 'Garçons',
    });
    expect(categoryLabel({ labelFr: 'Nombre de candidats au DEF' }, 'M')).toBe('Garçons');
    expect(categoryLabel({ labelFr: "Nombre d'enfants de 0 à 11 mois vaccinés" }, 'F')).toBe('Filles');
    expect(sexLabels({ labelFr: "Nombre d'enseignants" })).toEqual({ F: 'Femmes', M: 'Hommes' });
    expect(categoryLabel({ labelFr: 'Nombre de conseillers communaux' }, 'M')).toBe('Hommes');
    expect(categoryLabel({ labelFr: 'Nombre de conseillers communaux' }, '')).toBe('Total');
    expect(sexLabels(undefined).F).toBe('Femmes');
  });
});
