export * from './builder'
export * from './assignments'
export * from './answers'
