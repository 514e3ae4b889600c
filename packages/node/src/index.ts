export * from './enrolment.js';
export * from './node-folder.js';
export * from './node-keys.js';
export * from './node-lock.js';
export * from './node-paths.js';
export * from './node-settings.js';
export * from './node-status.js';
export * from './pipeline-runs.js';
