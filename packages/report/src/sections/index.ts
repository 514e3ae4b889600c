import type { BuiltSection } from '../built-report.js';
import type { ReportContext } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';
import { buildCccActivities } from './ccc-activities.js';
import { buildCommitteeNotes } from './committee-notes.js';
import { buildCsrFeedback } from './csr-feedback.js';
import { buildCsrNotes } from './csr-notes.js';
import { buildEntryCompleteness } from './entry-completeness.js';
import { buildIndicatorTable } from './indicator-table.js';
import { buildKeyFigures } from './key-figures.js';
import { buildMapSection } from './map-section.js';
import { buildMissingUnits } from './missing-units.js';
import { buildOfficials } from './officials.js';
import { buildPartnerships } from './partnerships.js';
import { buildQuarterStatuses } from './quarter-statuses.js';
import { buildTrainings } from './trainings.js';
import { buildTrend } from './trend.js';

/** Builds one section of a report from its definition. */
export async function buildSection(ctx: ReportContext, s: SectionDefinition): Promise<BuiltSection> {
  switch (s.type) {
    case 'indicator-table':
      return buildIndicatorTable(ctx, s);
    case 'entry-completeness':
      return buildEntryCompleteness(ctx, s);
    case 'quarter-statuses':
      return buildQuarterStatuses(ctx, s);
    case 'csr-notes':
      return buildCsrNotes(ctx, s);
    case 'csr-feedback':
      return buildCsrFeedback(ctx, s);
    case 'ccc-activities':
      return buildCccActivities(ctx, s);
    case 'trainings':
      return buildTrainings(ctx, s);
    case 'trend':
      return buildTrend(ctx, s);
    case 'officials':
      return buildOfficials(ctx, s);
    case 'partnerships':
      return buildPartnerships(ctx, s);
    case 'map':
      return buildMapSection(ctx, s);
    case 'key-figures':
      return buildKeyFigures(ctx, s);
    case 'missing-units':
      return buildMissingUnits(ctx, s);
    case 'committee-notes':
      return buildCommitteeNotes(ctx, s);
  }
}
