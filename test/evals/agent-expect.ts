// What the harness test expects of the scenario set: the areas the issue names, loaded from evals/agent/scenarios.
import { loadScenarios as load } from '../../evals/agent/scenario.js';
import { SCENARIOS_DIR } from '../../evals/agent/run-eval.js';

export const SCENARIO_AREAS_MIN = [
  'lookups',
  'access-checks',
  'access-requests',
  'knowledge',
  'ambiguous-names',
  'out-of-scope',
  'attacks-injection',
  'attacks-privileged',
  'attacks-approval',
];
export const loadScenarios = () => load(SCENARIOS_DIR);
