import { readSettingsGroup, saveSettingsGroup } from '../site/index.js';
import type { Db } from '../db/database.js';

export const BAIDU_PUSH_ENDPOINT = 'http://data.zz.baidu.com/urls';
export const INDEXNOW_ENDPOINT = 'https://api.indexnow.org/indexnow';

/** Where published URLs are pushed: Baidu's 普通收录 API and IndexNow (Bing, Yandex, Seznam, Naver…). */
export interface SearchPushSettings {
  /** The site as verified in 百度搜索资源平台, e.g. https://www.qingxi.example or www.qingxi.example. */
  baiduSite: string;
  /** Write-only: the 准入密钥 of the 普通收录 API; never answered by the API nor shown in a form. */
  baiduToken: string;
  /** Another address for Baidu's API (a stand-in in tests); empty for the public one. */
  baiduEndpoint: string;
  /** Served at /<key>.txt to prove the site is ours; empty leaves IndexNow off. */
  indexNowKey: string;
  indexNowEndpoint: string;
}

export const DEFAULT_SEARCH_PUSH_SETTINGS: Readonly<SearchPushSettings> = Object.freeze({
  baiduSite: '',
  baiduToken: '',
  baiduEndpoint: '',
  indexNowKey: '',
  indexNowEndpoint: '',
});

export type PushEngine = 'baidu' | 'indexnow';

/** The engines that have what they need; pushes are queued only for these. */
export function configuredEngines(settings: SearchPushSettings): PushEngine[] {
  const engines: PushEngine[] = [];
  if (settings.baiduSite !== '' && settings.baiduToken !== '') engines.push('baidu');
  if (settings.indexNowKey !== '') engines.push('indexnow');
  return engines;
}

/** What the API and the form show: the token only as whether it is set. */
export type SearchPushSettingsView = Omit<SearchPushSettings, 'baiduToken'> & { baiduTokenSet: boolean };

export function searchPushSettingsView(settings: SearchPushSettings): SearchPushSettingsView {
  const { baiduToken, ...shown } = settings;
  return { ...shown, baiduTokenSet: baiduToken !== '' };
}

const PREFIX = 'searchPush';

export async function getSearchPushSettings(db: Db): Promise<SearchPushSettings> {
  return readSettingsGroup(db, PREFIX, DEFAULT_SEARCH_PUSH_SETTINGS);
}

export async function saveSearchPushSettings(db: Db, changes: Partial<SearchPushSettings>, now: Date): Promise<void> {
  await saveSettingsGroup(db, PREFIX, changes, now);
}
