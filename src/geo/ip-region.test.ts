import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupIpRegion } from './ip-region.js';

describe('lookupIpRegion (offline ip2region data)', () => {
  const cases: Array<[string, string | undefined]> = [
    ['115.236.1.1', '浙江'],
    ['58.100.1.1', '浙江'],
    ['::ffff:115.236.1.1', '浙江'],
    ['124.70.1.1', '北京'],
    ['202.96.128.86', '广东'],
    ['110.80.1.1', '福建'],
    ['240e:1::1', '黑龙江'],
    ['203.198.1.1', '中国香港'],
    ['61.216.1.1', '中国台湾'],
    ['202.175.1.1', '中国澳门'],
    ['8.8.8.8', '美国'],
    ['1.1.1.1', '澳大利亚'],
    ['81.2.69.142', '英国'],
    ['127.0.0.1', undefined],
    ['10.1.2.3', undefined],
    ['192.168.1.1', undefined],
    ['not an address', undefined],
    ['', undefined],
  ];
  for (const [address, expected] of cases) {
    it(`${address || '(empty)'} → ${expected ?? 'nothing'}`, () => {
      assert.equal(lookupIpRegion(address), expected);
    });
  }

  it('never answers 未知 or an administrative suffix for a public mainland address', () => {
    for (const address of ['115.236.1.1', '124.70.1.1', '202.96.128.86', '60.1.1.1', '36.110.1.1']) {
      const region = lookupIpRegion(address);
      assert.ok(region && region !== '未知', address);
      assert.doesNotMatch(region, /[省市]$|自治区$/);
    }
  });
});
