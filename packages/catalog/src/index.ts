export * from './hierarchy.js';
export * from './indicator-catalog.js';
export * from './indicator-definition.js';
export * from './territory-import.js';
export * from './data-periods.js';
export * from './cross-field.js';
export * from './category-labels.js';
export * from './boundaries.js';
