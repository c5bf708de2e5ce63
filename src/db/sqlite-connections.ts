import SqliteDatabase from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import { SqliteLimitCompiler } from './sqlite-query-compiler.js';
import { WalIndexHeader } from './wal-index-header.js';

/**
 * SQLite as bendi opens it: one connection that writes, one at a time, and
 * one that reads outside transactions. In WAL mode a reader sees the last
 * commit without waiting for a writer, but Kysely's SqliteDialect has a single
 * connection, held for the whole of a transaction: while an admin imported
 * 100,000 words into the lexicon, a search page waited 635 ms for it (84 ms
 * here, the event loop's own pauses; bench/lexicon-reload.bench.ts). Here a
 * transaction holds only the writer, and a select outside one, built or
 * written as SQL, goes to the reader: it sees what is committed, as a read on
 * PostgreSQL does (READ COMMITTED), for which bendi's code is written and
 * tested too. Hand-written because Kysely's driver has no way to route a
 * statement to another connection.
 */
export class SqliteConnectionsDialect extends SqliteDialect {
  private readonly writer: Connection;
  private readonly reader: Connection;
  private readonly writerSqlite: SqliteDatabase.Database;
  private readonly writerDataVersion: SqliteDatabase.Statement;
  private readonly walIndexHeader: WalIndexHeader | undefined;
  private lastOthersDataVersion: number;

  constructor(file: string) {
    const writerSqlite = open(file);
    const writer = withStatementCache(writerSqlite);
    super({ database: writer });
    this.writer = writer;
    this.writerSqlite = writerSqlite;
    this.writerDataVersion = writerSqlite.prepare('PRAGMA data_version').pluck();
    this.lastOthersDataVersion = this.writerDataVersion.get() as number;
    // After that first reading, for which SQLite makes a new file's wal-index.
    this.walIndexHeader = WalIndexHeader.of(writerSqlite);
    // Opened second: the writer has made the file WAL, which lets it be read beside a writer.
    const reader = open(file);
    reader.pragma('query_only = ON');
    this.reader = withStatementCache(reader);
  }

  /**
   * A number that changes whenever a connection other than this one's writer
   * commits to the file: another process's, such as `npx bendi import`'s, as
   * this one's reader never writes (SQLite's data_version, which leaves out
   * the asking connection's own commits). Read straight off the writer,
   * without waiting for its turn, but never inside the writer's transaction:
   * there the pragma would fix the transaction's snapshot, and the other
   * process committing before the transaction's first write would fail that
   * write (SQLITE_BUSY_SNAPSHOT). Until the transaction ends, the last
   * reading stands, as it does while the file's wal-index header is the one
   * read before it: then nobody has committed since. Throws while a stream
   * iterates on the writer and something was committed.
   */
  othersDataVersion(): number {
    if (this.writerSqlite.inTransaction || this.walIndexHeader?.changed() === false) return this.lastOthersDataVersion;
    this.lastOthersDataVersion = this.writerDataVersion.get() as number;
    // Read before the pragma, the header stands for no more than the pragma saw.
    this.walIndexHeader?.accept();
    return this.lastOthersDataVersion;
  }

  override createDriver(): Driver {
    return new SqliteConnectionsDriver(this.writer, this.reader);
  }

  override createQueryCompiler(): QueryCompiler {
    return new SqliteLimitCompiler();
  }
}

/**
 * How much of the database file SQLite reads through a memory mapping instead of read() into its page
 * cache, 2 MB a connection: on a site larger than that, read at random by a crawler, nearly every row
 * read was a page copied (random articles of a 60,000-article site: 508 req/s, 618–845 mapped in three
 * runs on a noisy machine; bench/crawler.bench.ts). Worst for an article's card columns, which come after its body in the row: on
 * a body over about 4 KB they are reached through its overflow pages, each read in turn (a card row of
 * an 8 KB body read at random: 18.8 µs, 10.3 µs mapped). The mapping is of the file the kernel caches
 * anyway: pages touched count in the process's resident size, but they are the kernel's to drop. The
 * WAL is read as before.
 */
