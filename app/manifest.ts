import type { MetadataRoute } from 'next'
import messages from '@/lib/i18n/messages/de.json'

/**
 * The web app manifest (/manifest.webmanifest): name, colours and icons for "Add to home screen". One file for
 * every visitor (it is fetched without the language cookie's say), so in the default language, de-CH.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: messages.meta.title,
    short_name: 'Mi Alma',
    description: messages.meta.description,
    lang: 'de-CH',
    start_url: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#4f5d3a',
    icons: [
      { src: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
      { src: '/icon-192.png', type: 'image/png', sizes: '192x192' },
      { src: '/icon-512.png', type: 'image/png', sizes: '512x512' },
    ],
  }
}
