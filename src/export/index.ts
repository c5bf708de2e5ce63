export { EXPORT_VERSION, type ExportKind, type ExportManifest, WXR_FILE } from './export-format.js';
export { type ExportOutcome, type ExportSiteInput, type ExportStep, exportSite, isSecretSetting } from './export-site.js';
export { importSiteExport, type OnSiteImportStep, type SiteImportReport } from './import-site-export.js';
