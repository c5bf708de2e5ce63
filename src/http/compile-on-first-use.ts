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

/** Fastify's default compilers, each route's schemas compiled on first use, with date-times a Date can hold. */
export const schemaCompilersOnFirstUse: NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'] = {
  buildValidator: (externalSchemas, options) =>
    compileOnFirstUse(buildAjvValidator(externalSchemas, { ...options, onCreate: refuseDateTimesJavaScriptCannotRead })),
  buildSerializer: (externalSchemas, options) => compileOnFirstUse(buildJsonSerializer(externalSchemas, options)),
};

/** A validator compiler with these Ajv options, made when a route first needs it. */
export function validatorCompilerOnFirstUse(customOptions: Record<string, unknown>) {
  let compiler: ReturnType<typeof buildAjvValidator> | undefined;
  return compileOnFirstUse((route: Parameters<ReturnType<typeof buildAjvValidator>>[0]) => {
    compiler ??= buildAjvValidator({}, { customOptions, plugins: [], onCreate: refuseDateTimesJavaScriptCannotRead });
    return compiler(route);
  });
}
