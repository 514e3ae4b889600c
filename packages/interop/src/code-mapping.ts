import { type IdSchemes, defaultCoc, isDefaultCoc } from './dhis2-ids.js';

/** OISE categories: `''` total, `F`, `M`. */
export type OiseCategory = '' | 'F' | 'M';

/**
 * ADX category = option pairs as one combo key: `SEXE=F`, several sorted and joined by `,`
 * (`AGE=U5,SEXE=F`). The mapping file's `categorie_dhis2` and `option_dhis2` columns give the
 * same key, so an ADX disaggregation maps like a category option combo.
 */
export function adxOptionsKey(pairs: Iterable<readonly [string, string]>): string {
  return [...pairs]
    .map(([c, o]) => `${c}=${o}`)
    .sort()
    .join(',');
}

/**
 * The correspondence between OISE codes and DHIS2 identifiers, both ways, as read from a
 * mapping file. Under the `code` scheme for org units, a P-code without a row is its own DHIS2
 * code; the total without a row is DHIS2's default category option combo.
 */
export class Dhis2Mapping {
  readonly indicators = new Map<string, string>();
  readonly dataElements = new Map<string, string>();
  readonly categories = new Map<OiseCategory, string>();
  readonly combos = new Map<string, OiseCategory>();
  readonly units = new Map<string, string>();
  readonly orgUnits = new Map<string, string>();
  /** ADX: the category and category option of F and M (`categorie_dhis2`, `option_dhis2`). */
  readonly adxOptions = new Map<OiseCategory, [category: string, option: string]>();
  /** ADX: `adxOptionsKey` of a category's pairs → the category. */
  readonly adxCombos = new Map<string, OiseCategory>();
  /** The DHIS2 data set (`jeu` row): ADX puts it on each group, DXF2 on the set. */
  dataSet: string | undefined;

  constructor(
    readonly file: string,
    readonly schemes: IdSchemes,
    /** Every P-code of the territory (for the `code` scheme's P-code-as-code rule). */
    private readonly knownUnits: ReadonlySet<string>,
  ) {}

  dataElementOf(indicator: string): string | undefined {
    return this.indicators.get(indicator);
  }

  orgUnitOf(unit: string): string | undefined {
    return this.units.get(unit) ?? (this.schemes.orgUnit === 'code' ? unit : undefined);
  }

  comboOf(category: string): string | undefined {
    const mapped = this.categories.get(category as OiseCategory);
    if (mapped) return mapped;
    return category === '' ? defaultCoc(this.schemes.categoryOptionCombo) : undefined;
  }

  indicatorOf(dataElement: string): string | undefined {
    return this.dataElements.get(dataElement);
  }

  unitOf(orgUnit: string): string | undefined {
    const mapped = this.orgUnits.get(orgUnit);
    if (mapped) return mapped;
    if (this.schemes.orgUnit !== 'code') return undefined;
    const pcode = orgUnit.toUpperCase();
    // A P-code mapped to another DHIS2 code is not its own code any more.
    return this.knownUnits.has(pcode) && !this.units.has(pcode) ? pcode : undefined;
  }

  /** The ADX category = option pairs of a category (none for the total); undefined when unmapped. */
  adxOptionsOf(category: OiseCategory): [string, string][] | undefined {
    if (category === '') return [];
    const pair = this.adxOptions.get(category);
    return pair ? [pair] : undefined;
  }

  /** A combo's category (or an ADX options key's); an empty or default combo is the total. */
  categoryOf(combo: string): OiseCategory | undefined {
    const mapped = this.combos.get(combo) ?? this.adxCombos.get(combo);
    if (mapped !== undefined) return mapped;
    return combo === '' || isDefaultCoc(combo) ? '' : undefined;
  }
}
