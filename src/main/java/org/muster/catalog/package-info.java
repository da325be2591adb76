/**
 * Areas (district → street or town → community) and skills: the organisation's reference data.
 * Read from configuration at start-up, brought into PostgreSQL, and offered to the features as
 * an immutable {@link org.muster.catalog.Catalog} with names in both languages.
 */
package org.muster.catalog;
