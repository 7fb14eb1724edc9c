import type { PrismaClient } from "@switchboard/db";

/** A live flow version whose schedules name a calendar, and where it runs. */
export interface CalendarUser {
  flow: string;
  version: number;
  /** `+15550101 (production)`, or `latest version` for a flow run as a sub-flow. */
  where: string;
}

const SCHEDULE_NAMES_CALENDAR = '$.nodes.* ? (@.type == "schedule" && @.config.calendars[*] == $name)';

/**
 * Live flows that name calendar `name` in a schedule: the versions bindings run, and each flow's latest version
 * (sub-flows nobody binds run their latest version). Searched inside the stored compiled JSON by the database.
 */
export async function liveFlowsUsingCalendar(prisma: Pick<PrismaClient, "$queryRawUnsafe">, name: string): Promise<CalendarUser[]> {
  const rows = await prisma.$queryRawUnsafe<{ flow: string; version: number; address: string | null; environment: string | null }[]>(
    `SELECT f.name AS flow, v.number AS version, b.address, b.environment::text AS environment
       FROM flow_versions v
       JOIN flows f ON f.id = v.flow_id
       LEFT JOIN bindings b ON b.active_version_id = v.id
      WHERE (b.id IS NOT NULL OR (v.number = f.latest_version_number AND f.archived_at IS NULL))
        AND jsonb_path_exists(v.compiled, '${SCHEDULE_NAMES_CALENDAR}', jsonb_build_object('name', $1::text))
      ORDER BY f.name, v.number, b.address, b.environment`,
    name,
  );
  return rows.map((row) => ({ flow: row.flow, version: row.version, where: row.address ? `${row.address} (${row.environment})` : "latest version" }));
}

/** `"holiday-hours" v3 on +15550101 (production), "holiday-hours" v4 latest version`. */
export function describeCalendarUsers(users: readonly CalendarUser[]): string {
  return users.map((user) => `"${user.flow}" v${user.version} ${user.where === "latest version" ? "(latest version)" : `on ${user.where}`}`).join(", ");
}
