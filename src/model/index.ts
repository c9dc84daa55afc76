// The resource model: what the library's constructs will deploy, as typed descriptions (see docs/ARCHITECTURE.md).
export * from './coordinates';
export * from './description';
export * from './limits';
export * from './ordering';
export * from './registry';
export * from './tokens';
