import { ImprintContent, imprintMetadata } from '@/components/public/imprint-content'

// Usually served prerendered (app/(prerendered), proxy.ts); rendered per request when the proxy cannot.
export const generateMetadata = imprintMetadata
export default ImprintContent
