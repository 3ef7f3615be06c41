// Seed records → directory domain objects.
import type { AdminRole, DirectoryApp, DirectoryGroup, DirectoryUser, UserRef } from '../../core/directory.js';
import type { SeedApp, SeedGroup, SeedRole, SeedUser } from '../seed.js';

export function toUser(u: SeedUser): DirectoryUser {
  const p = u.profile;
  return {
    id: u.id,
    status: u.status,
    login: p.login,
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    displayName: p.displayName,
    title: p.title,
    department: p.department,
    employeeNumber: p.employeeNumber,
    managerId: p.managerId,
    location: p.city,
    costCenter: p.costCenter,
    created: u.created,
    activated: u.activated,
    statusChanged: u.statusChanged,
    lastLogin: u.lastLogin,
    lastUpdated: u.lastUpdated,
  };
}

export const toUserRef = (u: SeedUser): UserRef => ({
  id: u.id,
  login: u.profile.login,
  displayName: u.profile.displayName,
});

export function toGroup(g: SeedGroup): DirectoryGroup {
  return {
    id: g.id,
    name: g.profile.name,
    description: g.profile.description,
    type: g.type,
    created: g.created,
    lastUpdated: g.lastUpdated,
    lastMembershipUpdated: g.lastMembershipUpdated,
  };
}

export function toApp(a: SeedApp): DirectoryApp {
  return { id: a.id, name: a.name, label: a.label, status: a.status, signOnMode: a.signOnMode, created: a.created };
}

export function toRole(r: SeedRole): AdminRole {
  return { id: r.id, type: r.type, label: r.label, status: r.status, created: r.created, assignmentType: 'USER' };
}
