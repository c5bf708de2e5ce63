export { findPublishedOldUrlArticle, oldUrlKey } from './import-map.js';
export { type ImportProgress, type ImportReport, type OnImportProgress, reportLines } from './import-report.js';
export { type ImportDeps, type ImportInput, importWordpress } from './import-wordpress.js';
