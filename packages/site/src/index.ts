export * from './build-site.js';
export * from './html.js';
