export { lookupIpRegion } from './ip-region.js';
