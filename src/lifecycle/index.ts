// Lifecycle automations: durable jobs, Okta/BambooHR hooks and pollers, joiner/mover/leaver workflows, drift alerts, licences.
export { createLifecycle, type Lifecycle, type LifecycleDeps } from './create-lifecycle.js';
export { createJobRunner, type JobRunner, type JobRunnerOptions, type JobHandler } from './job-runner.js';
export { oktaHooksRoutes, secretMatches, type OktaHooksDeps } from './okta-hooks-routes.js';
export { bambooHooksRoutes, type BambooHooksDeps } from './bamboohr-hooks-routes.js';
export { createLogPoller, type LogPoller } from './log-poller.js';
export { createAlertSink, alertPayload, type Alert, type AlertSink } from './alerts.js';
export { licenceReport, type LicenceReport, type LicenceRow } from './licences.js';
export { birthrightFor } from './birthright.js';
export { classifyHrChange } from './hr-classify.js';
