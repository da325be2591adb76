/**
 * The language a user reads Muster in: {@code /lang} lets them choose Chinese or English, which is
 * stored and then wins over the language their Telegram app reports.
 */
package org.muster.language;
