'use server'

import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { action } from '@/lib/http/action'
import { LOCALE_COOKIE } from '@/lib/i18n/locale'
import { sendEmail } from '@/lib/email'
import { appUrl } from '@/lib/http/app-url'
import { profileSchema } from './schemas'
import { updateProfile } from './service'

/** zod → actor → service (own profile only) → cookie and security notice. Bad input changes nothing. */
export const updateProfileAction = action(
  { name: 'account.updateProfile', access: 'signedIn', schema: profileSchema },
  async ({ input, actor, db, meta }) => {
    const { changed } = await updateProfile(db, actor, input, meta)
    if (changed.length === 0) return 'unchanged' as const
    ;(await cookies()).set(LOCALE_COOKIE, input.locale, {
      path: '/',
      sameSite: 'lax',
      maxAge: 31_536_000,
    })
    const changedAt = new Date()
    await sendEmail(db, {
      to: actor.email,
      userId: actor.userId,
      locale: input.locale,
      template: 'profile-updated',
      data: {
        name: input.name,
        appUrl: await appUrl(),
        changedAt: changedAt.toLocaleString(input.locale === 'en' ? 'en-GB' : 'de-CH', {
          timeZone: input.timeZone,
          dateStyle: 'long',
          timeStyle: 'short',
        }),
      },
      idempotencyKey: `profile-updated/${actor.userId}/${changedAt.getTime()}`,
    })
    revalidatePath('/', 'layout')
    return 'saved' as const
  },
)
