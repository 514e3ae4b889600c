import { type IdSchemes, defaultCoc, isDefaultCoc } from './dhis2-ids.js';

/** OISE categories: `''` total, `F`, `M`. */
export type OiseCategory = '' | 'F' | 'M';

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

  /** A combo's category; an empty or default combo is the total. */
  categoryOf(combo: string): OiseCategory | undefined {
    const mapped = this.combos.get(combo);
    if (mapped !== undefined) return mapped;
    return combo === '' || isDefaultCoc(combo) ? '' : undefined;
  }
}
