/**
 * The audit trail: who did what to whom, and which attempts were refused. Kept in PostgreSQL
 * ({@code audit_log}); entries name user and chat ids, never names or phone numbers.
 */
package org.muster.audit;
