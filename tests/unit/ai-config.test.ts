import { describe, expect, it } from 'vitest'
import { aiConfigProblems } from '@/lib/env'

// Issue 20, R7.2 R9.1: the consent text C3 names the recipient from configuration, so a configuration that would
// send text somewhere the text does not name is refused at start.
type AiEnv = Parameters<typeof aiConfigProblems>[0]
const none: AiEnv = {
  AI_PROVIDER: undefined,
  AI_BASE_URL: undefined,
  AI_MODEL: undefined,
  AI_RECIPIENT_NAME: undefined,
  AI_RECIPIENT_COUNTRY: undefined,
  AI_RECIPIENT_HOSTING: undefined,
  MISTRAL_API_KEY: undefined,
  MISTRAL_SERVER_URL: undefined,
}
const ollama: AiEnv = {
  ...none,
  AI_PROVIDER: 'openai-compatible',
  AI_BASE_URL: 'http://127.0.0.1:11434/v1',
  AI_MODEL: 'qwen2.5:7b',
  AI_RECIPIENT_NAME: 'Praxis Sonnenberg GmbH',
  AI_RECIPIENT_COUNTRY: 'CH',
  AI_RECIPIENT_HOSTING: 'own',
}

describe('issue 20 R7.2 R9.1 AI configuration that only makes sense together', () => {
  it('nothing set, Mistral by key, and a complete OpenAI-compatible server are fine', () => {
    expect(aiConfigProblems(none)).toEqual([])
    expect(aiConfigProblems({ ...none, MISTRAL_API_KEY: 'k' })).toEqual([])
    expect(aiConfigProblems({ ...none, AI_PROVIDER: 'mistral', MISTRAL_API_KEY: 'k' })).toEqual([])
    expect(aiConfigProblems(ollama)).toEqual([])
  })

  it('an OpenAI-compatible server needs its address, model and a recipient to name', () => {
    expect(aiConfigProblems({ ...ollama, AI_RECIPIENT_NAME: undefined })).toEqual([
      'AI_RECIPIENT_NAME: required with AI_PROVIDER=openai-compatible',
    ])
    expect(
      aiConfigProblems({ ...none, AI_PROVIDER: 'openai-compatible' }).map((p) => p.split(':')[0]),
    ).toEqual([
      'AI_BASE_URL',
      'AI_MODEL',
      'AI_RECIPIENT_NAME',
      'AI_RECIPIENT_COUNTRY',
      'AI_RECIPIENT_HOSTING',
    ])
  })

  it('Mistral’s own API cannot be given another recipient; another address for it may name one, completely', () => {
    expect(aiConfigProblems({ ...none, AI_PROVIDER: 'mistral' })).toEqual([
      'MISTRAL_API_KEY: required with AI_PROVIDER=mistral',
    ])
    const renamed = {
      ...none,
      MISTRAL_API_KEY: 'k',
      AI_RECIPIENT_NAME: 'Praxis',
      AI_RECIPIENT_COUNTRY: 'CH' as const,
    }
    expect(aiConfigProblems(renamed).join('\n')).toContain("Mistral's own API always goes to Mistral AI SAS")
    expect(aiConfigProblems({ ...renamed, MISTRAL_SERVER_URL: 'http://127.0.0.1:3199' })).toEqual([
      'AI_RECIPIENT_HOSTING: name the recipient completely, or not at all',
    ])
    expect(aiConfigProblems({ ...none, MISTRAL_API_KEY: 'k', AI_BASE_URL: 'http://x/v1' })).toEqual([
      'AI_BASE_URL: only used with AI_PROVIDER=openai-compatible',
    ])
  })
})
