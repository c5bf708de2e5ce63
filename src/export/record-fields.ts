/**
 * A record of an export read field by field, each checked for its type: a
 * damaged or hand-edited line is refused with the field it got wrong, and
 * the import goes on with the next.
 */
export class RecordFields {
  private readonly record: Record<string, unknown>;

  constructor(value: unknown) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('不是一个 JSON 对象');
    this.record = value as Record<string, unknown>;
  }

  string(name: string): string {
    const value = this.record[name];
    if (typeof value !== 'string') throw new Error(`字段 ${name} 应当是文字`);
    return value;
  }

  optionalString(name: string): string | null {
    return this.record[name] === null || this.record[name] === undefined ? null : this.string(name);
  }

  integer(name: string): number {
    const value = this.record[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`字段 ${name} 应当是非负整数`);
    return value;
  }

  optionalInteger(name: string): number | null {
    return this.record[name] === null || this.record[name] === undefined ? null : this.integer(name);
  }

  boolean(name: string): boolean {
    const value = this.record[name];
    if (typeof value !== 'boolean') throw new Error(`字段 ${name} 应当是 true 或 false`);
    return value;
  }

  date(name: string): Date {
    const date = new Date(this.string(name));
    if (Number.isNaN(date.getTime())) throw new Error(`字段 ${name} 不是有效的时间`);
    return date;
  }

  optionalDate(name: string): Date | null {
    return this.optionalString(name) === null ? null : this.date(name);
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.string(name);
    if (!(values as readonly string[]).includes(value)) throw new Error(`字段 ${name} 应当是 ${values.join('、')} 之一`);
    return value as T;
  }

  strings(name: string): string[] {
    const value = this.record[name];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`字段 ${name} 应当是文字的列表`);
    return value as string[];
  }

  integers(name: string): number[] {
    const value = this.record[name];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) throw new Error(`字段 ${name} 应当是非负整数的列表`);
    return value as number[];
  }

  object(name: string): RecordFields {
    return new RecordFields(this.record[name]);
  }

  optionalObject(name: string): RecordFields | null {
    return this.record[name] === null || this.record[name] === undefined ? null : this.object(name);
  }

  objects(name: string): RecordFields[] {
    const value = this.record[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new Error(`字段 ${name} 应当是列表`);
    return value.map((v) => new RecordFields(v));
  }

  /** Any JSON value, as a setting holds. */
  value(name: string): unknown {
    if (!(name in this.record)) throw new Error(`缺少字段 ${name}`);
    return this.record[name];
  }
}
