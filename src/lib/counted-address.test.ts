import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countedAddress } from './counted-address.js';

describe('the address a limit counts', () => {
  it('keeps an IPv4 address, and counts an IPv4-mapped IPv6 address as that IPv4 address', () => {
    assert.equal(countedAddress('1.2.3.4'), '1.2.3.4');
    for (const mapped of ['::ffff:1.2.3.4', '::FFFF:102:304', '0:0:0:0:0:ffff:0102:0304']) assert.equal(countedAddress(mapped), '1.2.3.4', mapped);
  });

  it('counts every address of one IPv6 /64 as that network, however it is written', () => {
    for (const address of ['2001:db8:0:1::1', '2001:db8:0:1:a:b:c:d', '2001:0DB8:0000:0001:ffff:ffff:ffff:ffff', '2001:db8::1:0:0:0:1', '2001:db8:0:1::1.2.3.4', '2001:db8:0:1::1%eth0']) {
      assert.equal(countedAddress(address), '2001:db8:0:1::/64', address);
    }
    assert.equal(countedAddress('2001:db8::5'), '2001:db8::/64', 'zero groups of the network are shortened as RFC 5952 says');
    assert.equal(countedAddress('::1'), '::/64');
  });

  it('keeps two /64 networks apart, next to each other or not', () => {
    const networks = ['2001:db8:0:1::1', '2001:db8:0:2::1', '2001:db8:1:1::1', '2001:db9:0:1::1'].map(countedAddress);
    assert.equal(new Set(networks).size, networks.length);
  });

  it('returns what is not an address as it came', () => {
    for (const text of ['', 'unknown', '1.2.3', '2001:db8::g']) assert.equal(countedAddress(text), text);
  });
});
