import { prerenderedSignIn } from '@/components/auth/prerendered-sign-in'

/** /sign-in?abgemeldet=1 (after signing out) with its notice, prerendered per language (proxy.ts). */
const { generateMetadata, Page } = prerenderedSignIn('signedOut')
export { generateMetadata }
export default Page
