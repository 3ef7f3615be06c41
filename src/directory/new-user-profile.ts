// A new person's directory profile in Okta's shape (the local directory keeps the same shape): one mapping for both.
import type { NewDirectoryUser } from '../core/directory.js';

/** Okta profile attributes for a user to create; optional fields are left out when empty, location goes to `city`. */
export function newUserProfile(input: NewDirectoryUser) {
  return {
    login: input.login,
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    displayName: `${input.firstName} ${input.lastName}`,
    ...(input.title ? { title: input.title } : {}),
    ...(input.department ? { department: input.department } : {}),
    ...(input.employeeNumber ? { employeeNumber: input.employeeNumber } : {}),
    ...(input.managerId ? { managerId: input.managerId } : {}),
    ...(input.location ? { city: input.location } : {}),
    ...(input.costCenter ? { costCenter: input.costCenter } : {}),
  };
}
