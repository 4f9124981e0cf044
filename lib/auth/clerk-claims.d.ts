// The session token carries publicMetadata as `metadata` (Clerk Dashboard → Sessions → Customize session token).
export {}

declare global {
  interface CustomJwtSessionClaims {
    metadata?: { role?: 'client' | 'coach' }
  }
}
