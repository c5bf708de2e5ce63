import assert from 'node:assert/strict';
import { DOMParser, type Element } from '@xmldom/xmldom';

/** A namespace-aware parse that fails the test on any well-formedness error or warning, as a strict validator would. */
export function parseXml(xml: string): Element {
  const doc = new DOMParser({ onError: (level, message) => assert.fail(`XML ${level}: ${message}`) }).parseFromString(xml, 'application/xml');
  return doc.documentElement!;
}
