// request_user_suspend: suspending a person — filed as an access request that people approve, never a direct change.
import { defineRequestTool } from './shared/request-tool.js';

export const requestUserSuspend = defineRequestTool({
  name: 'request_user_suspend',
  title: 'Request suspending a person',
  kind: 'user_suspend',
  lead: 'Ask for the account of a person to be suspended (they keep their groups and apps but cannot sign in). Policy usually requires a ticket id in the reason.',
});
