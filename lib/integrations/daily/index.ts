import 'server-only'
import { z } from 'zod'
import { env } from '@/lib/env'
import { ProviderError } from '@/lib/errors'

/**
 * Daily REST API (INTEGRATIONS §5), a thin fetch client: Daily has no Node SDK. The only place that talks to
 * Daily; null without DAILY_API_KEY (video is then "not configured"). DAILY_API_URL points tests at the fake.
 */
export class DailyError extends ProviderError {
  override name = 'DailyError'
  constructor(status: number, message: string) {
    super('video.providerDown', status, message)
  }
}

export type DailyClient = ReturnType<typeof buildDaily>

export function dailyClient(): DailyClient | null {
  if (!env.DAILY_API_KEY) return null
  return buildDaily(env.DAILY_API_KEY, env.DAILY_API_URL, env.DAILY_GEO)
}

const room = z.object({ name: z.string(), url: z.string() })
const token = z.object({ token: z.string() })
const accessLink = z.object({ download_link: z.string(), expires: z.number().optional() })

export function buildDaily(apiKey: string, baseUrl: string, geo: string = 'eu-central-1') {
  const base = baseUrl.replace(/\/$/, '')
  async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      })
    } catch {
      throw new DailyError(0, 'Daily ist nicht erreichbar.')
    }
    const json: unknown = await response.json().catch(() => null)
    if (!response.ok) {
      const info = (json as { info?: unknown; error?: unknown } | null) ?? {}
      throw new DailyError(response.status, String(info.info ?? info.error ?? `HTTP ${response.status}`))
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new DailyError(response.status, 'Unerwartete Antwort von Daily.')
    return parsed.data
  }

  return {
    /**
     * A private room for two that closes (and ejects) at `exp`, opening at `nbf` (unix seconds), its media
     * served from an EU region (`geo`). Recording is enabled for the room so that our server can start it
     * through the API; who may start it from inside the call is decided per token (createMeetingToken).
     */
    createRoom: (input: {
      name: string
      nbf: number
      exp: number
      recording: 'cloud-audio-only' | 'cloud'
    }) =>
      call('POST', '/rooms', room, {
        name: input.name,
        privacy: 'private',
        properties: {
          nbf: input.nbf,
          exp: input.exp,
          eject_at_room_exp: true,
          max_participants: 2,
          enable_recording: input.recording,
          enable_prejoin_ui: true,
          lang: 'de',
          geo,
        },
      }),
    getRoom: (name: string) => call('GET', `/rooms/${encodeURIComponent(name)}`, room),
    deleteRoom: (name: string) =>
      call('DELETE', `/rooms/${encodeURIComponent(name)}`, z.object({ deleted: z.boolean() })),
    /**
     * A meeting token. Nobody is an owner (Daily lets owners always record): the coach moderates with
     * `canAdmin: participants` and may start or stop a recording from inside the call (`streaming`) only when
     * `mayRecord` — the client's consent for this session (R5.3). Our own start goes through the API.
     */
    createMeetingToken: (input: {
      roomName: string
      exp: number
      nbf?: number
      moderator: boolean
      mayRecord: boolean
      userId: string
      userName: string
    }) =>
      call('POST', '/meeting-tokens', token, {
        properties: {
          room_name: input.roomName,
          exp: input.exp,
          ...(input.nbf ? { nbf: input.nbf } : {}),
          is_owner: false,
          user_id: input.userId,
          user_name: input.userName,
          eject_at_token_exp: true,
          permissions: {
            canAdmin: [
              ...(input.moderator ? ['participants'] : []),
              ...(input.mayRecord ? ['streaming'] : []),
            ],
          },
        },
      }),
    startRecording: (roomName: string, type: 'cloud-audio-only' | 'cloud') =>
      call('POST', `/rooms/${encodeURIComponent(roomName)}/recordings/start`, z.unknown(), { type }),
    stopRecording: (roomName: string) =>
      call('POST', `/rooms/${encodeURIComponent(roomName)}/recordings/stop`, z.unknown(), {}),
    recordingAccessLink: (recordingId: string) =>
      call('GET', `/recordings/${encodeURIComponent(recordingId)}/access-link`, accessLink),
    deleteRecording: (recordingId: string) =>
      call('DELETE', `/recordings/${encodeURIComponent(recordingId)}`, z.object({ deleted: z.boolean() })),
  }
}
