import { describe, expect, it } from 'vitest'
import { s3Storage } from '@/lib/integrations/storage/s3'

describe('issue 16.3 S3/R2 presigned upload URL', () => {
  it('R6.3 a short-lived PUT with the exact length and type signed, for our key only', async () => {
    const storage = s3Storage({
      endpoint: 'https://account.r2.cloudflarestorage.com',
      bucket: 'mialma-audio',
      region: 'auto',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    })
    const { url, headers } = await storage.presignPut('uploads/b/f.ogg', {
      contentType: 'audio/ogg',
      bytes: 12345,
      expiresInSeconds: 600,
    })
    const parsed = new URL(url)
    expect(parsed.origin).toBe('https://account.r2.cloudflarestorage.com')
    expect(parsed.pathname).toBe('/mialma-audio/uploads/b/f.ogg')
    expect(parsed.searchParams.get('X-Amz-Expires')).toBe('600')
    expect(parsed.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host']),
    )
    expect(parsed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/)
    expect(headers).toEqual({ 'content-type': 'audio/ogg' })
    await expect(
      storage.presignPut('../etc/passwd', { contentType: 'audio/ogg', bytes: 1, expiresInSeconds: 60 }),
    ).rejects.toThrow('Invalid storage key')
  })
})
