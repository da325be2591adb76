package org.muster.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/** @param location the areas-and-skills file; the built-in example (a part of Nanjing) by default */
@ConfigurationProperties("muster.catalog")
record CatalogProperties(@DefaultValue("classpath:catalog/catalog.yml") Resource location) {
}
