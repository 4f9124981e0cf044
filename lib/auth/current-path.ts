import { headers } from 'next/headers'

/** The request header proxy.ts sets on every request it lets through to a page or action (never the client's). */
export const CURRENT_PATH_HEADER = 'x-mialma-pathname'

/**
 * The address (path and query) the proxy saw for this request. For a page: where it is. For a server action:
 * the page the form was sent from — a form posts to its page's own address, with JavaScript (the router's
 * current URL) and without (a form with no action URL submits to the document's). So `?next=` on the sign-in
 * page and "back to this page" after the language switch need no hidden field, and a prerendered page, which
 * cannot know its query, works the same. Whatever comes from here is a redirect target only through
 * lib/http/redirect-target.ts.
 */
export async function currentPath(): Promise<string> {
  return (await headers()).get(CURRENT_PATH_HEADER) ?? '/'
}

/** One query parameter of the current address (the first if repeated), or null. */
export async function currentQueryParam(name: string): Promise<string | null> {
  return new URL(await currentPath(), 'http://current.invalid').searchParams.get(name)
}
