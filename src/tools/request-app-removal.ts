// request_app_removal: removing an app — filed as an access request that people approve, never a direct change.
import { defineRequestTool } from './shared/request-tool.js';

export const requestAppRemoval = defineRequestTool({
  name: 'request_app_removal',
  title: 'Request removing an app',
  kind: 'app_unassign',
  lead: 'Ask for the direct app assignment of a person to be removed. Access that comes through a group is removed with request_group_remove.',
});
