// Ads on both databases: the rules for their fields, which are live, and impressions and clicks
// counted once per view, exactly, under concurrency.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { AuditActor } from '../audit/index.js';
import { describeEachDatabase } from '../db/testing.js';
import { AppError } from '../lib/errors.js';
import { buildCategory, buildStaff } from '../test-support/factories.js';
import { ipv6Network } from '../test-support/ipv6-network.js';
import { AD_VIEWS_PER_ADDRESS, createAd, deleteAd, isLive, listAdDays, listAdTotals, listCurrentAds, pickByWeight, recordAdClick, recordAdView, updateAd } from './index.js';

const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.44';
const now = new Date('2026-12-02T02:00:00.000Z');
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
let addressCount = 0;
const freshAddress = () => `198.51.100.${++addressCount}`;

describeEachDatabase('ads', (t) => {
  let actor: AuditActor;
  before(async () => {
    const admin = await buildStaff(t.db, 'admin');
    actor = { id: admin.id, name: admin.username, ip: '127.0.0.1', ipRegion: null };
  });
  const newAd = (fields: Partial<Parameters<typeof createAd>[1]> = {}) =>
    createAd(t.db, { slot: 'home_banner', title: '溪口农家乐', linkUrl: 'https://example.com/farm', startsAt: hours(-1), ...fields }, actor, now);
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AppError, String(error));
    return error;
  };

  it('keeps what staff typed, markup and all (pages escape it), and refuses links readers could be harmed by', async () => {
    const ad = await newAd({ title: '<script>alert(1)</script>', body: '<b>粗</b>', linkUrl: ' https://example.com/a?b=<c> ' });
    assert.equal(ad.title, '<script>alert(1)</script>');
    assert.equal(ad.kind, 'text');
    assert.equal(ad.linkUrl, 'https://example.com/a?b=%3Cc%3E');
    for (const link of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', '/a/1', '//evil.example', 'ftp://example.com', 'https://user:pw@example.com', '']) {
      const error = await refusal(newAd({ linkUrl: link }));
      assert.equal(error.code, 'ads.invalid_link', link);
    }
  });

  it('refuses an end before the start, also when only one of them changes, and an image not in the library', async () => {
    assert.equal((await refusal(newAd({ startsAt: hours(2), endsAt: hours(1) }))).code, 'ads.ends_before_start');
    const ad = await newAd({ endsAt: hours(5) });
    assert.equal((await refusal(updateAd(t.db, ad.id, { startsAt: hours(6) }, actor, now))).code, 'ads.ends_before_start');
    assert.equal((await refusal(newAd({ mediaId: 999_999 }))).code, 'ads.image_not_found');
    assert.equal((await refusal(newAd({ categoryIds: [999_999] }))).code, 'ads.category_not_found');
  });

  it('lists the ads not yet ended, with their categories; the page checks start and end itself', async () => {
    const category = await buildCategory(t.db);
    const scheduled = await newAd({ startsAt: hours(3), categoryIds: [category.id] });
    const ended = await newAd({ startsAt: hours(-5), endsAt: hours(-1) });
    const off = await newAd({ enabled: false });
    const current = await listCurrentAds(t.db, now);
    const ids = current.map((a) => a.id);
    assert.ok(ids.includes(scheduled.id));
    assert.ok(!ids.includes(ended.id) && !ids.includes(off.id));
    const listed = current.find((a) => a.id === scheduled.id)!;
    assert.deepEqual(listed.categoryIds, [category.id]);
    assert.equal(isLive(listed, now), false);
    assert.equal(isLive(listed, hours(4)), true);
  });

  it('picks by weight', () => {
    const ads = [{ id: 1, weight: 1 }, { id: 2, weight: 3 }];
    assert.equal(pickByWeight(ads, 0)?.id, 1);
    assert.equal(pickByWeight(ads, 0.24)?.id, 1);
    assert.equal(pickByWeight(ads, 0.26)?.id, 2);
    assert.equal(pickByWeight(ads, 0.999)?.id, 2);
    assert.equal(pickByWeight([], 0.5), undefined);
  });

  it('counts one impression per view and one click per view, exactly, however many race; crawlers count nothing', async () => {
    const ad = await newAd();
    const view = { adIds: [ad.id, ad.id], ip: freshAddress(), userAgent: BROWSER };
    const tokens = await Promise.all(Array.from({ length: 8 }, () => recordAdView(t.db, view, now)));
    assert.ok(tokens.every((token) => typeof token === 'string'));
    const clicks = await Promise.all(Array.from({ length: 12 }, () => recordAdClick(t.db, { adId: ad.id, viewToken: tokens[0], ip: view.ip, userAgent: BROWSER }, now)));
    assert.ok(clicks.every((c) => c.linkUrl === 'https://example.com/farm'));
    await recordAdClick(t.db, { adId: ad.id, viewToken: tokens[1], ip: view.ip, userAgent: BROWSER }, now);
    await recordAdClick(t.db, { adId: ad.id, viewToken: 'made-up-token', ip: view.ip, userAgent: BROWSER }, now);
    await recordAdClick(t.db, { adId: ad.id, viewToken: undefined, ip: view.ip, userAgent: BROWSER }, now);
    assert.equal(await recordAdView(t.db, { ...view, userAgent: 'Mozilla/5.0 (compatible; Baiduspider/2.0)' }, now), undefined);
    assert.equal(await recordAdView(t.db, { ...view, userAgent: undefined }, now), undefined);
    await recordAdClick(t.db, { adId: ad.id, viewToken: tokens[2], ip: view.ip, userAgent: 'curl/8.0' }, now);
    assert.deepEqual(await listAdDays(t.db, ad.id), [{ day: '2026-12-02', impressions: 8, clicks: 2 }]);
    assert.deepEqual((await listAdTotals(t.db)).get(ad.id), { impressions: 8, clicks: 2 });
  });

  it('bounds the views one address, or one IPv6 /64, counts per window, exactly under a flood', async () => {
    const address = freshAddress();
    for (const from of [() => address, ipv6Network()]) {
      const ad = await newAd();
      const view = () => ({ adIds: [ad.id], ip: from(), userAgent: BROWSER });
      const tokens = await Promise.all(Array.from({ length: AD_VIEWS_PER_ADDRESS + 15 }, () => recordAdView(t.db, view(), now)));
      assert.equal(tokens.filter(Boolean).length, AD_VIEWS_PER_ADDRESS, from());
      assert.equal((await listAdDays(t.db, ad.id))[0]?.impressions, AD_VIEWS_PER_ADDRESS);
      assert.ok(await recordAdView(t.db, view(), new Date(now.getTime() + 11 * 60_000)), 'the next window counts again');
    }
  });

  it('counts nothing for ads not live, and sends no one to an ad switched off or deleted', async () => {
    const ad = await newAd({ startsAt: hours(1) });
    assert.equal(await recordAdView(t.db, { adIds: [ad.id], ip: freshAddress(), userAgent: BROWSER }, now), undefined);
    assert.equal((await refusal(recordAdClick(t.db, { adId: ad.id, viewToken: undefined, ip: '1.1.1.1', userAgent: BROWSER }, now))).code, 'ads.not_found');
    await deleteAd(t.db, ad.id, actor, now);
    assert.equal((await refusal(recordAdClick(t.db, { adId: ad.id, viewToken: undefined, ip: '1.1.1.1', userAgent: BROWSER }, hours(2)))).code, 'ads.not_found');
  });
});
