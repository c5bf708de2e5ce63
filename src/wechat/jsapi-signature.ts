import { createHash } from 'node:crypto';

/**
 * The JS-SDK signature as WeChat's JS-SDK documentation (附录1) defines it:
 * sha1 of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, the fields in that
 * (ASCII) order, values raw and not URL-escaped, and the URL without its
 * #fragment, which the page's wx.config must match exactly.
 */
export function jsapiSignature(input: { ticket: string; nonceStr: string; timestamp: number; url: string }): string {
  const url = input.url.split('#')[0]!;
  return createHash('sha1').update(`jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${url}`, 'utf8').digest('hex');
}
