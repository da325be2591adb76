package org.muster.catalog;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogRepository {

    private final JdbcClient jdbc;

    CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Several instances may start at once; they take turns. */
    void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('muster.catalog'))").query().singleRow();
    }

    void upsertArea(Area area) {
        jdbc.sql("""
                        insert into area (code, parent_code, level, name_zh, name_en, sort_order, retired)
                        values (:code, :parent, :level, :zh, :en, :sort, false)
                        on conflict (code) do update set parent_code = excluded.parent_code, level = excluded.level,
                            name_zh = excluded.name_zh, name_en = excluded.name_en, sort_order = excluded.sort_order,
                            retired = false
                        """)
                .param("code", area.code()).param("parent", area.parentCode()).param("level", area.level())
                .param("zh", area.nameZh()).param("en", area.nameEn()).param("sort", area.sortOrder())
                .update();
    }

    void upsertSkill(Skill skill) {
        jdbc.sql("""
                        insert into skill (code, name_zh, name_en, sort_order, retired)
                        values (:code, :zh, :en, :sort, false)
                        on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
                            sort_order = excluded.sort_order, retired = false
                        """)
                .param("code", skill.code()).param("zh", skill.nameZh()).param("en", skill.nameEn())
                .param("sort", skill.sortOrder())
                .update();
    }

    int retireAreasOtherThan(List<String> codes) {
        return jdbc.sql("update area set retired = true where not retired and code <> all(:codes)")
                .param("codes", codes.toArray(String[]::new)).update();
    }

    int retireSkillsOtherThan(List<String> codes) {
        return jdbc.sql("update skill set retired = true where not retired and code <> all(:codes)")
                .param("codes", codes.toArray(String[]::new)).update();
    }

    List<Area> areas() {
        return jdbc.sql("select code, parent_code, level, name_zh, name_en, sort_order, retired from area")
                .query((rs, i) -> new Area(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getBoolean(7)))
                .list();
    }

    List<Skill> skills() {
        return jdbc.sql("select code, name_zh, name_en, sort_order, retired from skill")
                .query((rs, i) -> new Skill(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5)))
                .list();
    }
}
