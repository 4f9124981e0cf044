'use server'

import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth'
import { getRequestMeta } from '@/lib/http/request-meta'
import { LOCALE_COOKIE } from '@/lib/i18n/locale'
import { sendEmail } from '@/lib/integrations/email'
import { env } from '@/lib/env'
import { log } from '@/lib/log'
import { profileSchema } from './schemas'
import { updateProfile } from './service'

export type ProfileFormState = {
  status: 'idle' | 'saved' | 'unchanged' | 'invalid' | 'error'
  values?: Record<string, string>
  fieldErrors?: Partial<Record<'name' | 'phone' | 'locale' | 'timeZone', string>>
}

/** zod → actor → service (own profile only) → cookie and security notice. Bad input changes nothing. */
export async function updateProfileAction(
  _prev: ProfileFormState,
  form: FormData,
): Promise<ProfileFormState> {
  const values = {
    name: String(form.get('name') ?? ''),
    phone: String(form.get('phone') ?? ''),
    locale: String(form.get('locale') ?? ''),
    timeZone: String(form.get('timeZone') ?? ''),
  }
  const parsed = profileSchema.safeParse(values)
  if (!parsed.success) {
    const f = z.flattenError(parsed.error).fieldErrors
    return {
      status: 'invalid',
      values,
      fieldErrors: {
        name: f.name?.[0],
        phone: f.phone?.[0],
        locale: f.locale?.[0],
        timeZone: f.timeZone?.[0],
      },
    }
  }
  const actor = await requireActor()
  try {
    const db = getDb()
    const { changed } = await updateProfile(db, actor, parsed.data, await getRequestMeta())
    if (changed.length === 0) return { status: 'unchanged', values }
    ;(await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
      path: '/',
      sameSite: 'lax',
      maxAge: 31_536_000,
    })
    const changedAt = new Date()
    await sendEmail(db, {
      to: actor.email,
      userId: actor.userId,
      locale: parsed.data.locale,
      template: 'profile-updated',
      data: {
        name: parsed.data.name,
        appUrl: env.APP_URL,
        changedAt: changedAt.toLocaleString(parsed.data.locale === 'en' ? 'en-GB' : 'de-CH', {
          timeZone: parsed.data.timeZone,
          dateStyle: 'long',
          timeStyle: 'short',
        }),
      },
      idempotencyKey: `profile-updated/${actor.userId}/${changedAt.getTime()}`,
    })
    revalidatePath('/', 'layout')
    return { status: 'saved', values }
  } catch {
    log.error('profile.update_failed', { userId: actor.userId })
    return { status: 'error', values }
  }
}
