package org.muster.admin;

import java.util.List;

import org.muster.conversation.SenderFactsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffRoleRepository {

    /** True when the user {@code :user} was granted the coordinator role (read with the other roles, {@link StaffRoles}). */
    static final String IS_COORDINATOR = "exists (select 1 from staff_role where user_id = :user and role = 'coordinator')";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    StaffRoleRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }


    /** True if the role is new. */
    boolean grant(long userId, long by) {
        boolean granted = jdbc.sql("insert into staff_role (user_id, role, granted_by) values (:user, 'coordinator', :by) on conflict do nothing")
                .param("user", userId).param("by", by).update() == 1;
        events.publishEvent(new SenderFactsChanged(userId));
        return granted;
    }

    boolean revoke(long userId) {
        boolean revoked = jdbc.sql("delete from staff_role where user_id = :user and role = 'coordinator'")
                .param("user", userId).update() == 1;
        events.publishEvent(new SenderFactsChanged(userId));
        return revoked;
    }

    List<Long> coordinators() {
        return jdbc.sql("select user_id from staff_role where role = 'coordinator' order by granted_at")
                .query(Long.class).list();
    }

    /** An erasure: no granted role for the person; the roles they granted stay, granted by nobody. */
    void forget(long userId) {
        jdbc.sql("delete from staff_role where user_id = :user").param("user", userId).update();
        jdbc.sql("update staff_role set granted_by = 0 where granted_by = :user").param("user", userId).update();
        events.publishEvent(SenderFactsChanged.forgotten(userId));
    }
}
