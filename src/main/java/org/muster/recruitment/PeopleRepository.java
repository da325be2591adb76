package org.muster.recruitment;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who holds, waits for or held a place on a call, with what a coordinator needs to reach them. */
@Repository
class PeopleRepository {

    private final JdbcClient jdbc;

    PeopleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Everyone of the call but those who left, in the order of the list: standing, then waitlist
     * position. {@code name} and {@code phone} are null for a volunteer who asked to be forgotten.
     */
    List<PeopleList.Person> of(long activityId) {
        return jdbc.sql("""
                        select v.public_id, case when v.forgotten_at is null then coalesce(v.real_name, v.display_name) end as name,
                               case when v.forgotten_at is null then v.phone end as phone,
                               e.status, e.enrolled_at, t.checked_in_at, t.checked_out_at
                        from enrollment e
                        join volunteer v on v.id = e.volunteer_id
                        left join attendance t on t.activity_id = e.activity_id and t.volunteer_id = e.volunteer_id
                        where e.activity_id = :a and e.status <> 'cancelled'
                        order by e.position, e.id
                        """)
                .param("a", activityId)
                .query((rs, i) -> new PeopleList.Person(rs.getString("public_id"), rs.getString("name"), rs.getString("phone"),
                        PeopleList.standing(rs.getString("status"), rs.getObject("checked_in_at") != null),
                        rs.getObject("enrolled_at", OffsetDateTime.class), rs.getObject("checked_in_at", OffsetDateTime.class),
                        rs.getObject("checked_out_at", OffsetDateTime.class)))
                .list();
    }
}
