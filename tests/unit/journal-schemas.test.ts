import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  entryIdSchema,
  entryInputSchema,
  listFilterSchema,
  MAX_BODY,
  MAX_TAGS,
  PAGE_SIZE,
  promptInputSchema,
} from '@/lib/journal/schemas'
import { issueText } from '../helpers/error-text'

/** What the form sends: every field a string (saveEntryAction reads FormData the same way). */
const valid = {
  kind: 'journal',
  title: '',
  body: 'Heute war ein guter Tag.',
  mood: '',
  tags: '',
  promptId: '',
}

/** The field errors as the action pipeline puts them on the form: per field, in German. */
function fieldErrors(input: Record<string, unknown>) {
  const result = entryInputSchema.safeParse(input)
  expect(result.success).toBe(false)
  const errors: Record<string, string[] | undefined> = {}
  for (const issue of result.error!.issues) (errors[String(issue.path[0])] ??= []).push(issueText(issue))
  return errors
}

/** Rejected with exactly this message on exactly this field (and no other field complains). */
function expectRejected(input: Record<string, unknown>, field: string, message: string) {
  const errors = fieldErrors(input)
  expect(Object.keys(errors)).toEqual([field])
  expect(errors[field]![0]).toBe(message)
  expect(message).not.toContain('ß')
}

describe('R2.1 R14.1 entryInputSchema accepts a valid entry', () => {
  it('R2.1 the minimal form: empty title → null, empty mood → null, no tags, no prompt', () => {
    expect(entryInputSchema.parse(valid)).toEqual({
      kind: 'journal',
      title: null,
      body: 'Heute war ein guter Tag.',
      mood: null,
      tags: [],
      promptId: null,
    })
  })

  it('R2.1 every field filled in; title and body are trimmed, mood becomes a number', () => {
    const promptId = randomUUID()
    expect(
      entryInputSchema.parse({
        kind: 'reflection',
        title: '  Am See  ',
        body: '  Durchatmen.  ',
        mood: '4',
        tags: 'Natur',
        promptId,
      }),
    ).toEqual({
      kind: 'reflection',
      title: 'Am See',
      body: 'Durchatmen.',
      mood: 4,
      tags: ['natur'],
      promptId,
    })
  })

  it.each(['journal', 'note', 'reflection'])('R2.1 kind %j is accepted', (kind) => {
    expect(entryInputSchema.parse({ ...valid, kind }).kind).toBe(kind)
  })

  it.each(['1', '2', '3', '4', '5'])('R2.1 mood %j is accepted as a number', (mood) => {
    expect(entryInputSchema.parse({ ...valid, mood }).mood).toBe(Number(mood))
  })

  it('R2.1 mood may also be null or a number (programmatic callers)', () => {
    expect(entryInputSchema.parse({ ...valid, mood: null }).mood).toBeNull()
    expect(entryInputSchema.parse({ ...valid, mood: 5 }).mood).toBe(5)
  })

  it('R2.1 a body of exactly 50 000 characters is accepted', () => {
    expect(MAX_BODY).toBe(50_000)
    expect(entryInputSchema.parse({ ...valid, body: 'x'.repeat(50_000) }).body).toHaveLength(50_000)
  })

  it('R2.1 tags are split at commas, trimmed, lower-cased and de-duplicated in input order', () => {
    expect(entryInputSchema.parse({ ...valid, tags: 'Arbeit, arbeit , Schlaf' }).tags).toEqual([
      'arbeit',
      'schlaf',
    ])
    expect(entryInputSchema.parse({ ...valid, tags: ' , ,Zürich,, ÄRGER ' }).tags).toEqual([
      'zürich',
      'ärger',
    ])
  })

  it('R2.1 exactly 10 tags and a tag of exactly 40 characters are accepted; duplicates do not count', () => {
    expect(MAX_TAGS).toBe(10)
    const ten = Array.from({ length: 10 }, (_, i) => `t${i}`).join(',')
    expect(entryInputSchema.parse({ ...valid, tags: ten }).tags).toHaveLength(10)
    expect(entryInputSchema.parse({ ...valid, tags: `${ten},T0,t9` }).tags).toHaveLength(10)
    expect(entryInputSchema.parse({ ...valid, tags: 'a'.repeat(40) }).tags).toEqual(['a'.repeat(40)])
  })
})

