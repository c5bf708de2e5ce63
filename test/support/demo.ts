// Demo content as end-to-end tests find it: by its key in src/demo/demo-content.ts, never by
// an id, which only says in what order the demo happened to be inserted.
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { demoContent } from '../../src/demo/demo-content.js';
import type { DemoArticle } from '../../src/demo/demo-content.types.js';

export function demoArticle(key: string): DemoArticle {
  const article = demoContent.articles.find((a) => a.key === key);
  if (!article) throw new Error(`no demo article has the key ${key}`);
  return article;
}

/**
 * The id of demo article `key` in the portal whose environment is `env` (DATA_DIR, DATABASE_URL),
 * looked up by its title, which no other demo article shares.
 */
export async function demoArticleId(env: Record<string, string>, key: string): Promise<number> {
  const { db } = openDatabase(loadConfig(env).database);
  try {
    const row = await db.selectFrom('articles').select('id').where('title', '=', demoArticle(key).title).executeTakeFirst();
    if (!row) throw new Error(`demo article ${key} is not in the portal's database`);
    return row.id;
  } finally {
    await db.destroy();
  }
}
