export * from './pass-context.js';
export * from './pipeline-run.js';
export * from './run-pass.js';
export * from './scheduler.js';
export * from './reconciler.js';
