/**
 * The steps of GUIDE.md a test can follow literally. The convention, kept in the guide as
 * HTML comments (invisible to its readers):
 *
 * - `<!-- guide-test at=2025-04-03T08:00 -->` right before a fenced ```sh block: run the block
 *   as written, by bash, in the working folder, with the clock at that time (`OISE_NOW`; Bamako
 *   keeps UTC). `oise …` and `pnpm oise …` are the repository's command line; other lines are
 *   shell, e.g. the courier's `cp outbox/… inbox/`.
 * - `<!-- guide-test fill=FILE -->`: the one step no command does, the adviser filling the entry
 *   workbook FILE in Excel.
 *
 * Input files the guide names (`mali-communes.csv`, `mali-regions.geojson`) are Mali's shared
 * data, put in the working folder by the test before the first step.
 */
export type GuideStep =
  | { kind: 'run'; at: string; script: string; line: number; section: string }
  | { kind: 'fill'; file: string; line: number; section: string };

export interface GuideSteps {
  steps: GuideStep[];
  /** ```sh blocks without a marker in a section that has marked ones: the guide and its test disagree. */
  unmarked: { line: number; section: string }[];
}

const MARKER = /^<!--\s*guide-test\s+(.*?)\s*-->\s*$/;

export function guideSteps(markdown: string): GuideSteps {
  const lines = markdown.split('\n');
  const steps: GuideStep[] = [];
  const blocks: { line: number; section: string; marked: boolean }[] = [];
  let section = '';
  let pendingAt: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    if (text.startsWith('## ')) section = text.slice(3).trim();
    const marker = MARKER.exec(text);
    if (marker) {
      const fields = new Map(
        (marker[1] as string).split(/\s+/).map((f) => f.split('=', 2) as [string, string | undefined]),
      );
      const fill = fields.get('fill');
      const at = fields.get('at');
      if (fill) steps.push({ kind: 'fill', file: fill, line: i + 1, section });
      else if (at) pendingAt = at;
      else throw new Error(`GUIDE.md:${i + 1} : marqueur guide-test sans « at= » ni « fill= »`);
      continue;
    }
    if (/^```sh\s*$/.test(text)) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
      blocks.push({ line: start + 1, section, marked: pendingAt !== undefined });
      if (pendingAt !== undefined)
        steps.push({ kind: 'run', at: pendingAt, script: body.join('\n'), line: start + 1, section });
      pendingAt = undefined;
      continue;
    }
    // A marker applies to the block right after it (blank lines aside), nothing further.
    if (text.trim() !== '') pendingAt = undefined;
  }
  const markedSections = new Set(blocks.filter((b) => b.marked).map((b) => b.section));
  return {
    steps,
    unmarked: blocks
      .filter((b) => !b.marked && markedSections.has(b.section))
      .map(({ line, section }) => ({ line, section })),
  };
}
