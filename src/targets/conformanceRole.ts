/**
 * The execution role every conformance function is created with where no real role is needed: by
 * the memory target, and by the aws target against an endpoint (an emulator) when the scenario
 * gives no `role`. Real AWS needs a role Lambda can assume (`target.role`).
 */
export const CONFORMANCE_ROLE = 'arn:aws:iam::123456789012:role/lambda-conformance';
