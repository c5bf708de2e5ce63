export { type Ad, AD_BODY_MAX, AD_LINK_MAX, AD_SLOTS, AD_TITLE_MAX, AD_WEIGHT_MAX, type AdInput, type AdSlotName, checkedAdLink, isLive, pickByWeight, showsOnCategory } from './ad.js';
export { listAds, listCurrentAds } from './ad-repo.js';
export { createAd, deleteAd, getAd, updateAd } from './manage-ads.js';
export { AD_VIEW_WINDOW_MINUTES, AD_VIEWS_PER_ADDRESS, MAX_ADS_PER_VIEW, recordAdClick, recordAdView } from './ad-counts.js';
export { type AdDay, type AdTotals, listAdDays, listAdTotals } from './ad-stats.js';
