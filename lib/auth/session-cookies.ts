/**
 * The names of the session cookies, without any server dependency: the proxy reads them too (to tell a possibly
 * signed-in visitor from an anonymous one) and must not pull in the database.
 */

/** Over plain http (local mode on localhost or 127.0.0.1) browsers refuse `Secure` and so the `__Host-` prefix. */
export const SESSION_COOKIE = 'mialma_session'
/**
 * Over https: `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so a sibling subdomain or a
 * plain-http page can neither set nor shadow it (issue 16.6). A cookie of the other name is simply ignored: an
 * old unprefixed cookie on an https site reads as "not signed in", and the next sign-in sets the new one.
 */
export const SECURE_SESSION_COOKIE = '__Host-mialma_session'
/** Clerk's own session cookie (Clerk mode). */
export const CLERK_SESSION_COOKIE = '__session'

/** Every cookie that may mean a signed-in person. */
export const SESSION_COOKIES = [SESSION_COOKIE, SECURE_SESSION_COOKIE, CLERK_SESSION_COOKIE] as const
