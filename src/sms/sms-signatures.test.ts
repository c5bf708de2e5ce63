import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentEncode, rpcStringToSign, signRpc } from './aliyun-signature.js';
import { tc3Authorization } from './tencent-signature.js';

describe('阿里云 RPC signature', () => {
  // The worked example of Alibaba Cloud's 签名机制 page for RPC APIs (ECS DescribeRegions, AccessKeySecret "testsecret").
  const documented = {
    Timestamp: '2016-02-23T12:46:24Z',
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0',
  };

  it('builds the documented string to sign, the timestamp colons encoded twice', () => {
    assert.equal(
      rpcStringToSign('GET', documented),
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
  });

  it('gives the documented signature', () => {
    assert.equal(signRpc('GET', documented, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('encodes what encodeURIComponent leaves alone, and Chinese as UTF-8', () => {
    assert.equal(percentEncode("a b*c~d!'()"), 'a%20b%2Ac~d%21%27%28%29');
    assert.equal(percentEncode('青溪'), '%E9%9D%92%E6%BA%AA');
  });
});

describe('腾讯云 TC3-HMAC-SHA256 signature', () => {
  it("gives the Authorization of the CVM DescribeInstances example in Tencent Cloud's 签名方法 v3 page", () => {
    const authorization = tc3Authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      timestamp: 1551113065,
    });
    assert.equal(
      authorization,
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });
});
