export * from './atomic-file.js';
export * from './calendar.js';
export * from './errors.js';
export * from './number-format.js';
export * from './org-unit-level.js';
export * from './quarter.js';
export * from './text-file.js';
