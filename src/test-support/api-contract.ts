import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';

// ajv-formats is CommonJS: under ESM its plugin is the default export's default.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

/** A JSON pointer segment: `/` and `~` escaped. */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Holds every answer the tests receive from the API to the OpenAPI document
 * the app publishes: a status the operation does not document, or a body that
 * does not match the documented schema, turns the answer into a 500 naming the
 * breach (so the test at hand fails where it happened) and makes app.close()
 * throw (so no test file passes with a breach in it). The document is what
 * clients build on; this keeps it true.
 */
export function checkAnswersAgainstOpenApi(app: FastifyInstance): void {
  const breaches: string[] = [];
  let validators: Promise<(path: string, method: string, status: string) => ValidateFunction | 'no content' | string> | undefined;

  function compileValidators(doc: OpenAPIV3_1.Document) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    // The whole document as one schema resource, so `#/components/schemas/…` refs resolve in it.
    ajv.addSchema(doc as object, 'openapi.json', undefined, false);
    const cache = new Map<string, ValidateFunction | 'no content' | string>();
    return (path: string, method: string, status: string) => {
      const key = `${method} ${path} ${status}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const operation = doc.paths?.[path]?.[method as OpenAPIV3_1.HttpMethods];
      const response = operation?.responses?.[status] as OpenAPIV3_1.ResponseObject | undefined;
      const result = !operation
        ? `${method.toUpperCase()} ${path} is not in the OpenAPI document`
        : !response
          ? `${method.toUpperCase()} ${path} answered ${status}, which its OpenAPI operation does not document`
          : !response.content
            ? 'no content'
            : ajv.compile({ $ref: `openapi.json#/paths/${pointer(path)}/${method}/responses/${status}/content/${pointer(Object.keys(response.content)[0]!)}/schema` });
      cache.set(key, result);
      return result;
    };
  }

  function breach(request: FastifyRequest, reply: FastifyReply, problem: string): string {
    const message = `API contract broken: ${request.method} ${request.url} → ${reply.statusCode}: ${problem}`;
    breaches.push(message);
    reply.code(500).type('application/json');
    return JSON.stringify({ error: 'test.api_contract', message });
  }

  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/') || route.startsWith('/api/docs')) return payload;
    // A method the path does not have (http/method-not-allowed.ts): the document lists those it has.
    if (reply.statusCode === 405) return payload;
    // The document as the app publishes it (see admin/openapi.ts).
    validators ??= app.inject('/api/docs/json').then((answer) => compileValidators(answer.json()));
    const path = route.replace(/:(\w+)/g, '{$1}');
    const check = (await validators)(path, request.method.toLowerCase(), String(reply.statusCode));
    if (typeof check === 'string' && check !== 'no content') return breach(request, reply, check);
    if (check === 'no content') return payload === undefined || payload === '' ? payload : breach(request, reply, 'a body where none is documented');
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('application/json')) return payload;
    if (typeof payload !== 'string') return breach(request, reply, 'a JSON answer that is not a string');
    if (!check(JSON.parse(payload))) return breach(request, reply, `${JSON.stringify(check.errors)} in ${payload.slice(0, 500)}`);
    return payload;
  });

  app.addHook('onClose', async () => {
    if (breaches.length > 0) throw new Error(`${breaches.length} answers broke the API contract:\n${breaches.join('\n')}`);
  });
}