describe('R14.1 entryInputSchema rejects bad input with a German message on the right field', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t  '],
  ])('R14.1 R2.1 body %s → "Bitte schreib etwas in den Eintrag."', (_label, body) => {
    expectRejected({ ...valid, body }, 'body', 'Bitte schreib etwas in den Eintrag.')
  })

  it('R14.1 R2.1 a missing body → the same message', () => {
    const { body: _omit, ...noBody } = valid
    expectRejected(noBody, 'body', 'Bitte schreib etwas in den Eintrag.')
  })

  it('R14.1 R2.1 a body of 50 001 characters is too long', () => {
    expectRejected(
      { ...valid, body: 'x'.repeat(50_001) },
      'body',
      'Der Eintrag ist zu lang (höchstens 50 000 Zeichen).',
    )
  })

  it.each(['0', '6', '2.5', '-1', 'gut', 0, 6, 2.5])('R14.1 R2.1 mood %j is rejected', (mood) => {
    expectRejected({ ...valid, mood }, 'mood', 'Die Stimmung liegt zwischen 1 und 5 (oder keine Angabe).')
  })

  it.each(['', 'diary', 'Journal', 'entry'])('R14.1 R2.1 kind %j is rejected', (kind) => {
    expectRejected({ ...valid, kind }, 'kind', 'Bitte wähle eine Art: Tagebucheintrag, Notiz oder Reflexion.')
  })

  it('R14.1 R2.1 more than 10 distinct tags are rejected', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `tag${i}`).join(', ')
    expectRejected({ ...valid, tags: eleven }, 'tags', 'Höchstens 10 Schlagworte.')
  })

  it('R14.1 R2.1 a tag over 40 characters is rejected', () => {
    expectRejected(
      { ...valid, tags: `kurz, ${'a'.repeat(41)}` },
      'tags',
      'Ein Schlagwort hat höchstens 40 Zeichen.',
    )
  })

  it('R14.1 R2.1 a tags field over 600 characters is rejected before splitting', () => {
    expectRejected({ ...valid, tags: 'a,'.repeat(301) }, 'tags', 'Zu viele Schlagworte.')
  })

  it('R14.1 R2.1 a title over 200 characters is rejected', () => {
    expectRejected(
      { ...valid, title: 'T'.repeat(201) },
      'title',
      'Der Titel ist zu lang (höchstens 200 Zeichen).',
    )
  })

  it.each(['123', 'not-a-uuid', `${randomUUID()}x`, "1' OR '1'='1"])(
    'R14.1 R2.1 malformed promptId %j is rejected',
    (promptId) => {
      expectRejected({ ...valid, promptId }, 'promptId', 'Dieser Impuls wurde nicht gefunden.')
    },
  )

  it('R14.1 several bad fields are all reported, each on its own field', () => {
    const errors = fieldErrors({ kind: 'x', body: '', mood: '9', tags: 'b'.repeat(41), promptId: 'y' })
    expect(Object.keys(errors).sort()).toEqual(['body', 'kind', 'mood', 'promptId', 'tags'])
  })
})

describe('R14.1 listFilterSchema tolerates garbage from the query string', () => {
  it('R2.1 nothing given → page 1, no kind, no tag', () => {
    expect(PAGE_SIZE).toBe(20)
    const parsed = listFilterSchema.parse({})
    expect(parsed).toEqual({ page: 1 })
    expect(parsed.kind).toBeUndefined()
    expect(parsed.tag).toBeUndefined()
  })

  it('R2.1 valid values pass; the tag is trimmed and lower-cased like stored tags', () => {
    expect(listFilterSchema.parse({ kind: 'note', tag: '  SCHLAF ', page: '3' })).toEqual({
      kind: 'note',
      tag: 'schlaf',
      page: 3,
    })
  })

  it.each(['diary', '', 'NOTE', 42])('R14.1 unknown kind %j → undefined (no filter)', (kind) => {
    expect(listFilterSchema.parse({ kind, page: '2' })).toEqual({ kind: undefined, page: 2 })
  })

  it.each(['abc', '0', '-3', '2.5', '10001', '', 'NaN'])('R14.1 page %j → 1', (page) => {
    expect(listFilterSchema.parse({ page }).page).toBe(1)
  })

  it('R14.1 a tag over 40 characters or of the wrong type → undefined', () => {
    expect(listFilterSchema.parse({ tag: 'a'.repeat(41) }).tag).toBeUndefined()
    expect(listFilterSchema.parse({ tag: ['a', 'b'] }).tag).toBeUndefined()
  })
})

describe('R14.1 entryIdSchema and promptInputSchema', () => {
  it('R14.1 entry ids must be UUIDs', () => {
    const id = randomUUID()
    expect(entryIdSchema.parse(id)).toBe(id)
    const result = entryIdSchema.safeParse('../../etc/passwd')
    expect(result.success).toBe(false)
    expect(issueText(result.error!.issues[0]!)).toBe('Dieser Eintrag wurde nicht gefunden.')
  })

  it('R14.1 a prompt needs a client UUID and 1..2000 characters of text', () => {
    const clientId = randomUUID()
    expect(promptInputSchema.parse({ clientId, text: '  Was gab dir Kraft?  ' })).toEqual({
      clientId,
      text: 'Was gab dir Kraft?',
    })
    const empty = promptInputSchema.safeParse({ clientId, text: '   ' })
    expect(z.flattenError(empty.error!, (issue) => issueText(issue)).fieldErrors).toEqual({
      text: ['Bitte schreib einen Impuls.'],
    })
    const long = promptInputSchema.safeParse({ clientId, text: 'x'.repeat(2_001) })
    expect(z.flattenError(long.error!, (issue) => issueText(issue)).fieldErrors).toEqual({
      text: ['Der Impuls ist zu lang (höchstens 2000 Zeichen).'],
    })
    const badClient = promptInputSchema.safeParse({ clientId: 'abc', text: 'Hallo' })
    expect(z.flattenError(badClient.error!, (issue) => issueText(issue)).fieldErrors).toEqual({
      clientId: ['Diese Klientin / dieser Klient wurde nicht gefunden.'],
    })
  })
})

describe('R2.1 mood may be left out entirely', () => {
  it('a missing mood key is "no mood", not an error', () => {
    const parsed = entryInputSchema.safeParse({ kind: 'note', body: 'Text' })
    expect(parsed.success && parsed.data.mood).toBeNull()
  })
})