const MAPPED_BYTES = 256 * 1024 * 1024;

function open(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Sorting for ORDER BY … LIMIT (most lists of a page) goes through a temporary table, which SQLite
  // otherwise opens as a file, an open and unlink per query: 170 µs a query, 13 µs in memory. The
  // largest sort bendi asks for, over every published article, takes a few megabytes.
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`mmap_size = ${MAPPED_BYTES}`);
  return sqlite;
}

/** SQL that reads, unless SQLite finds a write in it (a CTE feeding an insert). */
const READ_STATEMENT = /^\s*(select|with)\b/i;

/**
 * Kysely's SqliteDriver with its one connection replaced by RoutedConnection:
 * its transactions and savepoints are statements on the connection, so they
 * go to the writer unchanged.
 */
class SqliteConnectionsDriver extends SqliteDriver {
  private readonly writerTurns = new Turns();

  constructor(
    private readonly writer: Connection,
    private readonly reader: Connection,
  ) {
    super({ database: writer });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.writer, this.reader, this.writerTurns);
  }

  // Kysely passes the connection (Driver's signature); SqliteDriver's own, with one connection, declares none.
  override async releaseConnection(connection?: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).release();
  }

  override async destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }
}

/**
 * What Kysely holds for one query or one transaction: a select before
 * anything else goes to the reader; anything else takes the writer, waiting
 * its turn, and keeps it until Kysely releases the connection, so every later
 * statement (a transaction's selects too) runs there.
 */
class RoutedConnection implements DatabaseConnection {
  private holdsWriter = false;

  constructor(
    private readonly writer: Connection,
    private readonly reader: Connection,
    private readonly writerTurns: Turns,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.holdsWriter && this.isRead(compiled)) return run(this.reader, compiled);
    await this.takeWriter();
    return run(this.writer, compiled);
  }

  /**
   * A select, built or written as SQL (search's full-text queries are). SQLite
   * calls more than selects read-only (BEGIN, and PRAGMAs that set up the
   * connection): those must reach the writer.
   */
  private isRead({ query, sql }: CompiledQuery): boolean {
    if (SelectQueryNode.is(query)) return true;
    return RawNode.is(query) && READ_STATEMENT.test(sql) && this.reader.prepare(sql).readonly;
  }

  // Iterating keeps its connection busy for every other statement: only the writer, held, can be given to it.
  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    await this.takeWriter();
    for (const row of this.writer.prepare(compiled.sql).iterate(compiled.parameters) as Iterable<R>) yield { rows: [row] };
  }

  release(): void {
    if (!this.holdsWriter) return;
    this.holdsWriter = false;
    this.writerTurns.next();
  }

  private async takeWriter(): Promise<void> {
    if (this.holdsWriter) return;
    await this.writerTurns.wait();
    this.holdsWriter = true;
  }
}

function run<R>(database: Connection, { sql, parameters }: CompiledQuery): QueryResult<R> {
  const statement = database.prepare(sql);
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** Who has the writer: the first to wait has it, and each next() gives it to the one that waited longest. */
class Turns {
  private queue: Array<() => void> = [];
  private taken = false;

  wait(): Promise<void> {
    if (!this.taken) {
      this.taken = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  next(): void {
    const waiting = this.queue.shift();
    if (waiting) waiting();
    else this.taken = false;
  }
}

/** A connection as Kysely's SqliteDialect takes it, its statements better-sqlite3's own. */
interface Connection {
  close(): void;
  prepare(sql: string): SqliteDatabase.Statement;
}

/**
 * Kysely asks better-sqlite3 to prepare every statement anew, which costs as
 * much as running it; the queries a page makes are few and repeat, so their
 * prepared statements are kept (bounded, oldest dropped first). SQLite
 * re-prepares a kept statement by itself when a migration changes the schema.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 500): Connection {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
