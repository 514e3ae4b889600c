/**
 * Page geometry for spreadsheets meant to be printed: an A4 page, its margins, and how wide a
 * column or a text comes out on paper. Spreadsheet programs lay text out themselves; these
 * estimates are on the wide side (DejaVu Sans, what LibreOffice falls back to when Calibri is
 * missing), so that what fits here fits on every machine.
 */

/** Margins in inches, as spreadsheet page setups store them. */
export interface PageMargins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

/** Narrow margins, with room for a one-line page header and footer. */
export const PRINT_MARGINS: PageMargins = {
  left: 0.4,
  right: 0.4,
  top: 0.6,
  bottom: 0.55,
  header: 0.25,
  footer: 0.25,
};

/** A4 in points (1/72 inch). */
export const A4_POINTS = { width: 595.3, height: 841.9 } as const;

/**
 * The printable area of an A4 page, in points, inside the margins, less what a one-line page
 * header or footer takes from the body (LibreOffice takes it from inside the margins).
 */
export function printableArea(
  orientation: 'portrait' | 'landscape',
  margins: PageMargins = PRINT_MARGINS,
): { width: number; height: number } {
  const [w, h] =
    orientation === 'landscape' ? [A4_POINTS.height, A4_POINTS.width] : [A4_POINTS.width, A4_POINTS.height];
  return {
    width: w - 72 * (margins.left + margins.right),
    height: h - 72 * (margins.top + margins.bottom) - HEADER_FOOTER_POINTS,
  };
}

/** Body height a page footer (and header) takes in LibreOffice beyond the margins, measured. */
const HEADER_FOOTER_POINTS = 20;

/**
 * Points a column of `width` characters takes on paper. A character is the width of a digit in
 * the workbook's default font at 11 pt: 7 pt with DejaVu Sans (Calibri: 5.6 pt).
 */
export function columnPoints(width: number): number {
  return width * 7;
}

/** Points an image of `pixels` takes at 100 % (96 pixels an inch). */
export function pixelPoints(pixels: number): number {
  return pixels * 0.75;
}

// DejaVu Sans advance widths in hundredths of an em, regular then bold; others count as `m`-less
// lower case. Bold is about 10 % wider.
const WIDTHS: [RegExp, number, number][] = [
  [/[ilIJj.,:;'·|!]/, 31, 38],
  [/[ ’]/, 32, 38],
  [/[ftr()\-/[\]]/, 40, 47],
  [/[sz_"]/, 52, 60],
  [/[mw%]/, 95, 104],
  [/[MW]/, 95, 108],
  [/[A-Z]/, 72, 80],
  [/[0-9]/, 64, 70],
];

/** Estimated width in points of a line of text at `size` pt. */
export function textPoints(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    const w = WIDTHS.find(([re]) => re.test(c));
    em += w ? w[bold ? 2 : 1] : bold ? 70 : 63;
  }
  return (em / 100) * size;
}

/**
 * The lines a wrapped text takes in a cell `width` points wide (explicit line breaks kept;
 * words wrap whole, a word longer than the line takes as many lines as it needs).
 */
export function wrappedLines(text: string, width: number, size: number, bold = false): number {
  const room = Math.max(1, width - 6); // the cell's inner padding
  const space = textPoints(' ', size, bold);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = textPoints(word, size, bold);
      if (used > 0 && used + space + w <= room) used += space + w;
      else if (used === 0 && w <= room) used = w;
      else {
        if (used > 0) count++;
        count += Math.ceil(w / room) - 1;
        used = w > room ? w % room : w;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** Height in points of a row holding `lines` lines of text at `size` pt. */
export function rowPointsFor(lines: number, size: number): number {
  return Math.ceil(lines * size * 1.3 + 4);
}
