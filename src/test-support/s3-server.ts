import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3StorageConfig } from '../media/s3-storage.js';

export interface RunningS3Server {
  /** Settings for S3Storage or the S3_ variables: path-style, on loopback, with s3rver's fixed keys. */
  config: S3StorageConfig;
  /** The same settings as the S3_ variables, for a child process such as `npx bendi`. */
  env: Record<string, string>;
  /** On 127.0.0.1, for a relay to put between the storage and the server. */
  port: number;
  stop(): Promise<void>;
}

/** s3rver's one account: it checks request signatures against these, as a real store would. */
const S3RVER_KEY = 'S3RVER';

/** A real S3-protocol server on a free loopback port, its files in a temporary folder, with `bucket` created. */
export async function startS3Server(bucket = 'bendi-media'): Promise<RunningS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    config: {
      kind: 's3',
      endpoint,
      bucket,
      region: 'us-east-1',
      accessKeyId: S3RVER_KEY,
      secretAccessKey: S3RVER_KEY,
      publicUrl: undefined,
      forcePathStyle: true,
    },
    port,
    env: { S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: S3RVER_KEY, S3_SECRET_ACCESS_KEY: S3RVER_KEY, S3_FORCE_PATH_STYLE: '1' },
    stop: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
