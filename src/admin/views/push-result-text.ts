import type { PushResult } from '../../search-push/index.js';
import { am } from './admin-messages.js';

const t = am.searchEngines;

/** A push's result as staff read it, e.g. 密钥无效：…（搜索引擎返回：token is not valid）. */
export function pushResultText(result: PushResult | null): string {
  if (!result) return '';
  const parts: string[] = [t.results[result.code]];
  if (result.remain !== undefined) parts.push(`，${t.remain(result.remain)}`);
  if (result.message) parts.push(t.engineSaid(result.message));
  return parts.join('');
}
