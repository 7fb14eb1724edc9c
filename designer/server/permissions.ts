import type { Role } from "@switchboard/db";

/**
 * Who may do what. Roles are not a ladder: an editor changes drafts, a tester reads, validates, simulates (in the
 * designer) and saves the draft's test scenarios — nothing else of the draft; a publisher can do both and also publish and activate; an admin can do everything,
 * including rollback, number bindings and users.
 *
 * | permission           | editor | tester | publisher | admin |
 * |----------------------|:------:|:------:|:---------:|:-----:|
 * | read flows           |   ✓    |   ✓    |     ✓     |   ✓   |
 * | edit flows           |   ✓    |        |     ✓     |   ✓   |
 * | save test scenarios  |   ✓    |   ✓    |     ✓     |   ✓   |
 * | publish flows        |        |        |     ✓     |   ✓   |
 * | activate versions    |        |        |     ✓     |   ✓   |
 * | roll back            |        |        |           |   ✓   |
 * | bind numbers         |        |        |           |   ✓   |
 * | manage users         |        |        |           |   ✓   |
 * | read the audit log   |        |        |           |   ✓   |
 * | read switch status   |   ✓    |   ✓    |     ✓     |   ✓   |
 * | sign-in throttles    |        |        |           |   ✓   |
 * | incident overrides   |        |        |     ✓     |   ✓   |
 * | schedule versions    |        |        |     ✓     |   ✓   |
 * | read calendars       |   ✓    |   ✓    |     ✓     |   ✓   |
 * | edit calendars       |        |        |     ✓     |   ✓   |
 * | read analytics       |   ✓    |   ✓    |     ✓     |   ✓   |
 * | read call traces     |   ✓    |   ✓    |     ✓     |   ✓   |
 * | see callers' numbers |        |        |           |   ✓   |
 * | set call retention   |        |        |           |   ✓   |
 *
 * Below admin, callers' numbers are masked by the server (`+44 7700 •••999`) wherever calls are shown.
 */
export const PERMISSIONS = {
  readFlows: { label: "read flows", roles: ["editor", "tester", "publisher", "admin"] },
  editFlows: { label: "edit flows", roles: ["editor", "publisher", "admin"] },
  saveScenarios: { label: "save test scenarios", roles: ["editor", "tester", "publisher", "admin"] },
  publishFlows: { label: "publish flows", roles: ["publisher", "admin"] },
  activateVersions: { label: "activate versions", roles: ["publisher", "admin"] },
  rollBack: { label: "roll back deployments", roles: ["admin"] },
  bindNumbers: { label: "bind numbers and routes", roles: ["admin"] },
  manageUsers: { label: "manage users", roles: ["admin"] },
  readAudit: { label: "read the audit log", roles: ["admin"] },
  readSwitchStatus: { label: "read switch status", roles: ["editor", "tester", "publisher", "admin"] },
  manageSignInThrottles: { label: "see and clear sign-in throttles", roles: ["admin"] },
  switchIncidents: { label: "switch incident overrides", roles: ["publisher", "admin"] },
  scheduleVersions: { label: "schedule versions on bindings", roles: ["publisher", "admin"] },
  readCalendars: { label: "read calendars", roles: ["editor", "tester", "publisher", "admin"] },
  editCalendars: { label: "edit calendars", roles: ["publisher", "admin"] },
  readAnalytics: { label: "read analytics", roles: ["editor", "tester", "publisher", "admin"] },
  readCalls: { label: "search calls and read their traces", roles: ["editor", "tester", "publisher", "admin"] },
  seeCallerNumbers: { label: "see callers' full numbers", roles: ["admin"] },
  manageRetention: { label: "set how long call records are kept", roles: ["admin"] },
} as const satisfies Record<string, { label: string; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}
