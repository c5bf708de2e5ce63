import type { Migration } from 'kysely';
import * as initial from './2026_11_29_1500_initial.js';
import * as newsroom from './2026_11_29_1600_newsroom.js';
import * as readers from './2026_11_29_1700_readers.js';
import * as reportOnce from './2026_11_29_1800_report_once.js';
import * as commentLikes from './2026_11_29_1900_comment_likes.js';
import * as exactLimits from './2026_12_01_1010_exact_limits.js';
import * as reviewVersionsTokenExpiry from './2026_12_01_1020_review_versions_token_expiry.js';
import * as counterBatches from './2026_12_01_2050_counter_batches.js';
import * as siteSearch from './2026_12_01_2100_site_search.js';
import * as readerSpace from './2026_12_01_2130_reader_space.js';
import * as imports from './2026_12_01_2140_imports.js';
import * as dailyReads from './2026_12_01_2150_daily_reads.js';
import * as mediaLibrary from './2026_12_01_2200_media_library.js';
import * as tags from './2026_12_01_2210_tags.js';
import * as pushQueue from './2026_12_01_2220_push_queue.js';
import * as savedFilters from './2026_12_01_2240_saved_filters.js';
import * as frontPageIndexes from './2026_12_02_0010_front_page_indexes.js';
import * as ads from './2026_12_02_0020_ads.js';
import * as topics from './2026_12_02_0030_topics.js';
import * as siteDailyReads from './2026_12_02_0060_site_daily_reads.js';
import * as writerIpRegion from './2026_12_02_0061_writer_ip_region.js';
import * as articleVisibilityIndex from './2026_12_02_0070_article_visibility_index.js';
import * as searchTitleWords from './2026_12_02_0071_search_title_words.js';
import * as nicknameChanges from './2026_12_02_0080_nickname_changes.js';
import * as pendingMediaDeletes from './2026_12_02_0090_pending_media_deletes.js';
import * as dataVersions from './2026_12_02_0100_data_versions.js';
import * as mediaUploads from './2026_12_02_0110_media_uploads.js';
import * as tagFoldedNames from './2026_12_02_0120_tag_folded_names.js';
import * as recommendedIndex from './2026_12_03_0010_recommended_index.js';
import * as categoryListKeys from './2026_12_03_0020_category_list_keys.js';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026_11_29_1500_initial': initial,
  '2026_11_29_1600_newsroom': newsroom,
  '2026_11_29_1700_readers': readers,
  '2026_11_29_1800_report_once': reportOnce,
  '2026_11_29_1900_comment_likes': commentLikes,
  '2026_12_01_1010_exact_limits': exactLimits,
  '2026_12_01_1020_review_versions_token_expiry': reviewVersionsTokenExpiry,
  '2026_12_01_2050_counter_batches': counterBatches,
  '2026_12_01_2100_site_search': siteSearch,
  '2026_12_01_2130_reader_space': readerSpace,
  '2026_12_01_2140_imports': imports,
  '2026_12_01_2150_daily_reads': dailyReads,
  '2026_12_01_2200_media_library': mediaLibrary,
  '2026_12_01_2210_tags': tags,
  '2026_12_01_2220_push_queue': pushQueue,
  '2026_12_01_2240_saved_filters': savedFilters,
  '2026_12_02_0010_front_page_indexes': frontPageIndexes,
  '2026_12_02_0020_ads': ads,
  '2026_12_02_0030_topics': topics,
  '2026_12_02_0060_site_daily_reads': siteDailyReads,
  '2026_12_02_0061_writer_ip_region': writerIpRegion,
  '2026_12_02_0070_article_visibility_index': articleVisibilityIndex,
  '2026_12_02_0071_search_title_words': searchTitleWords,
  '2026_12_02_0080_nickname_changes': nicknameChanges,
  '2026_12_02_0090_pending_media_deletes': pendingMediaDeletes,
  '2026_12_02_0100_data_versions': dataVersions,
  '2026_12_02_0110_media_uploads': mediaUploads,
  '2026_12_02_0120_tag_folded_names': tagFoldedNames,
  '2026_12_03_0010_recommended_index': recommendedIndex,
  '2026_12_03_0020_category_list_keys': categoryListKeys,
};
