import { closeSync, openSync, readSync } from 'node:fs';

/** The first of the header's two copies, which SQLite writes after the second. */
const HEADER_BYTES = 48;

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
   * The header of `databaseFile`, open in WAL mode by a connection of this
   * process, which keeps the `-shm` file in place while it is open;
   * undefined when there is none (an in-memory database).
   */
  static of(databaseFile: string): WalIndexHeader | undefined {
    try {
      return new WalIndexHeader(openSync(`${databaseFile}-shm`, 'r'));
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

  close(): void {
    closeSync(this.fd);
  }
}
