import { AccountDeletedContent, accountDeletedMetadata } from '@/components/public/account-deleted-content'

// Usually served prerendered (app/(prerendered), proxy.ts); rendered per request when the proxy cannot.
export const generateMetadata = accountDeletedMetadata
export default AccountDeletedContent
