/** The little of an Ajv instance this needs (ajv is Fastify's dependency, not bendi's). */
interface FormatRegistry {
  formats: Record<string, unknown>;
  addFormat(name: string, format: StringFormat): unknown;
}

interface StringFormat {
  type: 'string';
  validate: (text: string) => boolean;
  compare?: (a: string, b: string) => number | undefined;
  async?: false;
}

/**
 * RFC 3339, and so Ajv's "date-time", allows a leap second (23:59:60), which
 * JavaScript's Date cannot hold: a route would get an Invalid Date and fail
 * with a 500 when it writes it. Such a time is refused with the 400 of any
 * malformed one. Runs on each new Ajv, after its standard formats.
 */
export function refuseDateTimesJavaScriptCannotRead(ajv: FormatRegistry): void {
  const standard = ajv.formats['date-time'] as StringFormat;
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text) => standard.validate(text) && !Number.isNaN(Date.parse(text)),
    compare: standard.compare,
  });
}
