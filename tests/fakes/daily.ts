import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for the Daily REST API (https://api.daily.co/v1, INTEGRATIONS §5), enough for
 * lib/integrations/daily/ and the recording pipeline: rooms, meeting tokens, cloud recordings, access links
 * with a download route of its own, and deletion. Checks the bearer key and answers errors the way Daily does,
 * `{ error, info }` with the HTTP status. Meeting tokens are `base64url(JSON of their properties)`, so tests
 * can read what was granted with `decodeToken`.
 */

/** A room as Daily returns it (the fields the app uses and tests inspect). */
export type FakeDailyRoom = {
  id: string
  name: string
  api_created: true
  privacy: 'private' | 'public'
  url: string
  created_at: string
  config: Record<string, unknown>
}

/** A cloud recording; `finished` ones can be fetched through their access link. */
export type FakeDailyRecording = {
  id: string
  room_name: string
  start_ts: number
  status: 'in-progress' | 'finished'
  max_participants: number
  duration: number
  share_token: string
  s3key: string
  type: string
  /** The bytes served at /downloads/:id (not part of Daily's JSON). */
  bytes: Buffer
}

/** One API call as the fake received it (the JSON body parsed; null when there was none). */
export type FakeDailyRequest = {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  authorization: string | null
  /** HTTP status the fake answered with. */
  status: number
}

/** A Daily-shaped error: `{ error, info }` with that HTTP status. */
export type FakeDailyFailure = { status: number; error: string; info: string }

export type FakeDaily = {
  /** Base URL for DAILY_API_URL / buildDaily (the fake serves the API at its root). */
  url: string
  /** The only bearer key the fake accepts. */
  key: string
  /** The Daily domain the room URLs live on (`https://<domain>.daily.co/<name>`). */
  domain: string
  /** Every API request in arrival order (downloads not included). */
  requests: FakeDailyRequest[]
  /** Current rooms by name. */
  rooms: Map<string, FakeDailyRoom>
  /** Recordings by id (deleted ones are removed). */
  recordings: Map<string, FakeDailyRecording>
  /** Adds a finished recording of `roomName` whose download serves `bytes` (audio/webm); returns it. */
  addFinishedRecording: (roomName: string, bytes?: Buffer | string) => FakeDailyRecording
  /** Answer every following API request with this error (null: answer normally again). */
  failWith: (failure: FakeDailyFailure | null) => void
  reset: () => void
  close: () => Promise<void>
}

/** The properties a fake meeting token carries (what POST /meeting-tokens was given). */
export type FakeDailyTokenProperties = {
  room_name?: string
  exp?: number
  nbf?: number
  is_owner?: boolean
  user_id?: string
  user_name?: string
  [key: string]: unknown
}

/** Reads a token the fake issued. */
export function decodeToken(token: string): FakeDailyTokenProperties {
  return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as FakeDailyTokenProperties
}

/**
 * The `X-Webhook-Signature` Daily sends: base64(HMAC-SHA256(base64-decode(hmac), `${timestamp}.${body}`)),
 * with `hmac` the webhook secret as Daily shows it (base64) and `timestamp` the `X-Webhook-Timestamp` header.
 */
export function signWebhook(body: string, timestamp: string | number, hmacBase64: string): string {
  return createHmac('sha256', Buffer.from(hmacBase64, 'base64'))
    .update(`${timestamp}.${body}`)
    .digest('base64')
}

/** A random webhook secret in the shape Daily shows it (base64). */
export function newWebhookHmac(): string {
  return randomBytes(32).toString('base64')
}

const ROOM_NAME = /^[A-Za-z0-9_-]{1,128}$/

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export type FakeDailyOptions = {
  key?: string
  domain?: string
  /** Defaults to a free port (the e2e process in tests/fakes/daily-server.ts picks a fixed one). */
  port?: number
  /**
   * Where `POST /__fake/ready` delivers `recording.ready-to-download` (signed with `hmac`, as Daily shows the
   * secret: base64), e.g. `${appUrl}/api/webhooks/daily`. Without it that endpoint answers 409.
   */
  webhook?: { target: string; hmac: string }
}

export async function startFakeDaily(options: FakeDailyOptions = {}): Promise<FakeDaily> {
  const key = options.key ?? `daily_test_${randomUUID().replaceAll('-', '')}`
  const domain = options.domain ?? 'mialma-test'
  const requests: FakeDailyRequest[] = []
  const rooms = new Map<string, FakeDailyRoom>()
  const recordings = new Map<string, FakeDailyRecording>()
  const announced = new Set<string>()
  let failure: FakeDailyFailure | null = null
  let base = ''

  const newRecording = (roomName: string, status: FakeDailyRecording['status'], bytes: Buffer) => {
    const id = randomUUID()
    const recording: FakeDailyRecording = {
      id,
      room_name: roomName,
      start_ts: Math.floor(Date.now() / 1000),
      status,
      max_participants: 2,
      duration: status === 'finished' ? 60 : 0,
      share_token: randomBytes(8).toString('hex'),
      s3key: `${domain}/${roomName}/${id}`,
      type: 'cloud-audio-only',
      bytes,
    }
    recordings.set(id, recording)
    return recording
  }
  const publicRecording = ({ bytes: _bytes, ...rest }: FakeDailyRecording) => rest

  type Answer = [number, unknown]
  const notFound = (info: string): Answer => [404, { error: 'not-found', info }]
  const invalid = (info: string): Answer => [400, { error: 'invalid-request-error', info }]

  function route(method: string, path: string, query: Record<string, string>, body: unknown): Answer {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
    const input = (body ?? {}) as Record<string, unknown>

    if (parts[0] === 'rooms' && parts.length === 1 && method === 'POST') {
      const name = typeof input.name === 'string' ? input.name : randomBytes(10).toString('hex')
      if (!ROOM_NAME.test(name)) return invalid('name must match [A-Za-z0-9_-]{1,128}')
      if (rooms.has(name)) return invalid(`a room named ${name} already exists`)
      const room: FakeDailyRoom = {
        id: randomUUID(),
        name,
        api_created: true,
        privacy: input.privacy === 'private' ? 'private' : 'public',
        url: `https://${domain}.daily.co/${name}`,
        created_at: new Date().toISOString(),
        config: (input.properties as Record<string, unknown> | undefined) ?? {},
      }
      rooms.set(name, room)
      return [200, room]
    }
    if (parts[0] === 'rooms' && parts.length === 1 && method === 'GET') {
      const data = [...rooms.values()]
      return [200, { total_count: data.length, data }]
    }
    if (parts[0] === 'rooms' && parts.length === 2) {
      const room = rooms.get(parts[1]!)
      if (!room) return notFound(`room ${parts[1]} not found`)
      if (method === 'GET') return [200, room]
      if (method === 'DELETE') {
        rooms.delete(room.name)
        return [200, { deleted: true, name: room.name }]
      }
    }
    if (parts[0] === 'rooms' && parts.length === 4 && parts[2] === 'recordings' && method === 'POST') {
      const room = rooms.get(parts[1]!)
      if (!room) return notFound(`room ${parts[1]} not found`)
      const active = [...recordings.values()].find(
        (r) => r.room_name === room.name && r.status === 'in-progress',
      )
      if (parts[3] === 'start') {
        if (!room.config.enable_recording) return invalid('recording is not enabled for this room')
        if (active) return invalid('a recording is already in progress')
        const recording = newRecording(room.name, 'in-progress', Buffer.alloc(0))
        recording.type = typeof input.type === 'string' ? input.type : 'cloud'
        return [200, { status: 'sent' }]
      }
      if (parts[3] === 'stop') {
        if (!active) return invalid('no recording is in progress')
        active.status = 'finished'
        active.bytes = Buffer.from(`fake ${active.type} recording of ${room.name}`)
        return [200, { status: 'sent' }]
      }
    }
    if (parts[0] === 'meeting-tokens' && parts.length === 1 && method === 'POST') {
      const properties = (input.properties ?? {}) as FakeDailyTokenProperties
      if (properties.room_name !== undefined && typeof properties.room_name !== 'string')
        return invalid('room_name must be a string')
      return [200, { token: Buffer.from(JSON.stringify(properties)).toString('base64url') }]
    }
    if (parts[0] === 'recordings' && parts.length === 1 && method === 'GET') {
      const data = [...recordings.values()]
        .filter((r) => !query.room_name || r.room_name === query.room_name)
        .map(publicRecording)
      return [200, { total_count: data.length, data }]
    }
    if (parts[0] === 'recordings' && parts.length >= 2) {
      const recording = recordings.get(parts[1]!)
      if (!recording) return notFound(`recording ${parts[1]} not found`)
      if (parts.length === 2 && method === 'GET') return [200, publicRecording(recording)]
      if (parts.length === 2 && method === 'DELETE') {
        recordings.delete(recording.id)
        return [200, { deleted: true, id: recording.id, s3_bucket: 'fake-bucket', s3_key: recording.s3key }]
      }
      if (parts.length === 3 && parts[2] === 'access-link' && method === 'GET') {
        if (recording.status !== 'finished') return invalid('recording is not finished yet')
        return [
          200,
          {
            download_link: `${base}/downloads/${recording.id}`,
            expires: Math.floor(Date.now() / 1000) + 3600,
          },
        ]
      }
    }
    return notFound(`${method} ${path} is not a route of the fake`)
  }

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req)
      const url = new URL(req.url ?? '/', 'http://fake')
      const method = req.method ?? 'GET'

      // For the e2e specs (tests/fakes/daily-server.ts), not Daily's API: what arrived, and Daily's side of a
      // finished cloud recording (the signed `recording.ready-to-download` for each one not yet announced).
      if (url.pathname === '/__fake/requests' && method === 'GET')
        return send(res, 200, {
          requests: requests.map(({ method: m, path, status }) => ({ method: m, path, status })),
          recordings: [...recordings.values()].map(publicRecording),
        })
      if (url.pathname === '/__fake/ready' && method === 'POST') {
        if (!options.webhook) return send(res, 409, { error: 'no webhook target configured' })
        const delivered: { id: string; status: number }[] = []
        for (const r of recordings.values()) {
          if (r.status !== 'finished' || announced.has(r.id)) continue
          announced.add(r.id)
          const body = JSON.stringify({
            version: '1.0.0',
            type: 'recording.ready-to-download',
            id: `evt-${randomUUID()}`,
            payload: {
              type: r.type,
              recording_id: r.id,
              room_name: r.room_name,
              start_ts: r.start_ts,
              status: 'finished',
              max_participants: r.max_participants,
              duration: r.duration,
              s3_key: r.s3key,
            },
            event_ts: Math.floor(Date.now() / 1000),
          })
          const timestamp = String(Math.floor(Date.now() / 1000))
          const response = await fetch(options.webhook.target, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-webhook-timestamp': timestamp,
              'x-webhook-signature': signWebhook(body, timestamp, options.webhook.hmac),
            },
            body,
          }).catch(() => null)
          delivered.push({ id: r.id, status: response?.status ?? 0 })
        }
        return send(res, 200, { delivered })
      }

      // The pre-signed download link needs no key, like an S3 URL.
      const download = url.pathname.match(/^\/downloads\/([^/]+)$/)
      if (download && method === 'GET') {
        const recording = recordings.get(decodeURIComponent(download[1]!))
        if (!recording || recording.status !== 'finished') {
          res.writeHead(404, { 'content-type': 'text/plain' })
          return res.end('NoSuchKey')
        }
        res.writeHead(200, {
          'content-type': 'audio/webm',
          'content-length': String(recording.bytes.length),
        })
        return res.end(recording.bytes)
      }

      const authorization = req.headers.authorization ?? null
      let body: unknown = null
      if (raw) {
        try {
          body = JSON.parse(raw)
        } catch {
          body = raw
        }
      }
      const received: FakeDailyRequest = {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        authorization,
        status: 0,
      }
      requests.push(received)
      const answer = (status: number, payload: unknown) => {
        received.status = status
        send(res, status, payload)
      }
      if (authorization !== `Bearer ${key}`)
        return answer(401, { error: 'authentication-error', info: 'Invalid or missing API key.' })
      if (failure) return answer(failure.status, { error: failure.error, info: failure.info })
      if (raw && typeof body === 'string')
        return answer(400, { error: 'invalid-request-error', info: 'Invalid JSON.' })
      const [status, payload] = route(method, url.pathname, received.query, body)
      answer(status, payload)
    })().catch((error: unknown) => {
      send(res, 500, { error: 'server-error', info: String(error) })
    })
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`

  return {
    url: base,
    key,
    domain,
    requests,
    rooms,
    recordings,
    addFinishedRecording: (roomName, bytes = 'fake audio') =>
      newRecording(roomName, 'finished', Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes)),
    failWith: (next) => {
      failure = next
    },
    reset: () => {
      requests.length = 0
      rooms.clear()
      recordings.clear()
      announced.clear()
      failure = null
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
