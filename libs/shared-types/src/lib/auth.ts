/** Who may do what. `integrator` is for machine clients (API keys) that push detections. */
export const Roles = {
  admin: 'admin',
  operator: 'operator',
  viewer: 'viewer',
  integrator: 'integrator',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];

/** Roles a human user account can have; `integrator` belongs to API keys only. */
export const USER_ROLES = [Roles.admin, Roles.operator, Roles.viewer] as const;
export type UserRole = (typeof USER_ROLES)[number];
