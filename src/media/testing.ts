import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { crc32 } from 'node:zlib';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { type RunningS3Server, startS3Server } from '../test-support/s3-server.js';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy.js';
import { S3Storage, type S3StorageConfig } from './s3-storage.js';
import { LocalDiskStorage, type MediaStorage } from './storage.js';

/** Images and storage for media tests, all made on the spot with sharp. */

/** Local disk storage in a fresh temporary folder; call `remove()` when done. */
export function temporaryStorage(): LocalDiskStorage & { remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-media-test-'));
  return Object.assign(new LocalDiskStorage(root), { remove: () => fs.rmSync(root, { recursive: true, force: true }) });
}

export interface TestStorageContext {
  readonly kind: 'local' | 's3';
  /** Ready once the suite's before() hook has run. */
  readonly storage: MediaStorage;
  /** Every key in the store, sorted: what a test looks at to see nothing was left behind. */
  storedKeys(): Promise<string[]>;
}

interface RunningStorage {
  storage: MediaStorage;
  storedKeys(): Promise<string[]>;
  stop(): Promise<void>;
}

function localRunningStorage(): RunningStorage {
  const storage = temporaryStorage();
  return {
    storage,
    storedKeys: async () => (await fs.promises.readdir(storage.root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(storage.root, path.join(entry.parentPath, entry.name)))
      .sort(),
    stop: async () => storage.remove(),
  };
}

async function s3RunningStorage(): Promise<RunningStorage> {
  const server = await startS3Server();
  const storage = new S3Storage(server.config);
  return {
    storage,
    storedKeys: () => listBucket(server.config),
    stop: async () => {
      storage.close();
      await server.stop();
    },
  };
}

/** Every key in the bucket, sorted. */
export async function listBucket(config: S3StorageConfig): Promise<string[]> {
  const client = new S3Client({ ...config, credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } });
  try {
    const listing = await client.send(new ListObjectsV2Command({ Bucket: config.bucket }));
    return (listing.Contents ?? []).map((object) => object.Key ?? '').sort();
  } finally {
    client.destroy();
  }
}

/**
 * Runs the same test body against local disk in a temporary folder and
 * against a bucket on a real S3-protocol server (s3rver) started for the suite.
 */
export function describeEachStorage(name: string, body: (context: TestStorageContext) => void): void {
  for (const kind of ['local', 's3'] as const) {
    describe(`${name} [${kind} storage]`.trim(), () => {
      let running: RunningStorage | undefined;
      before(async () => {
        running = kind === 'local' ? localRunningStorage() : await s3RunningStorage();
      });
      after(() => running?.stop());
      const ready = (): RunningStorage => {
        if (!running) throw new Error('test storage used before its before() hook ran');
        return running;
      };
      body({
        kind,
        get storage() {
          return ready().storage;
        },
        storedKeys: () => ready().storedKeys(),
      });
    });
  }
}

/** `storage` with some of its methods replaced, for a store that fails or is slow on purpose; the others still reach it. */
export const storageWith = (storage: MediaStorage, replaced: Partial<MediaStorage>): MediaStorage => Object.assign(Object.create(storage) as MediaStorage, replaced);

/** S3 storage whose server has gone away: every call fails as an unreachable store does. */
export async function unreachableS3Storage(): Promise<S3Storage> {
  const server = await startS3Server();
  await server.stop();
  return new S3Storage(server.config);
}

export interface RelayedS3Storage {
  storage: S3Storage;
  /** Between the storage and the server, for a test to cut, hang or make lose its answers. */
  relay: TcpProxy;
  close(): Promise<void>;
}

/** S3 storage that reaches `server` through a relay, for a store that fails the way networks do. */
export async function relayedS3Storage(server: RunningS3Server): Promise<RelayedS3Storage> {
  const relay = await startTcpProxy({ host: '127.0.0.1', port: server.port });
  const storage = new S3Storage({ ...server.config, endpoint: `http://127.0.0.1:${relay.port}` });
  return {
    storage,
    relay,
    close: async () => {
      storage.close();
      await relay.close();
    },
  };
}

export const solidPng = (width: number, height: number, background = '#808080') =>
  sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();

export const solidJpeg = (width: number, height: number, background = '#808080') =>
  sharp({ create: { width, height, channels: 3, background } }).jpeg().toBuffer();

/** A phone photo as it leaves the camera: EXIF with the camera, a GPS position and, optionally, an orientation. */
export async function jpegWithGps(width: number, height: number, orientation?: number): Promise<Buffer> {
  let image = sharp({ create: { width, height, channels: 3, background: '#4a7a9a' } }).jpeg();
  if (orientation) image = image.withMetadata({ orientation });
  return image
    .withExifMerge({
      IFD0: { Make: 'TestCam', Model: 'Phone 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' },
    })
    .toBuffer();
}

/** A JPEG cut off half-way, as a download that stopped: its header reads, its pixels do not. */
export async function truncatedJpeg(): Promise<Buffer> {
  // Noise, so the half that is left ends inside the picture's data.
  const noise = { type: 'gaussian', mean: 128, sigma: 30 } as const;
  const photo = await sharp({ create: { width: 600, height: 1700, channels: 3, background: '#808080', noise } }).jpeg().toBuffer();
  return photo.subarray(0, photo.length / 2);
}

/** Whether an EXIF block points at a GPS directory (tag 0x8825, in either byte order). */
export function hasGpsDirectory(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]));
}

/** An animated GIF of `frames` frames (three unless told): red, green, blue, red… */
export async function animatedGif(width: number, height: number, frames = 3): Promise<Buffer> {
  const colours = await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map((background) => solidPng(width, height, background)));
  const sequence = Array.from({ length: frames }, (_, i) => colours[i % colours.length]!);
  return sharp(sequence, { join: { animated: true } }).gif({ delay: 200, loop: 0 }).toBuffer();
}

/** A decompression bomb: a tiny PNG whose header claims `width` × `height` pixels. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await solidPng(1, 1));
  // IHDR's data starts at byte 16 (8 signature, 4 length, 4 type); its CRC covers type and data.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** The mean of each channel in a region: a uniform region has no spread, a marked one does. */
export async function regionStats(image: Buffer, region: { left: number; top: number; width: number; height: number }) {
  // stats() reads its input, not the pipeline's result, so the region is cut out first.
  const { channels } = await sharp(await sharp(image).extract(region).png().toBuffer()).stats();
  return channels.slice(0, 3).map((c) => ({ mean: c.mean, stdev: c.stdev }));
}
