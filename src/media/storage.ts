import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { IMAGE_FORMATS } from './image-info.js';
import { isSafeMediaKey, MEDIA_URL_PREFIX } from './media-url.js';

/** A stored file opened for serving: streamed, never read whole into memory. */
export interface StoredFile {
  body: Readable;
  contentType: string;
  byteSize: number | undefined;
}

/**
 * Where uploaded files live: local disk (one machine) or an S3-compatible
 * bucket (several instances). Both pass the contract in storage.contract.ts.
 * Every method but urlFor throws AppError 'media.storage_unavailable'
 * (kind Unavailable) when the store cannot be reached.
 */
export interface MediaStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The whole file, for processing (a watermark image); undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** The file as a stream, for serving it under /media/; undefined when there is none. */
  open(key: string): Promise<StoredFile | undefined>;
  /** Removes the file; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Resolves when the store is reachable and usable, for /readyz. */
  check(): Promise<void>;
  /** The URL a page links to: under /media/ on this site, or on the store's public base URL. */
  urlFor(key: string): string;
}

const CONTENT_TYPE_BY_EXTENSION = new Map(Object.values(IMAGE_FORMATS).map((f) => [f.extension, f.contentType]));

/** bendi stores only the images it made, so the key's extension says what the file is. */
export const contentTypeOf = (key: string) => CONTENT_TYPE_BY_EXTENSION.get(path.extname(key).slice(1)) ?? 'application/octet-stream';

const isMissing = (error: unknown) => (error as { code?: unknown } | null)?.code === 'ENOENT';

export class LocalDiskStorage implements MediaStorage {
  constructor(readonly root: string) {}

  async put(key: string, data: Buffer): Promise<void> {
    if (!isSafeMediaKey(key)) throw new Error(`unsafe media key ${key}`);
    const file = path.join(this.root, key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await fs.writeFile(temporary, data);
      await fs.rename(temporary, file);
    } catch (error) {
      // Nothing else would ever remove it: no row names it, and the library and the backup skip *.tmp.
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    if (!isSafeMediaKey(key)) return undefined;
    return fs.readFile(path.join(this.root, key)).catch(() => undefined);
  }

  async open(key: string): Promise<StoredFile | undefined> {
    if (!isSafeMediaKey(key)) return undefined;
    const file = path.join(this.root, key);
    // Opened before answering, so a missing file is a 404 rather than a stream that fails after the headers.
    const handle = await fs.open(file).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!handle) return undefined;
    try {
      const { size } = await handle.stat();
      return { body: handle.createReadStream(), contentType: contentTypeOf(key), byteSize: size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    if (!isSafeMediaKey(key)) return;
    await fs.rm(path.join(this.root, key), { force: true });
  }

  async check(): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    await fs.access(this.root, fs.constants.W_OK);
  }

  urlFor(key: string): string {
    return MEDIA_URL_PREFIX + key;
  }
}
