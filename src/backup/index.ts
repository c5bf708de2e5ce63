export { backUpSite, type BackUpSiteInput } from './back-up-site.js';
export type { BackupManifest } from './manifest.js';
export type { BackupStep, OnBackupStep } from './progress.js';
export { restoreSite, type RestoreSiteInput } from './restore-site.js';
