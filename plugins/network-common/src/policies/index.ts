export * from './policyObjects';
export * from './policyPorts';
export * from './policyVerdict';
export * from './kubernetesPolicyEvaluation';
export * from './ciliumPolicyEvaluation';
export * from './trafficDecision';
export * from './defaultDeny';
