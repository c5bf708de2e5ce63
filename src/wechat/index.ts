export { jsapiSignature } from './jsapi-signature.js';
export { MemoryTicketStore, RedisTicketStore, type TicketStore } from './ticket-store.js';
export { type WechatAccount, type WechatJsConfig, WechatJsSdk } from './wechat-js-sdk.js';
