import { createHash, createHmac } from 'node:crypto';

// Tencent Cloud API 3.0 signature v3 (TC3-HMAC-SHA256), written out here instead of taking
// tencentcloud-sdk-nodejs: that SDK carries every Tencent Cloud product's client to sign one JSON POST.
// The steps follow Tencent Cloud's 签名方法 v3 page.

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** The product, as in its host name: "sms" for sms.tencentcloudapi.com. */
  service: string;
  /** The Host header exactly as sent. */
  host: string;
  /** The Content-Type header exactly as sent; the signature covers it. */
  contentType: string;
  /** The JSON body exactly as sent. */
  payload: string;
  /** Seconds since the epoch, as in X-TC-Timestamp. */
  timestamp: number;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** The Authorization header of a POST to "/" signing content-type and host. */
export function tc3Authorization(request: Tc3Request): string {
  const signedHeaders = 'content-type;host';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${request.contentType.trim().toLowerCase()}\nhost:${request.host.trim().toLowerCase()}\n`,
    signedHeaders,
    sha256Hex(request.payload),
  ].join('\n');
  // The date is UTC's, never the server's zone: at 00:30 in Beijing it is still yesterday in the scope.
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
