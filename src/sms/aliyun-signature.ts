import { createHmac } from 'node:crypto';

// Alibaba Cloud's RPC signature (SignatureVersion 1.0, HMAC-SHA1), written out here instead of taking
// @alicloud/dysmsapi20170525: that SDK pulls in a dozen @alicloud/* packages (tea runtime, credentials,
// XML parser) to make one signed form POST. The rules follow Alibaba Cloud's 签名机制 page for RPC APIs.

/**
 * RFC 3986 percent-encoding as Alibaba Cloud's RPC APIs require: encodeURIComponent,
 * plus the characters it leaves alone that are not unreserved (! ' ( ) *).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parameters sorted by name (code-unit order), each key and value encoded, joined with &. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join('&');
}

/** METHOD&%2F&encode(canonical query): the canonical query is encoded a second time. */
export function rpcStringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** Base64 HMAC-SHA1 keyed with the AccessKey secret followed by "&"; `params` must not hold Signature itself. */
export function signRpc(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(rpcStringToSign(method, params)).digest('base64');
}
