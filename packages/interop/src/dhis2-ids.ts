/**
 * DHIS2 identifiers. A UID is 11 characters, a letter first, then letters and digits
 * (`CodeGenerator` in DHIS2). A code is free text chosen by the DHIS2 administrator (at most
 * 50 characters); which of the two a file uses is its id scheme (DHIS2's `idScheme`).
 */
export type IdScheme = 'uid' | 'code';

/** The id schemes of one exchange: data elements, org units, category option combos. */
export interface IdSchemes {
  dataElement: IdScheme;
  orgUnit: IdScheme;
  categoryOptionCombo: IdScheme;
}

/** The category option combo DHIS2 uses for values without disaggregation (`default`). */
export const DEFAULT_COC_UID = 'HllvX50cXC0';
export const DEFAULT_COC_CODE = 'default';

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

export function isDhis2Uid(text: string): boolean {
  return UID.test(text);
}

/** The default combo under a scheme (also what an empty attribute option combo means). */
export function defaultCoc(scheme: IdScheme): string {
  return scheme === 'uid' ? DEFAULT_COC_UID : DEFAULT_COC_CODE;
}

export function isDefaultCoc(id: string): boolean {
  return id === DEFAULT_COC_UID || id.toLowerCase() === DEFAULT_COC_CODE;
}

/** `uid` everywhere, or `code` everywhere, with per-kind overrides (DHIS2's `orgUnitIdScheme` …). */
export function idSchemes(
  base: IdScheme = 'uid',
  overrides: { dataElement?: IdScheme | undefined; orgUnit?: IdScheme | undefined } = {},
): IdSchemes {
  return {
    dataElement: overrides.dataElement ?? base,
    orgUnit: overrides.orgUnit ?? base,
    categoryOptionCombo: base,
  };
}

/** Reads `uid`/`code` (any case, as DHIS2 writes `UID`, `CODE`); undefined otherwise. */
export function parseIdScheme(text: string | undefined): IdScheme | undefined {
  const t = (text ?? '').trim().toLowerCase();
  return t === 'uid' || t === 'code' ? t : undefined;
}
