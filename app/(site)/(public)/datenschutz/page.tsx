import { PrivacyContent, privacyMetadata } from '@/components/public/privacy-content'

// Usually served prerendered (app/(prerendered), proxy.ts); rendered per request when the proxy cannot.
export const generateMetadata = privacyMetadata
export default PrivacyContent
