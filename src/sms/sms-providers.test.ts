import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../lib/errors.js';
import { type ReceivedRequest, startStandIn, type StandInAnswer } from '../test-support/stand-in-server.js';
import { AliyunSmsProvider } from './aliyun-sms.js';
import { signRpc } from './aliyun-signature.js';
import { SmsProviderError } from './sms-provider-error.js';
import { DEFAULT_SMS_SETTINGS, type SmsSettings } from './sms-settings.js';
import { TencentSmsProvider } from './tencent-sms.js';
import { tc3Authorization } from './tencent-signature.js';

const message = { phone: '13800138000', code: '042917', text: 'unused by real providers' };
const clock = () => new Date('2026-03-01T00:30:05.123Z');

/** One stand-in per suite; each test sets what it answers next. */
function standInSuite() {
  let next: StandInAnswer = { json: {} };
  const state = { server: undefined as Awaited<ReturnType<typeof startStandIn>> | undefined };
  before(async () => {
    state.server = await startStandIn(() => next);
  });
  after(() => state.server?.close());
  return {
    answer(reply: StandInAnswer) {
      next = reply;
    },
    get url() {
      return state.server!.url;
    },
    last(): ReceivedRequest {
      return state.server!.received.at(-1)!;
    },
  };
}

async function failureOf(send: Promise<void>): Promise<SmsProviderError> {
  const error = await send.then(
    () => assert.fail('the send should have failed'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SmsProviderError, String(error));
  return error;
}

describe('阿里云短信 SendSms through a stand-in endpoint', () => {
  const standIn = standInSuite();
  const settings = (): SmsSettings => ({
    ...DEFAULT_SMS_SETTINGS,
    provider: 'aliyun',
    accessKeyId: 'LTAI-test-id',
    accessKeySecret: 'aliyun-test-secret',
    signName: '青溪生活网',
    templateCode: 'SMS_123456789',
    endpoint: `${standIn.url}/`,
  });
  const provider = () => new AliyunSmsProvider(settings(), { timeoutMs: 1000, clock });

  it('POSTs the documented form parameters, signed so that the signature verifies', async () => {
    standIn.answer({ json: { Code: 'OK', Message: 'OK', BizId: '9006197469364984^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' } });
    await provider().send(message);
    const request = standIn.last();
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/');
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    const params = Object.fromEntries(new URLSearchParams(request.body));
    const { Signature, SignatureNonce, ...fixed } = params;
    assert.deepEqual(fixed, {
      AccessKeyId: 'LTAI-test-id',
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: '13800138000',
      RegionId: 'cn-hangzhou',
      SignName: '青溪生活网',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_123456789',
      TemplateParam: '{"code":"042917"}',
      Timestamp: '2026-03-01T00:30:05Z',
      Version: '2017-05-25',
    });
    assert.match(SignatureNonce!, /^[0-9a-f-]{36}$/);
    const { Signature: _, ...signed } = params;
    assert.equal(Signature, signRpc('POST', signed, 'aliyun-test-secret'));
  });

  const refusals: Array<[string, string, string]> = [
    ['isv.BUSINESS_LIMIT_CONTROL', 'sms.provider_rate_limited', 'RateLimited'],
    ['isv.SMS_TEMPLATE_ILLEGAL', 'sms.rejected', 'Unavailable'],
    ['isv.TEMPLATE_MISSING_PARAMETERS', 'sms.rejected', 'Unavailable'],
    ['isv.AMOUNT_NOT_ENOUGH', 'sms.no_balance', 'Unavailable'],
    ['isv.MOBILE_NUMBER_ILLEGAL', 'sms.phone_unreachable', 'Invalid'],
    ['SignatureDoesNotMatch', 'sms.rejected', 'Unavailable'],
  ];
  for (const [providerCode, code, kind] of refusals) {
    it(`turns ${providerCode} into ${code}, keeping the provider's words for the log`, async () => {
      standIn.answer({ status: providerCode === 'SignatureDoesNotMatch' ? 400 : 200, json: { Code: providerCode, Message: '触发分钟级流控Permits:1', RequestId: 'x' } });
      const error = await failureOf(provider().send(message));
      assert.equal(error.code, code);
      assert.equal(error.kind, kind);
      assert.equal(error.mayHaveBeenSent, false);
      assert.deepEqual(error.forLog, { provider: 'aliyun', providerCode, providerMessage: '触发分钟级流控Permits:1' });
    });
  }

  it('gives up after the time-out, saying the message may still arrive', async () => {
    standIn.answer('hang');
    const error = await failureOf(provider().send(message));
    assert.equal(error.code, 'sms.timeout');
    assert.equal(error.mayHaveBeenSent, true);
  });

  it('calls an endpoint that cannot be reached unavailable', async () => {
    const error = await failureOf(new AliyunSmsProvider({ ...settings(), endpoint: 'http://127.0.0.1:9/' }, { timeoutMs: 1000, clock }).send(message));
    assert.equal(error.code, 'sms.unavailable');
    assert.ok(error instanceof AppError);
  });
});

describe('腾讯云短信 SendSms through a stand-in endpoint', () => {
  const standIn = standInSuite();
  const settings = (): SmsSettings => ({
    ...DEFAULT_SMS_SETTINGS,
    provider: 'tencent',
    accessKeyId: 'AKID-test-id',
    accessKeySecret: 'tencent-test-key',
    signName: '青溪生活网',
    templateCode: '1110',
    sdkAppId: '1400006666',
    region: 'ap-nanjing',
    endpoint: `${standIn.url}/`,
  });
  const provider = () => new TencentSmsProvider(settings(), { timeoutMs: 1000, clock });
  const sent = (code: string, text: string) => ({ json: { Response: { SendStatusSet: [{ SerialNo: '5000:1045710669157053657849499619', PhoneNumber: '+8613800138000', Fee: 1, SessionContext: '', Code: code, Message: text, IsoCode: 'CN' }], RequestId: 'a0aabda6' } } });

  it('POSTs the documented JSON with the TC3 headers, and the Authorization verifies', async () => {
    standIn.answer(sent('Ok', 'send success'));
    await provider().send(message);
    const request = standIn.last();
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/');
    assert.equal(request.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(request.headers['x-tc-action'], 'SendSms');
    assert.equal(request.headers['x-tc-version'], '2021-01-11');
    assert.equal(request.headers['x-tc-region'], 'ap-nanjing');
    assert.equal(request.headers['x-tc-timestamp'], String(Date.parse('2026-03-01T00:30:05Z') / 1000));
    assert.deepEqual(JSON.parse(request.body), {
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '青溪生活网',
      TemplateId: '1110',
      TemplateParamSet: ['042917'],
    });
    const expected = tc3Authorization({
      secretId: 'AKID-test-id',
      secretKey: 'tencent-test-key',
      service: 'sms',
      host: request.headers.host!,
      contentType: request.headers['content-type'],
      payload: request.body,
      timestamp: Number(request.headers['x-tc-timestamp']),
    });
    assert.equal(request.headers.authorization, expected);
    assert.match(expected, /Credential=AKID-test-id\/2026-03-01\/sms\/tc3_request, SignedHeaders=content-type;host, /);
  });

  const refusals: Array<[string, string]> = [
    ['LimitExceeded.PhoneNumberDailyLimit', 'sms.provider_rate_limited'],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'sms.provider_rate_limited'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'sms.rejected'],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'sms.no_balance'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'sms.phone_unreachable'],
  ];
  for (const [providerCode, code] of refusals) {
    it(`turns a number's ${providerCode} into ${code}`, async () => {
      standIn.answer(sent(providerCode, 'refused'));
      const error = await failureOf(provider().send(message));
      assert.equal(error.code, code);
      assert.equal(error.forLog.providerCode, providerCode);
    });
  }

  it('turns a refused request (Response.Error) into a message too', async () => {
    standIn.answer({ json: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' }, RequestId: 'b1' } } });
    const error = await failureOf(provider().send(message));
    assert.equal(error.code, 'sms.rejected');
    assert.equal(error.forLog.providerCode, 'AuthFailure.SignatureFailure');
  });

  it('gives up after the time-out', async () => {
    standIn.answer('hang');
    assert.equal((await failureOf(provider().send(message))).code, 'sms.timeout');
  });
});
