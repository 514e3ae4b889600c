export * from './quarter-decision.js';
export * from './quarter-lock.js';
export * from './quarter-note.js';
export * from './quarter-status.js';
export * from './quarter-submit.js';
export * from './stored-quarter-check.js';
export * from './workflow-node.js';
export * from './overdue-units.js';
