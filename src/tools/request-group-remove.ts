// request_group_remove: removing a person from a group — filed as an access request that people approve, never a direct change.
import { defineRequestTool } from './shared/request-tool.js';

export const requestGroupRemove = defineRequestTool({
  name: 'request_group_remove',
  title: 'Request removing a person from a group',
  kind: 'group_remove',
  lead: 'Ask for a person to be removed from a group.',
});
