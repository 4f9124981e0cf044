/** The contract every storage driver (local directory, S3/R2) fulfils. */
export type ObjectStorage = {
  kind: 'local' | 's3'
  put: (key: string, body: Uint8Array, contentType: string) => Promise<void>
  get: (key: string) => Promise<Uint8Array | null>
  delete: (key: string) => Promise<void>
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/

export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error('Invalid storage key')
}
