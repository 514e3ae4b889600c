/**
 * Test support of @oise/report, for tests only (`@oise/report/test-support`): raw rows seeded as
 * imports and the workflow would leave them, and pixel counts of rendered PNGs.
 */
export { colourCounts, darkPixels } from './png-pixels.js';
export { type SeedOptions, seedReportData } from './report-seed.js';
export { seededNode } from './seeded-node.js';
