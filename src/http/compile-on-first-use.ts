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

type AjvCompilerOptions = NonNullable<Parameters<typeof buildAjvValidator>[1]>;

/**
 * Fastify's validator compiler for these options, each Ajv made when a route
 * first needs it (a new Ajv costs about 0.1 s of a start), with date-times a
 * Date can hold. Query strings, path parameters and headers are text, so
 * their schemas coerce ("2" → 2, as Fastify does by default); a JSON body
 * carries its own types, so it is taken as sent: `{"body": true}` is refused
 * as not text rather than stored as the word "true".
 */
function validatorOnFirstUse(externalSchemas: Parameters<typeof buildAjvValidator>[0], options: AjvCompilerOptions) {
  const compilers = new Map<boolean, ReturnType<typeof buildAjvValidator>>();
  const compilerFor = (isBody: boolean) => {
    let compiler = compilers.get(isBody);
    if (!compiler) {
      const customOptions = { ...options.customOptions, ...(isBody && { coerceTypes: false }) };
      compiler = buildAjvValidator(externalSchemas, { ...options, customOptions, onCreate: refuseDateTimesJavaScriptCannotRead } as AjvCompilerOptions);
      compilers.set(isBody, compiler);
    }
    return compiler;
  };
  return compileOnFirstUse((route: Parameters<ReturnType<typeof buildAjvValidator>>[0]) => compilerFor(route.httpPart === 'body')(route));
}

/** Fastify's default compilers, each route's schemas compiled on first use (see validatorOnFirstUse). */
export const schemaCompilersOnFirstUse: NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'] = {
  buildValidator: (externalSchemas, options) => validatorOnFirstUse(externalSchemas, options ?? {}),
  buildSerializer: (externalSchemas, options) => compileOnFirstUse(buildJsonSerializer(externalSchemas, options)),
};

/** A validator compiler with these Ajv options, for a scope that sets its own (see validatorOnFirstUse). */
export function validatorCompilerOnFirstUse(customOptions: Record<string, unknown>) {
  return validatorOnFirstUse({}, { customOptions, plugins: [] });
}
