export * from './temp-dir.js';
export * from './demo-nodes.js';
export * from './paths.js';
export * from './wait-until.js';
export * from './zip-file.js';
