import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Cooperation links, derived from what organisations do together: every shared project, co-organised
 * event, funding (funder with each other participant of the funded project) and network membership
 * is one piece of cooperation between two organisations. Both directions are listed, so a link is read
 * from either end with an index on its first column. Archived organisations, projects and events are
 * left out.
 */
export class CooperationLinks1732700000001 implements MigrationInterface {
  name = "CooperationLinks1732700000001";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW cooperation_activity AS
      WITH pieces AS (
        -- Two participants of one project. Its date: the start for a project still to come,
        -- otherwise its end, or today while it runs.
        SELECT a.organization_id, b.organization_id AS partner_id, 'PROJECT' AS kind, a.project_id AS item_id,
               CASE WHEN pr.start_date > current_date THEN pr.start_date
                    ELSE least(coalesce(pr.end_date, current_date), current_date) END AS activity_on
        FROM project_participant a
        JOIN project_participant b ON b.project_id = a.project_id AND b.organization_id <> a.organization_id
        JOIN project pr ON pr.id = a.project_id AND pr.archived_at IS NULL
        UNION ALL
        -- Two organisers of one event.
        SELECT a.organization_id, b.organization_id, 'EVENT', a.event_id, (ev.starts_at AT TIME ZONE 'Europe/Paris')::date
        FROM event_organizer a
        JOIN event_organizer b ON b.event_id = a.event_id AND b.organization_id <> a.organization_id
        JOIN participation_event ev ON ev.id = a.event_id AND ev.archived_at IS NULL
        UNION ALL
        -- A funder and each other participant of the project it funds, both ways. Its date, like a
        -- project's: 1 January of a year still to come, otherwise 31 December, or today for this year.
        SELECT f.funder_id, pp.organization_id, 'FUNDING', f.id,
               CASE WHEN make_date(f.year, 1, 1) > current_date THEN make_date(f.year, 1, 1)
                    ELSE least(make_date(f.year, 12, 31), current_date) END
        FROM funding f
        JOIN project_participant pp ON pp.project_id = f.project_id AND pp.organization_id <> f.funder_id
        JOIN project pr ON pr.id = f.project_id AND pr.archived_at IS NULL
        UNION ALL
        SELECT pp.organization_id, f.funder_id, 'FUNDING', f.id,
               CASE WHEN make_date(f.year, 1, 1) > current_date THEN make_date(f.year, 1, 1)
                    ELSE least(make_date(f.year, 12, 31), current_date) END
        FROM funding f
        JOIN project_participant pp ON pp.project_id = f.project_id AND pp.organization_id <> f.funder_id
        JOIN project pr ON pr.id = f.project_id AND pr.archived_at IS NULL
        UNION ALL
        -- A network and its member, both ways: active until today, or until the member left.
        SELECT m.network_id, m.member_id, 'MEMBERSHIP', m.id, coalesce(m.left_on, current_date) FROM membership m
        UNION ALL
        SELECT m.member_id, m.network_id, 'MEMBERSHIP', m.id, coalesce(m.left_on, current_date) FROM membership m
      )
      SELECT DISTINCT p.organization_id, p.partner_id, p.kind, p.item_id, p.activity_on
      FROM pieces p
      JOIN organization o ON o.id = p.organization_id AND o.archived_at IS NULL
      JOIN organization po ON po.id = p.partner_id AND po.archived_at IS NULL;

      -- One row per pair of organisations (each direction): the kinds of their cooperation, its weight
      -- (the number of pieces: projects, events, fundings, memberships) and its last activity.
      CREATE VIEW cooperation_link AS
      SELECT organization_id, partner_id,
             array_agg(DISTINCT kind ORDER BY kind) AS kinds,
             count(*)::int AS weight,
             count(*) FILTER (WHERE kind = 'PROJECT')::int AS project_count,
             count(*) FILTER (WHERE kind = 'EVENT')::int AS event_count,
             count(*) FILTER (WHERE kind = 'FUNDING')::int AS funding_count,
             count(*) FILTER (WHERE kind = 'MEMBERSHIP')::int AS membership_count,
             max(activity_on) AS last_activity_on
      FROM cooperation_activity
      GROUP BY organization_id, partner_id;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW cooperation_link; DROP VIEW cooperation_activity;`);
  }
}
