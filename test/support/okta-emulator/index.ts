// Okta Management API emulator for tests: start it with a seed and point the real SDK at its url.
export { startOktaEmulator, type OktaEmulator, type OktaEmulatorOptions, type RecordedCall } from './server.js';
export { parseExpression, ExpressionError, type Expr } from './expression.js';
export type { OAuthOptions } from './oauth.js';
