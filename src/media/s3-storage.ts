import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { MediaStorageConfig } from '../config.js';
import { unavailable } from '../lib/errors.js';
import { isSafeMediaKey, MEDIA_CACHE_CONTROL, MEDIA_URL_PREFIX } from './media-url.js';
import type { MediaStorage, StoredFile } from './storage.js';

export type S3StorageConfig = Extract<MediaStorageConfig, { kind: 's3' }>;

const storeDown = (error: unknown) => unavailable('media.storage_unavailable', error);

/*
 * A store that is down or has stopped answering fails each call in seconds
 * (media.storage_unavailable, 503), where it held an editor's upload, a
 * reader's image and a delete for minutes. The bound is on silence, not on a
 * call's length: a 15 MB upload on a slow link keeps its connection busy and
 * is never cut while it moves, and a file that stops arriving while it is
 * served fails instead of holding the reader. (The SDK's requestTimeout bounds
 * a whole call, and without throwOnRequestTimeout it only logs a warning.)
 * A store that accepts connections and never answers: ATTEMPTS × IDLE_TIMEOUT_MS.
 */
const CONNECT_TIMEOUT_MS = 3_000;
/** Below 6 s, so the handler watches the socket from the start rather than 3 s later (@smithy/node-http-handler's setSocketTimeout). */
const IDLE_TIMEOUT_MS = 5_000;
/** One retry, on a new connection: it rescues a kept-alive connection the store had dropped, and each attempt at a hung store costs IDLE_TIMEOUT_MS. */
const ATTEMPTS = 2;

/**
 * Media in an S3-compatible bucket (阿里云 OSS, 腾讯云 COS, MinIO, Amazon S3),
 * shared by every instance. Pages link to S3_PUBLIC_URL when set; otherwise
 * bendi streams the files under /media/.
 */
export class S3Storage implements MediaStorage {
  private readonly client: S3Client;

  constructor(private readonly config: S3StorageConfig) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: IDLE_TIMEOUT_MS },
      maxAttempts: ATTEMPTS,
      // The SDK's default CRC32 checksums (since 3.729) are refused by several S3-compatible services; send them only where S3 requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    if (!isSafeMediaKey(key)) throw new Error(`unsafe media key ${key}`);
    await this.client
      .send(new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: data, ContentType: contentType, CacheControl: MEDIA_CACHE_CONTROL }))
      .catch((error: unknown) => {
        throw storeDown(error);
      });
  }

  async get(key: string): Promise<Buffer | undefined> {
    const file = await this.open(key);
    if (!file) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of file.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async open(key: string): Promise<StoredFile | undefined> {
    if (!isSafeMediaKey(key)) return undefined;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }));
      if (!(object.Body instanceof Readable)) throw new Error('the S3 client returned no Node stream');
      return { body: object.Body, contentType: object.ContentType ?? 'application/octet-stream', byteSize: object.ContentLength };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw storeDown(error);
    }
  }

  async delete(key: string): Promise<void> {
    if (!isSafeMediaKey(key)) return;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key })).catch((error: unknown) => {
      throw storeDown(error);
    });
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket })).catch((error: unknown) => {
      throw storeDown(error);
    });
  }

  urlFor(key: string): string {
    return this.config.publicUrl ? `${this.config.publicUrl}/${key}` : MEDIA_URL_PREFIX + key;
  }

  /** Closes the client's sockets, so a stopping process is not held open by them. */
  close(): void {
    this.client.destroy();
  }
}
