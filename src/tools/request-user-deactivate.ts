// request_user_deactivate: deactivating a person (offboarding) — filed as an access request that people approve, never a direct change.
import { defineRequestTool } from './shared/request-tool.js';

export const requestUserDeactivate = defineRequestTool({
  name: 'request_user_deactivate',
  title: 'Request deactivating a person (offboarding)',
  kind: 'user_deactivate',
  lead: 'Ask for the account of a person to be deactivated when they leave: they can no longer sign in and direct app assignments are removed. Policy usually requires an HR or incident ticket in the reason.',
});
