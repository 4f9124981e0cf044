import 'server-only'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { assertStorageKey, type ObjectStorage } from './types'

/** Multipart part size for streamed writes: the most a write holds in memory (S3's minimum part is 5 MiB). */
const PART_BYTES = 8 * 1024 * 1024

/** S3-compatible storage (Cloudflare R2: endpoint https://<account>.r2.cloudflarestorage.com, region "auto"). */
export function s3Storage(config: {
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}): ObjectStorage {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
  })
  const Bucket = config.bucket
  const notFound = (error: unknown) =>
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
  return {
    kind: 's3',
    async put(key, body, contentType) {
      assertStorageKey(key)
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }))
    },
    async get(key) {
      assertStorageKey(key)
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }))
        return out.Body ? await out.Body.transformToByteArray() : null
      } catch (error) {
        if (notFound(error)) return null
        throw error
      }
    },
    async delete(key) {
      assertStorageKey(key)
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }))
    },
    /** Parts of PART_BYTES (multipart upload); a small file is one plain PUT. Aborted on any error. */
    async putStream(key, body, contentType) {
      assertStorageKey(key)
      let part: Buffer[] = []
      let partLength = 0
      let total = 0
      let uploadId: string | undefined
      const parts: { ETag: string | undefined; PartNumber: number }[] = []
      const flush = async () => {
        uploadId ??= (
          await client.send(new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }))
        ).UploadId
        const PartNumber = parts.length + 1
        const out = await client.send(
          new UploadPartCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber,
            Body: Buffer.concat(part),
          }),
        )
        parts.push({ ETag: out.ETag, PartNumber })
        part = []
        partLength = 0
      }
      try {
        for await (const chunk of body) {
          part.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
          partLength += chunk.byteLength
          total += chunk.byteLength
          if (partLength >= PART_BYTES) await flush()
        }
        if (!uploadId) {
          await client.send(
            new PutObjectCommand({ Bucket, Key: key, Body: Buffer.concat(part), ContentType: contentType }),
          )
          return total
        }
        if (partLength > 0) await flush()
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        )
        return total
      } catch (error) {
        if (uploadId)
          await client
            .send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId }))
            .catch(() => undefined)
        throw error
      }
    },
    async getStream(key) {
      assertStorageKey(key)
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }))
        return (out.Body as AsyncIterable<Uint8Array> | undefined) ?? null
      } catch (error) {
        if (notFound(error)) return null
        throw error
      }
    },
    async head(key) {
      assertStorageKey(key)
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }))
        return { size: out.ContentLength ?? 0 }
      } catch (error) {
        if (notFound(error)) return null
        throw error
      }
    },
    /** Content type and exact length are signed, so the bucket refuses any other file than the one announced. */
    async presignPut(key, input) {
      assertStorageKey(key)
      const url = await getSignedUrl(
        client,
        new PutObjectCommand({
          Bucket,
          Key: key,
          ContentType: input.contentType,
          ContentLength: input.bytes,
        }),
        { expiresIn: input.expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
      )
      return { url, headers: { 'content-type': input.contentType } }
    },
  }
}
