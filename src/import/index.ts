export { findPublishedOldUrlArticle, oldUrlKey } from './import-map.js';
export { type ImportProgress, type ImportReport, type OnImportProgress, reportLines } from './import-report.js';
export { type ImportDeps, type ImportInput, importWordpress } from './import-wordpress.js';
export { DEFAULT_FETCH_PAGE, type FetchPage, pageFetcher } from './fetch-page.js';
export { type Reprint, type ReprintDeps, reprintFromLink } from './reprint-from-link.js';
export { type ImportJob, ImportJobs, type ImportJobState } from './import-jobs.js';
export { findMapped, recordMapped, recordMappedOnce } from './import-map.js';
export { reasonOf, type ReportEntry } from './import-report.js';
