// request_group_add: adding a person to a group — filed as an access request that people approve, never a direct change.
import { defineRequestTool } from './shared/request-tool.js';

export const requestGroupAdd = defineRequestTool({
  name: 'request_group_add',
  title: 'Request adding a person to a group',
  kind: 'group_add',
  lead: 'Ask for a person to be added to a group (which may grant apps).',
});
