import { prerenderedSignIn } from '@/components/auth/prerendered-sign-in'

/** /sign-in without a session cookie, prerendered per language (served by proxy.ts at /sign-in). */
const { generateMetadata, Page } = prerenderedSignIn()
export { generateMetadata }
export default Page
