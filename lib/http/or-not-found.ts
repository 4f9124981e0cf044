import 'server-only'
import { notFound } from 'next/navigation'
import { NotFoundError } from '@/lib/errors'

/** A service's NotFoundError (also someone else's id) becomes the 404 page; other errors stay errors. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof NotFoundError) notFound()
    throw error
  }
}
