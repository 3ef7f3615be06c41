// request_app_assignment: an app assignment — filed as an access request that people approve, never a direct change.
import { defineRequestTool } from './shared/request-tool.js';

export const requestAppAssignment = defineRequestTool({
  name: 'request_app_assignment',
  title: 'Request an app assignment',
  kind: 'app_assign',
  lead: 'Ask for an app to be assigned to a person directly. Prefer request_group_add with the group that grants the app when check_access names one.',
});
