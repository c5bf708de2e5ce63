export { pushToBaidu, BAIDU_BATCH_SIZE } from './baidu-push.js';
export { indexNowKeyPath } from './indexnow-push.js';
export { type ArticlePushChange, listRecentPushes, type PushRecord, type PushStatus, queueArticlePush } from './push-queue.js';
export type { PushResult, PushResultCode } from './push-result.js';
export {
  BAIDU_PUSH_ENDPOINT,
  DEFAULT_SEARCH_PUSH_SETTINGS,
  getSearchPushSettings,
  INDEXNOW_ENDPOINT,
  type PushEngine,
  type SearchPushSettings,
  type SearchPushSettingsView,
  searchPushSettingsView,
} from './push-settings.js';
export { backOff, nextChinaMidnight, PUSH_INTERVAL_MS, PUSHES_KEPT_MS, SearchPushWorker } from './push-worker.js';
export { updateSearchPushSettings } from './update-push-settings.js';
