import { handleLocalUpload } from '@/lib/integrations/storage/local-upload'

export const dynamic = 'force-dynamic'
export const maxDuration = 300

/** The local storage driver's direct upload (lib/integrations/storage/local-upload.ts). */
export async function PUT(request: Request) {
  return handleLocalUpload(request, new Date())
}
