import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';
import { refuseDateTimesJavaScriptCannotRead } from './date-time-format.js';

type Validator = ((data: unknown) => unknown) & { errors?: unknown };

/**
 * Fastify compiles every route's validators and serializers before it
 * answers its first request: about 0.6 s of CPU for bendi's routes, most of
 * a start, for routes (the newsroom's API) that a reader-facing instance may
 * not use for hours. These compile each one on its first call instead, with
 * Fastify's own compilers.
 */
export function compileOnFirstUse<Route, Compiled extends Validator>(compile: (route: Route) => Compiled): (route: Route) => Compiled {
  return (route) => {
    let compiled: Compiled | undefined;
    const firstUse: Validator = (data) => {
      compiled ??= compile(route);
      const result = compiled(data);
      // Fastify reads a failed validation's reasons from the function it was given.
      firstUse.errors = compiled.errors;
      return result;
    };
    return firstUse as Compiled;
  };
}

// One of each, as Fastify keeps them: they pool compilers by options, and a new Ajv costs about 0.1 s.
const buildAjvValidator = AjvCompiler();
const buildJsonSerializer = SerializerSelector();

/**
 * Fastify's default compilers, each route's schemas compiled on first use,
 * with date-times a Date can hold. Query strings, path parameters and headers
 * are text, so their schemas coerce ("2" → 2, as Fastify does by default);
 * a JSON body carries its own types, so it is taken as sent: `{"body": true}`
 * is refused as not text rather than stored as the word "true".
 */
export const schemaCompilersOnFirstUse: NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'] = {
  buildValidator: (externalSchemas, options) => {
    const coercing = buildAjvValidator(externalSchemas, { ...options, onCreate: refuseDateTimesJavaScriptCannotRead });
    // Made when the first body is validated: a new Ajv costs about 0.1 s of a start.
    let asSent: typeof coercing | undefined;
    return compileOnFirstUse((route) => {
      if (route.httpPart !== 'body') return coercing(route);
      const customOptions = { ...options?.customOptions, coerceTypes: false };
      asSent ??= buildAjvValidator(externalSchemas, { ...options, customOptions, onCreate: refuseDateTimesJavaScriptCannotRead } as typeof options);
      return asSent(route);
    });
  },
  buildSerializer: (externalSchemas, options) => compileOnFirstUse(buildJsonSerializer(externalSchemas, options)),
};

/** A validator compiler with these Ajv options, made when a route first needs it (bodies, as above, taken as sent). */
export function validatorCompilerOnFirstUse(customOptions: Record<string, unknown>) {
  let compiler: ReturnType<typeof buildAjvValidator> | undefined;
  let bodyCompiler: ReturnType<typeof buildAjvValidator> | undefined;
  return compileOnFirstUse((route: Parameters<ReturnType<typeof buildAjvValidator>>[0]) => {
    if (route.httpPart === 'body') {
      bodyCompiler ??= buildAjvValidator({}, { customOptions: { ...customOptions, coerceTypes: false }, plugins: [], onCreate: refuseDateTimesJavaScriptCannotRead });
      return bodyCompiler(route);
    }
    compiler ??= buildAjvValidator({}, { customOptions, plugins: [], onCreate: refuseDateTimesJavaScriptCannotRead });
    return compiler(route);
  });
}
