import { openSync, readSync, statSync } from 'node:fs';
import type SqliteDatabase from 'better-sqlite3';

/** The first of the header's two copies, which SQLite writes after the second. */
const HEADER_BYTES = 48;

/**
 * Descriptors of `-shm` files by device and inode, opened once and never
 * closed: closing any descriptor of a file drops every POSIX lock the process
 * holds on it (fcntl's rule), SQLite's locks on the wal-index too, and another
 * process could then rebuild the wal-index under this one's connections.
 * SQLite keeps its own descriptors open for the same reason. One a database
 * file the process opens: in a server, one.
 */
const shmDescriptors = new Map<string, number>();

/**
 * The header of an SQLite file's wal-index, its `-shm` file, which every
 * commit to the file rewrites, whichever process makes it: its iChange counts
 * the transactions (sqlite.org/walformat.html, "The WAL-Index Header").
 * Read here as raw bytes, to tell that nothing was committed since the last
 * look with one pread, where `PRAGMA data_version` takes a lock on the
 * wal-index, stats the file and unlocks: three system calls, which cost a kept
 * page about 2 µs more of its 30 under load (bench/README.md, "Other
 * processes' commits, seen with one system call"). Hand-written: neither SQLite nor
 * better-sqlite3 has a look at the header that takes no read transaction.
 * The bytes are only compared, never parsed: a read torn by a commit writing
 * them differs too, and the caller then asks SQLite.
 */
export class WalIndexHeader {
  private readonly read = Buffer.alloc(HEADER_BYTES);
  private readonly accepted = Buffer.alloc(HEADER_BYTES);
  private hasAccepted = false;

  private constructor(private readonly fd: number) {}

  /**
   * The header of the file `sqlite` has open in WAL mode, where SQLite put the
   * wal-index (beside the file a link points to); undefined in any other mode,
   * or in memory. `sqlite` must have read the file once: the first read makes
   * a new file's wal-index.
   */
  static of(sqlite: SqliteDatabase.Database): WalIndexHeader | undefined {
    if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return undefined;
    const { file } = (sqlite.pragma('database_list') as Array<{ name: string; file: string }>).find(({ name }) => name === 'main')!;
    try {
      const shm = `${file}-shm`;
      const { dev, ino } = statSync(shm);
      const inode = `${dev}:${ino}`;
      let fd = shmDescriptors.get(inode);
      if (fd === undefined) shmDescriptors.set(inode, (fd = openSync(shm, 'r')));
      return new WalIndexHeader(fd);
    } catch {
      return undefined;
    }
  }

  /** Reads the header: false only when it is byte for byte the one last accepted. */
  changed(): boolean {
    try {
      if (readSync(this.fd, this.read, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return true;
    } catch {
      return true;
    }
    return !this.hasAccepted || !this.read.equals(this.accepted);
  }

  /** The header `changed()` last read stands for what SQLite was asked after it. */
  accept(): void {
    this.read.copy(this.accepted);
    this.hasAccepted = true;
  }
}
