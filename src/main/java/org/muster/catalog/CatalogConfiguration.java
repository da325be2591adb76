package org.muster.catalog;

import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the catalog file and brings the database in line with it at start-up: new entries are
 * added, changed names updated, and entries no longer in the file retired. The catalog the
 * features get is what the database then holds, retired entries included by name.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

    @Bean
    Catalog catalog(CatalogProperties properties, CatalogRepository repository, TransactionTemplate transactions) {
        Catalog configured = CatalogFile.read(properties.location());
        List<Area> areas = allAreas(configured);
        return transactions.execute(status -> {
            repository.lock();
            // parents first, so that every parent_code refers to a row
            areas.stream().sorted(Comparator.comparingInt(Area::level)).forEach(repository::upsertArea);
            configured.skills().forEach(repository::upsertSkill);
            int retiredAreas = repository.retireAreasOtherThan(areas.stream().map(Area::code).toList());
            int retiredSkills = repository.retireSkillsOtherThan(configured.skills().stream().map(Skill::code).toList());
            log.info("catalog {}: {} areas, {} skills ({} areas and {} skills retired)",
                    properties.location().getDescription(), areas.size(), configured.skills().size(), retiredAreas, retiredSkills);
            return new Catalog(repository.areas(), repository.skills());
        });
    }

    private static List<Area> allAreas(Catalog catalog) {
        List<Area> all = new java.util.ArrayList<>();
        collect(catalog, catalog.topAreas(), all);
        return all;
    }

    private static void collect(Catalog catalog, List<Area> level, List<Area> out) {
        for (Area area : level) {
            out.add(area);
            collect(catalog, catalog.children(area.code()), out);
        }
    }
}
