import { isIP } from 'node:net';
import { lazyPackage } from '../lib/lazy-package.js';

// CommonJS compiled from TypeScript: the class is its `default` export. Loaded on the first lookup (a comment, a like).
const ip2region = lazyPackage<{ default: (typeof import('ip2region'))['default'] }>('ip2region');
type Searcher = InstanceType<ReturnType<typeof ip2region>['default']>;

// The offline database ships inside the npm package: no network, no download at run time.
let searcher: Searcher | undefined;
function getSearcher(): Searcher {
  searcher ??= new (ip2region().default)();
  return searcher;
}

/** Mainland provinces are shown without their administrative suffix: 浙江省 → 浙江, 广西壮族自治区 → 广西. */
const PROVINCE_SUFFIXES = ['壮族自治区', '回族自治区', '维吾尔自治区', '特别行政区', '自治区', '省', '市'];
/** Taiwan, Hong Kong and Macao are shown as 中国台湾, 中国香港, 中国澳门, as Chinese platforms do. */
const REGIONS_SHOWN_WITH_COUNTRY = ['台湾', '香港', '澳门'];

function shortProvince(province: string): string {
  const suffix = PROVINCE_SUFFIXES.find((s) => province.endsWith(s) && province.length > s.length);
  return suffix ? province.slice(0, -suffix.length) : province;
}

/**
 * IP属地 as Chinese platforms must show it (用户账号信息管理规定 art. 12):
 * the province for mainland addresses, the country or region otherwise.
 * Returns undefined for private, loopback and unknown addresses.
 *
 *   lookupIpRegion('115.236.1.1') === '浙江'
 *   lookupIpRegion('203.198.1.1') === '中国香港'
 *   lookupIpRegion('8.8.8.8')     === '美国'
 */
export function lookupIpRegion(address: string): string | undefined {
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(ip) === 0) return undefined;
  let result: ReturnType<Searcher['search']>;
  try {
    result = getSearcher().search(ip);
  } catch {
    return undefined;
  }
  if (!result) return undefined;
  const province = shortProvince(result.province.trim());
  if (result.country === '中国') {
    if (REGIONS_SHOWN_WITH_COUNTRY.includes(province)) return `中国${province}`;
    return province || '中国';
  }
  return result.country.trim() || undefined;
}
