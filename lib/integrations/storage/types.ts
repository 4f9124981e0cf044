/** The contract every storage driver (local directory, S3/R2) fulfils. */
export type ObjectStorage = {
  kind: 'local' | 's3'
  put: (key: string, body: Uint8Array, contentType: string) => Promise<void>
  get: (key: string) => Promise<Uint8Array | null>
  delete: (key: string) => Promise<void>
  /** Writes a stream without holding it in memory; returns the number of bytes written. */
  putStream: (key: string, body: AsyncIterable<Uint8Array>, contentType: string) => Promise<number>
  /** Reads an object as a stream; null when it does not exist. */
  getStream: (key: string) => Promise<AsyncIterable<Uint8Array> | null>
  /** The object's size; null when it does not exist. */
  head: (key: string) => Promise<{ size: number } | null>
  /**
   * A short-lived URL the browser PUTs exactly `bytes` bytes of `contentType` to (S3: a presigned PUT; local: our
   * own route, signed the same way), so large files never pass through a serverless function's body limit.
   */
  presignPut: (
    key: string,
    input: { contentType: string; bytes: number; expiresInSeconds: number },
  ) => Promise<{ url: string; headers: Record<string, string> }>
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/

export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error('Invalid storage key')
}
