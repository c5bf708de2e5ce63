import type { FastifyInstance } from 'fastify';
import { anonymous, errorResponses } from '../http/api-schemas.js';
import { AppError, invalid } from '../lib/errors.js';
import type { WechatJsSdk } from '../wechat/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when WECHAT_APP_ID and WECHAT_APP_SECRET are: article pages then configure WeChat's share card. */
    wechatJsSdk: WechatJsSdk | undefined;
  }
}

const jsConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['appId', 'timestamp', 'nonceStr', 'signature'],
  properties: {
    appId: { type: 'string' },
    timestamp: { type: 'integer', description: 'seconds since the epoch, as wx.config takes it' },
    nonceStr: { type: 'string' },
    signature: { type: 'string', description: 'sha1 hex, as the JS-SDK documentation (附录1) defines it' },
  },
} as const;

/**
 * GET /api/wechat/js-config: the values a page passes to wx.config. Asked by
 * the page's script rather than written into the page, so cached pages stay
 * cacheable and the signature is always for the address the reader has open.
 */
export function registerWechatApi(app: FastifyInstance, wechat: WechatJsSdk | undefined): void {
  app.decorate('wechatJsSdk', wechat);
  app.get<{ Querystring: { url: string } }>(
    '/api/wechat/js-config',
    {
      schema: {
        tags: ['wechat'],
        summary: '微信分享配置 / the signed wx.config values for a page of this site',
        operationId: 'getWechatJsConfig',
        security: anonymous,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: { url: { type: 'string', minLength: 1, maxLength: 2000, description: 'the page’s full address; its #fragment is ignored' } },
        },
        response: { 200: jsConfigSchema, ...errorResponses(400, 404, 503) },
      },
    },
    async (request, reply) => {
      if (!wechat) throw new AppError('NotFound', 'wechat.not_configured');
      // Only this site's pages: signing any address would lend the 公众号's JS-SDK rights to other sites.
      if (originOf(request.query.url) !== request.pageOrigin) throw invalid('wechat.foreign_url', { field: 'url' });
      const config = await wechat.jsConfig(request.query.url);
      void reply.header('cache-control', 'no-store');
      return config;
    },
  );
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
