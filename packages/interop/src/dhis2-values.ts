/**
 * How DHIS2 spells a yes/no value: dhis2-core's `ValidationUtils` BOOL_TRUE_VARIANTS and
 * BOOL_FALSE_VARIANTS, exactly (so `tRue` or `oui` are no DHIS2 boolean).
 */
const TRUE_VARIANTS = new Set(['true', 'True', 'TRUE', 't', 'T', '1']);
const FALSE_VARIANTS = new Set(['false', 'False', 'FALSE', 'f', 'F', '0']);

/** A DHIS2 boolean value (`true`, `T`, `1`… / `false`, `f`, `0`…); undefined for anything else. */
export function dhis2Boolean(text: string): boolean | undefined {
  const t = text.trim();
  if (TRUE_VARIANTS.has(t)) return true;
  if (FALSE_VARIANTS.has(t)) return false;
  return undefined;
}

/**
 * A `followup` or `deleted` flag: a JSON boolean, or text DHIS2 reads as true (its CSV reader's
 * `Boolean.parseBoolean`, i.e. `true` in any case, and the value variants `t`, `T`, `1`).
 */
export function dhis2Flag(v: unknown): boolean {
  if (v === true) return true;
  if (typeof v !== 'string') return false;
  return v.trim().toLowerCase() === 'true' || dhis2Boolean(v) === true;
}

/** A plain DHIS2 number (dot decimal, optional exponent); undefined for anything else. */
export function dhis2Number(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : undefined;
}

/**
 * DHIS2's follow-up mark has no column in OISE's `data_value` (its schema travels to every
 * node): it is kept as this tag at the start of the stored comment, which the entry grid shows
 * as it is and `oise dhis2 export` turns back into `followup: true`.
 */
export const FOLLOWUP_TAG = '[suivi DHIS2]';

export function withFollowup(comment: string | undefined, followup: boolean): string | undefined {
  if (!followup) return comment;
  return comment ? `${FOLLOWUP_TAG} ${comment}` : FOLLOWUP_TAG;
}

export function splitFollowup(comment: string | null | undefined): { comment: string; followup: boolean } {
  const c = comment ?? '';
  if (!c.startsWith(FOLLOWUP_TAG)) return { comment: c, followup: false };
  return { comment: c.slice(FOLLOWUP_TAG.length).trim(), followup: true };
}
