// The Okta directory adapter: factory and the pieces other modules may reuse.
export { createOktaDirectory, type OktaDirectory, type OktaDirectoryOptions } from './okta-directory.js';
export { literal as oktaLiteral } from './search-expression.js';
export { userSearchExpression } from './user-reads.js';
