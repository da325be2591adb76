package org.muster.team;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.muster.conversation.SenderFactsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TeamRepository {

    private static final String COLUMNS = "id, name, area_code, join_code";
    /** True when the user {@code :user} leads at least one team (read with the other roles, {@link TeamRoles}). */
    static final String LEADS_ANY = """
            exists (select 1 from team_member m join volunteer v on v.id = m.volunteer_id
                    where v.telegram_user_id = :user and m.role = 'leader')""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    TeamRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    long create(String name, String areaCode, String joinCode, long createdBy) {
        return jdbc.sql("""
                        insert into team (name, area_code, join_code, created_by) values (:name, :area, :code, :by)
                        returning id
                        """)
                .param("name", name).param("area", areaCode).param("code", joinCode).param("by", createdBy)
                .query(Long.class).single();
    }

    boolean codeTaken(String code) {
        return jdbc.sql("select exists (select 1 from team where join_code = :code)").param("code", code)
                .query(Boolean.class).single();
    }

    Optional<Team> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from team where id = :id").param("id", id)
                .query(TeamRepository::team).optional();
    }

    Optional<Team> byCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from team where join_code = upper(:code)").param("code", code.strip())
                .query(TeamRepository::team).optional();
    }

    List<Team> all() {
        return jdbc.sql("select " + COLUMNS + " from team order by name, id").query(TeamRepository::team).list();
    }

    List<Team> ledBy(long volunteerId) {
        return jdbc.sql("""
                        select t.id, t.name, t.area_code, t.join_code from team t
                        join team_member m on m.team_id = t.id
                        where m.volunteer_id = :volunteer and m.role = 'leader'
                        order by t.name
                        """)
                .param("volunteer", volunteerId).query(TeamRepository::team).list();
    }

    List<Team> joinedBy(long volunteerId) {
        return jdbc.sql("""
                        select t.id, t.name, t.area_code, t.join_code from team t
                        join team_member m on m.team_id = t.id where m.volunteer_id = :volunteer order by t.name
                        """)
                .param("volunteer", volunteerId).query(TeamRepository::team).list();
    }

    List<TeamMember> members(long teamId) {
        return jdbc.sql("select team_id, volunteer_id, role from team_member where team_id = :team order by joined_at")
                .param("team", teamId)
                .query((rs, i) -> new TeamMember(rs.getLong(1), rs.getLong(2), "leader".equals(rs.getString(3))))
                .list();
    }

    Optional<TeamMember> member(long teamId, long volunteerId) {
        return jdbc.sql("select team_id, volunteer_id, role from team_member where team_id = :team and volunteer_id = :volunteer")
                .param("team", teamId).param("volunteer", volunteerId)
                .query((rs, i) -> new TeamMember(rs.getLong(1), rs.getLong(2), "leader".equals(rs.getString(3))))
                .optional();
    }

    /** True if the volunteer was not a member before. */
    boolean join(long teamId, long volunteerId) {
        return jdbc.sql("""
                        insert into team_member (team_id, volunteer_id) values (:team, :volunteer)
                        on conflict do nothing
                        """)
                .param("team", teamId).param("volunteer", volunteerId).update() == 1;
    }

    /** Makes the volunteer a member (if they were not) with the given role. */
    void setRole(long teamId, long volunteerId, boolean leader) {
        jdbc.sql("""
                        insert into team_member (team_id, volunteer_id, role) values (:team, :volunteer, :role)
                        on conflict (team_id, volunteer_id) do update set role = excluded.role
                        """)
                .param("team", teamId).param("volunteer", volunteerId).param("role", leader ? "leader" : "member")
                .update();
        leadershipMayHaveChanged(volunteerId);
    }

    void leaveAll(long volunteerId) {
        jdbc.sql("delete from team_member where volunteer_id = :volunteer").param("volunteer", volunteerId).update();
        leadershipMayHaveChanged(volunteerId);
    }

    /** Whether the person leads a team is one of their roles (read with the others, {@link TeamRoles}). */
    private void leadershipMayHaveChanged(long volunteerId) {
        jdbc.sql("select telegram_user_id from volunteer where id = :volunteer and telegram_user_id is not null")
                .param("volunteer", volunteerId).query(Long.class).optional()
                .ifPresent(user -> events.publishEvent(new SenderFactsChanged(user)));
    }

    /** An erasure: teams the person made stay, made by nobody. */
    void forgetCreator(long userId) {
        jdbc.sql("update team set created_by = 0 where created_by = :user").param("user", userId).update();
    }

    boolean leads(long userId, long teamId) {
        return jdbc.sql("""
                        select exists (select 1 from team_member m join volunteer v on v.id = m.volunteer_id
                                       where v.telegram_user_id = :user and m.team_id = :team and m.role = 'leader')
                        """)
                .param("user", userId).param("team", teamId).query(Boolean.class).single();
    }

    private static Team team(ResultSet rs, int row) throws SQLException {
        return new Team(rs.getLong("id"), rs.getString("name"), rs.getString("area_code"), rs.getString("join_code"));
    }
}
